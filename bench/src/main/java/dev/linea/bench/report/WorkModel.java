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
 *   <li>ScoringBench: 8·p + 8 bytes per row scored (the row, and the score written), × 1024 for the batch forms.</li>
 * </ul>
 * {@link #intensity} adds the flops per byte of the kernels where both are known, for the roofline chart.
 */
public final class WorkModel {
    /** Rows per batch call of ScoringBench (its {@code BATCH}; kept here so the report needs no bench class). */
    static final int SCORING_BATCH = 1024;

    private WorkModel() {
    }

    /** Whether the benchmark is reported in GB/s (true) or GFLOP/s (false). */
    public static boolean memoryBound(String benchmark) {
        return !(benchmark.startsWith("Level3Bench") || benchmark.startsWith("FactorizationBench")
                || benchmark.startsWith("FitBench") || benchmark.startsWith("MixedWorkloadBench")
                || benchmark.startsWith("EstimatorPathBench")
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
            case "ScoringBench.predictRow", "ScoringBench.dotRow":
                return 8.0 * Double.parseDouble(s) + 8;
            case "ScoringBench.predictBatch", "ScoringBench.gemvBatch":
                return SCORING_BATCH * (8.0 * Double.parseDouble(s) + 8);
            case "ScorerBench.singleDouble", "ScorerBench.rawDot":
                return 8.0 * Double.parseDouble(s) + 8;
            case "ScorerBench.singleFloat":
                return 4.0 * Double.parseDouble(s) + 8;
            case "ScorerBench.batchDouble", "ScorerBench.topTenOf1024":
                return SCORING_BATCH * (8.0 * Double.parseDouble(s) + 8);
            case "ScorerBench.batchFloat":
                return SCORING_BATCH * (4.0 * Double.parseDouble(s) + 8);
            case "EstimatorPathBench.logisticLbfgs", "EstimatorPathBench.logisticNewton",
                 "EstimatorPathBench.lassoPath":
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

    /**
     * Arithmetic intensity, flops per byte of memory traffic, of one operation: where the kernel sits on a
     * roofline. NaN for the machine-limit probes, the whole fits and the mixed workloads (mixtures of kernels).
     * <ul>
     *   <li>dot 2/16, axpy 2/24: one multiply-add per element read (and written).</li>
     *   <li>gemv 2/8: one multiply-add per element of A; x and y are small and stay in cache.</li>
     *   <li>fused gradients 4/8: two multiply-adds per element of X (the row's dot, then its share of the
     *       gradient) for one read. The two-GEMV gradient does the same flops but reads X twice; it is counted with
     *       the same useful bytes as {@link #work}, so it shows as a point below the roof rather than to its left.</li>
     *   <li>scoring 2p/(8p + 8): a dot per row.</li>
     *   <li>gram (n+1)/8: m·n·(n+1) flops over one read of X (the n×n result stays in cache);
     *       gemm n/12: 2n³ over the three n×n matrices; cholesky n/48: n³/3 over a read and a write of the
     *       matrix; qr (2mn² − 2n³/3)/(16mn): likewise.</li>
     * </ul>
     */
    public static double intensity(String benchmark, String shape) {
        try {
            switch (benchmark) {
                case "Level1Bench.dot":
                    return 2.0 / 16;
                case "Level1Bench.axpy":
                    return 2.0 / 24;
                case "GemvBench.gemvN", "GemvBench.gemvT":
                    return 2.0 / 8;
                case "FusedGradientBench.leastSquares", "FusedGradientBench.logistic", "FusedGradientBench.twoGemv":
                    return 4.0 / 8;
                case "ScoringBench.predictRow", "ScoringBench.dotRow", "ScoringBench.predictBatch",
                     "ScoringBench.gemvBatch": {
                    double p = Double.parseDouble(shape);
                    return 2 * p / (8 * p + 8);
                }
                case "Level3Bench.gemm":
                    return Double.parseDouble(shape) / 12;
                case "FactorizationBench.cholesky":
                    return Double.parseDouble(shape) / 48;
                default:
                    break;
            }
            if (shape.contains("x")) {
                String[] p = shape.split("x");
                double m = Double.parseDouble(p[0]);
                double n = Double.parseDouble(p[1]);
                if (benchmark.startsWith("Level3Bench.gram")) {
                    return (n + 1) / 8;
                }
                if (benchmark.equals("FactorizationBench.qr")) {
                    return (2 * m * n * n - 2 * n * n * n / 3) / (16 * m * n);
                }
            }
        } catch (NumberFormatException e) {
            return Double.NaN; // a shape this model does not know: no point on the roofline
        }
        return Double.NaN;
    }

    /** Flops of one operation where {@link #intensity} is known: bytes × intensity, or the flop count itself. */
    public static double flops(Measurement r, double fmaFlops, long limitElements) {
        double i = intensity(r.benchmark(), r.shape());
        if (Double.isNaN(i)) {
            return Double.NaN;
        }
        double w = work(r, fmaFlops, limitElements);
        return memoryBound(r.benchmark()) ? w * i : w;
    }
}
