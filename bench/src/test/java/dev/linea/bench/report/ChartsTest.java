package dev.linea.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Charts render headless from a small synthetic run: every expected PNG exists, is non-empty and is a PNG. */
class ChartsTest {
    /** Elements per limit array and flops per peakFma call: arbitrary, only the rates' scale depends on them. */
    static final long LIMIT_ELEMENTS = 8 << 20;
    static final double FMA_FLOPS = 1e9;

    static Measurement m(String bench, String backend, String param, String shape, double seconds) {
        Map<String, String> params = backend.isEmpty() ? Map.of(param, shape) : Map.of("backend", backend, param, shape);
        return new Measurement(bench, backend, shape, 1, seconds, Double.NaN, params);
    }

    static List<Measurement> synthetic() {
        List<Measurement> rows = new ArrayList<>();
        rows.add(new Measurement("MachineLimitsBench.readSum", "", "", 1, 8.0 * LIMIT_ELEMENTS / 20e9, Double.NaN,
                Map.of()));
        rows.add(new Measurement("MachineLimitsBench.peakFma", "", "", 1, FMA_FLOPS / 50e9, Double.NaN, Map.of()));
        for (String b : List.of("scalar", "vector")) {
            double speed = b.equals("scalar") ? 1 : 4;
            for (String n : List.of("1000", "10000", "1000000")) {
                rows.add(m("Level1Bench.dot", b, "n", n, 16 * Double.parseDouble(n) / (5e9 * speed)));
            }
            // One cell missing on purpose (vector at 10000x1000): the bar chart must still render.
            for (String s : b.equals("scalar") ? List.of("1000x1000", "10000x1000") : List.of("1000x1000")) {
                rows.add(m("GemvBench.gemvN", b, "gemvShape", s, 8 * Charts.size(s) / (4e9 * speed)));
            }
            rows.add(m("Level3Bench.gemm", b, "gemmN", "500", 2 * 500.0 * 500 * 500 / (2e9 * speed)));
            rows.add(m("ScoringBench.dotRow", b, "p", "64", 30e-9 / speed));
        }
        rows.add(m("ScoringBench.predictRow", "", "p", "64", 40e-9));
        rows.add(m("ScoringBench.predictRow", "", "p", "256", 90e-9));
        rows.add(m("MixedWorkloadBench.ridgeThenScore", "vector", "mixedShape", "100000x100", 0.1));
        return rows;
    }

    @Test
    void writesNonEmptyPngs(@TempDir Path dir) throws IOException {
        BenchReport report = new BenchReport(synthetic(), LIMIT_ELEMENTS, FMA_FLOPS);
        Map<String, String> files = Charts.write(report, dir);

        assertThat(files).containsKeys(Charts.ROOFLINE_KEY, "Level1Bench.dot", "GemvBench.gemvN", "Level3Bench.gemm",
                "ScoringBench.dotRow", "ScoringBench.predictRow");
        // No rate, no chart: the mixed workload is compared by time only.
        assertThat(files).doesNotContainKey("MixedWorkloadBench.ridgeThenScore");
        for (String f : files.values()) {
            Path p = dir.resolve(f);
            assertThat(p).exists();
            byte[] bytes = Files.readAllBytes(p);
            assertThat(bytes.length).as(f).isGreaterThan(1000);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as(f).isEqualTo("PNG");
        }
        assertThat(report.markdown(Map.of(), files, null, "none given")).contains("![roofline](roofline.png)")
                .contains("(chart-Level1Bench-dot.png)").contains("Skipped: none given");
    }

    @Test
    void rooflineCoordinatesFollowTheWorkModel() {
        BenchReport report = new BenchReport(synthetic(), LIMIT_ELEMENTS, FMA_FLOPS);
        assertThat(WorkModel.intensity("Level1Bench.dot", "1000")).isEqualTo(2.0 / 16);
        assertThat(WorkModel.intensity("GemvBench.gemvT", "10x10")).isEqualTo(2.0 / 8);
        assertThat(WorkModel.intensity("FusedGradientBench.logistic", "10x10")).isEqualTo(4.0 / 8);
        assertThat(WorkModel.intensity("Level3Bench.gemm", "600")).isEqualTo(50);
        assertThat(WorkModel.intensity("FitBench.olsQr", "1000x10")).isNaN();
        // Scoring: 8p + 8 bytes per row; 30 ns per row at p = 64 on vector (÷ 4 in the synthetic run).
        Measurement score = m("ScoringBench.dotRow", "vector", "p", "64", 7.5e-9);
        assertThat(WorkModel.memoryBound(score.benchmark())).isTrue();
        assertThat(report.rate(score)).isCloseTo(520 / 7.5e-9 / 1e9, within(1e-9));
        assertThat(report.gflops(score)).isCloseTo(128 / 7.5e-9 / 1e9, within(1e-9));
        Measurement batch = m("ScoringBench.gemvBatch", "native", "p", "16", 1e-6);
        assertThat(report.rate(batch)).isCloseTo(1024 * 136 / 1e-6 / 1e9, within(1e-9));
        // Compute-bound: the achieved GFLOP/s is the rate itself.
        Measurement gemm = m("Level3Bench.gemm", "vector", "gemmN", "500", 0.01);
        assertThat(report.gflops(gemm)).isEqualTo(report.rate(gemm));
        assertThat(report.limits().get("read_GBps")).isCloseTo(20, within(1e-9));
        assertThat(report.limits().get("peak_fma_GFLOPps")).isCloseTo(50, within(1e-9));
    }

    @Test
    void rooflineNeedsOnlyTheLimits(@TempDir Path dir) throws IOException {
        List<Measurement> limitsOnly = synthetic().subList(0, 2);
        Map<String, String> files = Charts.write(new BenchReport(limitsOnly, LIMIT_ELEMENTS, FMA_FLOPS), dir);
        assertThat(files).containsOnlyKeys(Charts.ROOFLINE_KEY);
        assertThat(Files.size(dir.resolve(Charts.ROOFLINE))).isPositive();
    }

    @Test
    void nothingToDrawWritesNothing(@TempDir Path dir) throws IOException {
        assertThat(Charts.write(new BenchReport(List.of(), LIMIT_ELEMENTS, FMA_FLOPS), dir)).isEmpty();
    }
}
