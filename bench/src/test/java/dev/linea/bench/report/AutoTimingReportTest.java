package dev.linea.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The alternating auto timing: medians, the best single backend, and its table in the report. */
class AutoTimingReportTest {

    private static AutoTiming timing() {
        Map<String, double[]> rounds = new LinkedHashMap<>();
        // vector's median 2.0, native's 2.4, auto's 2.1: best vector, auto ÷ best 1.05
        rounds.put("vector", new double[]{2.0, 1.9, 2.2, 2.0, 5.0});
        rounds.put("native", new double[]{2.4, 2.5, 2.3, 2.4, 2.4});
        rounds.put("auto", new double[]{2.1, 2.1, 1.9, 2.4, 2.0});
        return new AutoTiming("Level1Bench.dot", "10000", rounds, Map.of("scalar", "6.00× the fastest in JMH"));
    }

    @Test
    void theBestSingleBackendIsTheSmallestMedianAndAutoIsNotOne() {
        AutoTiming t = timing();
        assertThat(t.median("vector")).isEqualTo(2.0);
        assertThat(t.median("native")).isEqualTo(2.4);
        assertThat(t.median("auto")).isEqualTo(2.1);
        assertThat(t.median("scalar")).isNaN();
        assertThat(t.bestSingle()).isEqualTo("vector");
        assertThat(t.ratio()).isCloseTo(1.05, within(1e-12));
        // per round against vector: 1.05, 1.105…, 0.8636…, 1.2, 0.4
        double[] range = t.roundRatioRange();
        assertThat(range[0]).isCloseTo(0.4, within(1e-12));
        assertThat(range[1]).isCloseTo(1.2, within(1e-12));
    }

    @Test
    void autoFasterThanEverySingleBackendGivesARatioBelowOne() {
        AutoTiming t = new AutoTiming("GemvBench.gemvN", "10000x1000",
                Map.of("native", new double[]{4.0}, "vector", new double[]{5.0}, "auto", new double[]{3.6}),
                Map.of());
        assertThat(t.bestSingle()).isEqualTo("native");
        assertThat(t.ratio()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void withTwoJvmsPerBackendEachPairOfJvmsWeighsAlike() {
        // Rounds 0, 2, 4 ran on the JVMs numbered 0 (auto 2.0 against vector 1.8: 1.111…), rounds 1, 3 on the JVMs
        // numbered 1 (1.9 against 2.05: 0.9268…). One median over every round lands in the first cluster; the
        // geometric mean of the two pairs' medians weighs both JVM pairs alike.
        Map<String, double[]> rounds = new LinkedHashMap<>();
        rounds.put("vector", new double[]{1.8, 2.05, 1.8, 2.05, 1.8});
        rounds.put("auto", new double[]{2.0, 1.9, 2.0, 1.9, 2.0});
        AutoTiming two = new AutoTiming("ScoringBench.dotRow", "64", rounds, Map.of(), 2);
        assertThat(two.ratio()).isCloseTo(Math.sqrt((2.0 / 1.8) * (1.9 / 2.05)), within(1e-12));
        AutoTiming one = new AutoTiming("ScoringBench.dotRow", "64", rounds, Map.of(), 1);
        assertThat(one.ratio()).isCloseTo(2.0 / 1.8, within(1e-12));
    }

    @Test
    void timingsSurviveTheirJsonFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("auto-versus-best.json");
        AutoTiming.write(f, List.of(timing(), new AutoTiming("GemvBench.gemvN", "10000x1000",
                Map.of("auto", new double[]{1, 2}), Map.of(), 2)), "how");
        List<AutoTiming> back = AutoTiming.read(f);
        assertThat(back).hasSize(2);
        assertThat(back.get(0).jvms()).isEqualTo(1);
        assertThat(back.get(1).jvms()).isEqualTo(2);
        AutoTiming t = back.getFirst();
        assertThat(t.benchmark()).isEqualTo("Level1Bench.dot");
        assertThat(t.shape()).isEqualTo("10000");
        assertThat(t.rounds().keySet()).containsExactly("vector", "native", "auto");
        assertThat(t.rounds().get("vector")).containsExactly(2.0, 1.9, 2.2, 2.0, 5.0);
        assertThat(t.leftOut()).containsEntry("scalar", "6.00× the fastest in JMH");
    }

    @Test
    void theReportDecidesWithinTenPercentOnTheAlternatingTimingAndShowsJmhBesideIt() throws IOException {
        String json = "[" + String.join(",",
                BenchReportLimitsTest.result("Level1Bench.dot", "avgt", "\"backend\":\"vector\",\"n\":\"10000\"",
                        2.0, 1.9),
                BenchReportLimitsTest.result("Level1Bench.dot", "avgt", "\"backend\":\"auto\",\"n\":\"10000\"",
                        2.6, 2.0),
                // not timed alternately: stays in a JMH-only table
                BenchReportLimitsTest.result("Level1Bench.dot", "avgt", "\"backend\":\"vector\",\"n\":\"1000\"",
                        0.2, 0.2),
                BenchReportLimitsTest.result("Level1Bench.dot", "avgt", "\"backend\":\"auto\",\"n\":\"1000\"",
                        0.3, 0.3)) + "]";
        BenchReport r = new BenchReport(BenchReport.parse(json), BenchReportLimitsTest.LIMIT_ELEMENTS,
                BenchReportLimitsTest.FMA_FLOPS);
        String md = r.markdown(Map.of(), Map.of(), null, "none", List.of(timing()), "the method sentence");
        assertThat(md).contains("Timed alternately: the method sentence.")
                .contains("Within 10% on 1 of 1 shapes.")
                // JMH alone would say 1.30 for this shape; the alternating median says 1.05
                .contains("| Level1Bench.dot | 10000 | vector | 2.100 s | 2.000 s | 1.050 | 0.40–1.20 | 1.30 | "
                        + "scalar (6.00× the fastest in JMH) |")
                .contains("Not timed alternately")
                .contains("| Level1Bench.dot | 1000 | vector | 300.0 ns | 200.0 ns | 1.500 **> 1.10** |");
        assertThat(r.json(List.of(timing()))).contains("\"autoVersusBest\"").contains("\"best\" : \"vector\"")
                .contains("\"autoOverBest\" : 1.05");
        assertThat(r.json()).doesNotContain("autoVersusBest");
        // Without alternating timings the JMH table alone is the comparison, as before.
        assertThat(r.markdown(Map.of())).contains("## auto against the best single backend")
                .doesNotContain("Timed alternately").contains("Within 10% on 0 of 2 shapes.");
    }
}
