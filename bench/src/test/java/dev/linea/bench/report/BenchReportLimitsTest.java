package dev.linea.bench.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The machine limits are the probes' fastest samples, so a kernel's share of them is not inflated by noise. */
class BenchReportLimitsTest {
    static final long LIMIT_ELEMENTS = 8 << 20;
    static final double FMA_FLOPS = 6.291456e6; // 2 flops × 4 lanes × 12 chains × 2^16 steps

    /** One JMH result as JMH writes it: mean score, error, the 0th and 50th percentiles, unit µs/op. */
    static String result(String benchmark, String mode, String params, double mean, double p0) {
        return "{\"benchmark\":\"dev.linea.bench." + benchmark + "\",\"mode\":\"" + mode + "\",\"threads\":1,"
                + "\"params\":{" + params + "},\"primaryMetric\":{\"score\":" + mean + ",\"scoreError\":1.0,"
                + "\"scorePercentiles\":{\"0.0\":" + p0 + ",\"50.0\":" + mean + "},\"scoreUnit\":\"us/op\"}}";
    }

    static BenchReport report() throws IOException {
        String json = "[" + String.join(",",
                // peakFma: mean 304 µs (20.7 GFLOP/s, the core shared), fastest call 136.448 µs (46.1 GFLOP/s)
                result("MachineLimitsBench.peakFma", "sample", "", 304.0, 136.448),
                // readSum: 64 MB, mean 3200 µs (21.0 GB/s), fastest 2000 µs (33.6 GB/s)
                result("MachineLimitsBench.readSum", "sample", "", 3200.0, 2000.0),
                result("MachineLimitsBench.triad", "sample", "", 11000.0, 9000.0),
                // native Gram 500×500: 500·500·501 flops in 3132 µs = 40.0 GFLOP/s
                result("Level3Bench.gram", "avgt", "\"backend\":\"native\",\"gramShape\":\"500x500\"", 3132.0,
                        3000.0),
                // vector dot 1e7: 160 MB in 7000 µs = 22.9 GB/s
                result("Level1Bench.dot", "avgt", "\"backend\":\"vector\",\"n\":\"10000000\"", 7000.0, 6500.0))
                + "]";
        List<Measurement> rows = BenchReport.parse(json);
        return new BenchReport(rows, LIMIT_ELEMENTS, FMA_FLOPS);
    }

    @Test
    void theFastestSampleIsParsed() throws IOException {
        List<Measurement> rows = BenchReport.parse("[" + result("MachineLimitsBench.peakFma", "sample", "", 304.0,
                136.448) + "]");
        assertThat(rows.getFirst().seconds()).isCloseTo(304e-6, within(1e-12));
        assertThat(rows.getFirst().best()).isCloseTo(136.448e-6, within(1e-12));
    }

    @Test
    void limitsAreTheProbesFastestSamples() throws IOException {
        Map<String, Double> limits = report().limits();
        assertThat(limits.get("peak_fma_GFLOPps")).isCloseTo(FMA_FLOPS / 136.448e-6 / 1e9, within(1e-9));
        assertThat(limits.get("read_GBps")).isCloseTo(8.0 * LIMIT_ELEMENTS / 2000e-6 / 1e9, within(1e-9));
        assertThat(limits.get("triad_1thread_GBps")).isCloseTo(24.0 * LIMIT_ELEMENTS / 9000e-6 / 1e9, within(1e-9));
    }

    @Test
    void kernelsShowAtOrBelowTheirCeiling() throws IOException {
        String md = report().markdown(Map.of());
        // Against the mean of the FMA probe (20.7 GFLOP/s) the Gram would show at 193%; against the ceiling, 87%.
        assertThat(md).contains("| 500x500 | native | 3.132 ms |").contains("| 39.99 | 87% |");
        // dot 1e7: 22.9 GB/s is 68% of the 33.6 GB/s read ceiling; against the triad it is a ratio, not a share.
        assertThat(md).contains("| 22.86 | 1.02× | 68% |");
        assertThat(md).contains("fastest call");
    }

    @Test
    void aResultWithoutPercentilesFallsBackToTheMean() throws IOException {
        String json = "[{\"benchmark\":\"dev.linea.bench.MachineLimitsBench.peakFma\",\"threads\":1,\"params\":{},"
                + "\"primaryMetric\":{\"score\":200.0,\"scoreError\":1.0,\"scoreUnit\":\"us/op\"}}]";
        BenchReport r = new BenchReport(BenchReport.parse(json), LIMIT_ELEMENTS, FMA_FLOPS);
        assertThat(r.limits().get("peak_fma_GFLOPps")).isCloseTo(FMA_FLOPS / 200e-6 / 1e9, within(1e-9));
    }
}
