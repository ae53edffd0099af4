package dev.linea.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** reference.json is read as the script writes it, and the report's table pairs it with the same-shape fit. */
class ReferenceReportTest {
    static final String JSON = """
            {"generated": "2026-12-03T08:00:00Z", "threads": 1, "results": [
              {"name": "ridge (alpha=1, cholesky)", "shape": "100000x100", "seconds": 0.5, "runs": [0.5, 0.6, 0.4],
               "tool": "sklearn Ridge", "version": "1.2.1", "linea": "FitBench.ridgeCholesky"},
              {"name": "OLS", "shape": "100000x100", "seconds": 1.0, "tool": "numpy.linalg.lstsq", "version": "1.24.2",
               "linea": "FitBench.olsQr,FitBench.olsNormalEquations"},
              {"name": "lasso path (100 lambdas)", "shape": "10000x1000", "seconds": null, "tool": "R glmnet",
               "version": "", "linea": "", "skipped": "Rscript not found"}]}
            """;

    @Test
    void tablePairsToolAndLinea(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("reference.json");
        Files.writeString(f, JSON);
        List<Reference> refs = Reference.read(f);
        assertThat(refs).hasSize(3);
        assertThat(refs.get(0).seconds()).isEqualTo(0.5);
        assertThat(refs.get(2).seconds()).isNaN();
        assertThat(refs.get(2).skipped()).isEqualTo("Rscript not found");

        List<Measurement> rows = List.of(
                ChartsTest.m("FitBench.ridgeCholesky", "vector", "fitShape", "100000x100", 0.25),
                ChartsTest.m("FitBench.ridgeCholesky", "native", "fitShape", "100000x100", 0.2),
                ChartsTest.m("FitBench.olsQr", "native", "fitShape", "100000x100", 0.5),
                ChartsTest.m("FitBench.olsNormalEquations", "vector", "fitShape", "100000x100", 0.4));
        String md = new BenchReport(rows, ChartsTest.LIMIT_ELEMENTS, ChartsTest.FMA_FLOPS)
                .markdown(Map.of(), Map.of(), refs, "unused");
        assertThat(md).contains("## Reference tools (same machine)")
                .contains("| ridge (alpha=1, cholesky) | 100000x100 | sklearn Ridge | 1.2.1 | 500.000 ms | "
                        + "200.000 ms (FitBench.ridgeCholesky, native) | 2.50× |")
                .contains("| OLS | 100000x100 | numpy.linalg.lstsq | 1.24.2 | 1.000 s | "
                        + "400.000 ms (FitBench.olsNormalEquations, vector) | 2.50× |")
                .contains("skipped: Rscript not found");
    }

    /** The script's two-thread rows are for its own table: the report, set beside single-thread JMH, drops them. */
    @Test
    void multiThreadRowsAreLeftOut(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("reference.json");
        Files.writeString(f, """
                {"results": [
                  {"name": "ridge", "shape": "200000x100", "threads": 1, "seconds": 0.5, "tool": "sklearn Ridge",
                   "linea": "FitBench.ridgeCholesky"},
                  {"name": "ridge", "shape": "200000x100", "threads": 2, "seconds": 0.3, "tool": "sklearn Ridge",
                   "linea": "FitBench.ridgeCholesky"}],
                 "linea": [{"task": "ridge", "threads": 1, "seconds": 0.2, "shape": "200000x100"}]}
                """);
        List<Reference> refs = Reference.read(f);
        assertThat(refs).hasSize(1);
        assertThat(refs.get(0).seconds()).isEqualTo(0.5);
    }
}
