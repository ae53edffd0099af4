package dev.linea.bench.report;

/**
 * What one operation of each benchmark does, so that a time becomes a rate: bytes moved for the memory-bound
 * kernels (GB/s), floating-point operations for the compute-bound ones (GFLOP/s). The counts are the algorithms'
 * useful work, stated here once:
 * <ul>
 *   <li>dot: 16·n bytes; axpy: 24·n bytes (read x, y; write y).</li>
 *   <li>gemv, fused gradients, two-GEMV gradient: 8·m·n bytes, the matrix once — so a two-pass formulation shows
 *       as half the rate of a one-pass one at the same speed of memory.</li>
 *   <li>gram: m·n·(n+1) flops (the m·n·(n+1)/2 multiply-adds of one triangle); gemm: 2·n³.</li>
 *   <li>cholesky: n³/3 flops; qr: 2·m·n² − 2·n³/3 flops.</li>
 *   <li>triad: 24 bytes per element; readSum: 8; peakFma: 2 flops per lane per FMA.</li>
 * </ul>
 */
public final class WorkModel {
    private WorkModel() {
    }

    /** Whether the benchmark is reported in GB/s (true) or GFLOP/s (false). */
    public static boolean memoryBound(String benchmark) {
        return !(benchmark.startsWith("Level3Bench") || benchmark.startsWith("FactorizationBench")
                || benchmark.startsWith("FitBench") || benchmark.startsWith("MixedWorkloadBench")
                || benchmark.equals("MachineLimitsBench.peakFma"));
    }

    /** Bytes (memory-bound) or flops (compute-bound) of one operation; NaN when unknown. */
    public static double work(Measurement r, double fmaFlops, long limitElements) {
        String b = r.benchmark();
        String s = r.shape();
        switch (b) {
            case "Level1Bench.dot":
                return 16.0 * Double.parseDouble(s);
            case "Level1Bench.axpy":
                return 24.0 * Double.parseDouble(s);
            case "MachineLimitsBench.triad", "MachineLimitsBench.triadAllThreads":
                return 24.0 * limitElements;
            case "MachineLimitsBench.readSum":
                return 8.0 * limitElements;
            case "MachineLimitsBench.peakFma":
                return fmaFlops;
            case "MixedWorkloadBench.ridgeThenScore", "MixedWorkloadBench.ridgeCvThenScore":
                return Double.NaN; // a mix of kernels: compared by time only
            case "Level3Bench.gemm": {
                double n = Double.parseDouble(s);
                return 2 * n * n * n;
            }
            case "FactorizationBench.cholesky": {
                double n = Double.parseDouble(s);
                return n * n * n / 3;
            }
            default:
                break;
        }
        if (s.contains("x")) {
            String[] p = s.split("x");
            double m = Double.parseDouble(p[0]);
            double n = Double.parseDouble(p[1]);
            if (b.startsWith("Level3Bench.gram")) {
                return m * n * (n + 1);
            }
            // Fits: the dominant kernel's flops (Gram m·n·(n+1) one triangle counted as GEMM would; QR 2mn² − 2n³/3;
            // RidgeCV adds the m×n×n GEMM U = X·V), so "% peak" says how close the whole fit runs to its core.
            switch (b) {
                case "FitBench.olsNormalEquations", "FitBench.ridgeCholesky":
                    return m * n * (n + 1);
                case "FitBench.olsQr":
                    return 2 * m * n * n - 2 * n * n * n / 3;
                case "FitBench.ridgeCv":
                    return m * n * (n + 1) + 2 * m * n * n;
                default:
                    break;
            }
            if (b.equals("FactorizationBench.qr")) {
                return 2 * m * n * n - 2 * n * n * n / 3;
            }
            return 8 * m * n;
        }
        return Double.NaN;
    }
}
