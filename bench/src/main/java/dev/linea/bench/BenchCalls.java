package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;

import java.util.function.Function;

/**
 * The body of a JMH benchmark as a plain call on one backend, for {@link AutoVersusBest}'s alternating timing: the
 * same kernel call on the same data (same seeds, same shapes) as the benchmark method, so the two measure the same
 * thing. Only the benchmarks whose rows feed the "auto against the best single backend" table in quick mode are
 * here ({@link #supports}); others stay JMH-only in the report.
 */
final class BenchCalls {
    private BenchCalls() {
    }

    /**
     * One benchmark call on one shape. {@link #prepare} is untimed (like JMH's {@code Level.Invocation} setup: the
     * Cholesky's copy of the matrix), {@link #run} is the timed body.
     */
    interface Call {
        /** Untimed work before each {@link #run} (nothing for most). */
        default void prepare() {
        }

        /** @return whether {@link #prepare} does anything (then each call is timed on its own). */
        default boolean hasPrepare() {
            return false;
        }

        /** The benchmark body; the result is returned so the JIT cannot drop the call. */
        double run();

        /**
         * {@code count} calls of {@link #run} back to back (no {@link #prepare}), their results summed. The
         * nanosecond-scale calls (dot, dotRow) override it with a loop of their own: this shared default sees every
         * shape's call, so its {@code run()} call site is megamorphic (a few ns per call, as much as a 64-element
         * dot); theirs sees one class and inlines the call, as JMH's generated loop does.
         */
        default double runMany(int count) {
            double s = 0;
            for (int i = 0; i < count; i++) {
                s += run();
            }
            return s;
        }
    }

    /** @return whether {@link #of} knows this benchmark (simple name, e.g. "Level1Bench.dot"). */
    static boolean supports(String benchmark) {
        return switch (benchmark) {
            case "Level1Bench.dot", "ScoringBench.dotRow", "GemvBench.gemvN", "GemvBench.gemvT",
                 "FusedGradientBench.leastSquares", "FusedGradientBench.logistic", "FusedGradientBench.twoGemv",
                 "Level3Bench.gram", "FactorizationBench.cholesky" -> true;
            default -> false;
        };
    }

    /**
     * The benchmark's body on a shape, as a function of the backend (data made once, here).
     *
     * @param benchmark simple name as in the report ({@link #supports})
     * @param shape     the shape parameter as in the report (e.g. "10000", "100000x100", "64")
     * @throws IllegalArgumentException for a benchmark {@link #supports} does not know
     */
    static Function<Backend, Call> of(String benchmark, String shape) {
        switch (benchmark) {
            case "Level1Bench.dot" -> {
                int n = Integer.parseInt(shape);
                double[] x = Data.gaussian(n, 1);
                double[] y = Data.gaussian(n, 2);
                return b -> new Call() {
                    @Override
                    public double run() {
                        return b.dot(n, x, 0, y, 0);
                    }

                    @Override
                    public double runMany(int count) {
                        double s = 0;
                        for (int i = 0; i < count; i++) {
                            s += run();
                        }
                        return s;
                    }
                };
            }
            case "ScoringBench.dotRow" -> { // ScoringBench's seeds: beta 41, row 42; intercept 0.25
                int p = Integer.parseInt(shape);
                double[] beta = Data.gaussian(p, 41);
                double[] row = Data.gaussian(p, 42);
                return b -> new Call() {
                    @Override
                    public double run() {
                        return 0.25 + b.dot(p, beta, 0, row, 0);
                    }

                    @Override
                    public double runMany(int count) {
                        double s = 0;
                        for (int i = 0; i < count; i++) {
                            s += run();
                        }
                        return s;
                    }
                };
            }
            case "GemvBench.gemvN", "GemvBench.gemvT" -> {
                int[] s = Data.shape(shape);
                int m = s[0];
                int n = s[1];
                double[] a = Data.gaussian(m * n, 3);
                double[] xn = Data.gaussian(n, 4);
                double[] xm = Data.gaussian(m, 5);
                double[] ym = new double[m];
                double[] yn = new double[n];
                if (benchmark.endsWith("N")) {
                    return b -> () -> {
                        b.gemv(Transpose.NONE, m, n, 1, a, 0, n, xn, 0, 0, ym, 0);
                        return ym[0];
                    };
                }
                return b -> () -> {
                    b.gemv(Transpose.TRANSPOSE, m, n, 1, a, 0, n, xm, 0, 0, yn, 0);
                    return yn[0];
                };
            }
            case "FusedGradientBench.leastSquares", "FusedGradientBench.logistic", "FusedGradientBench.twoGemv" -> {
                int[] s = Data.shape(shape);
                int m = s[0];
                int n = s[1];
                double[] x = Data.gaussian(m * n, 6);
                double[] w = Data.gaussian(n, 7);
                double[] y = Data.gaussian(m, 8);
                double[] labels = new double[m];
                for (int i = 0; i < m; i++) {
                    labels[i] = y[i] > 0 ? 1 : 0;
                }
                double[] g = new double[n];
                double[] r = new double[m];
                if (benchmark.endsWith("leastSquares")) {
                    return b -> () -> b.leastSquaresGradient(m, n, x, 0, n, w, 0, y, 0, g, 0);
                }
                if (benchmark.endsWith("logistic")) {
                    return b -> () -> b.logisticGradient(m, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0);
                }
                return b -> () -> { // FusedGradientBench.twoGemv, line for line
                    b.gemv(Transpose.NONE, m, n, 1, x, 0, n, w, 0, 0, r, 0);
                    double loss = 0;
                    for (int i = 0; i < m; i++) {
                        r[i] -= y[i];
                        loss += r[i] * r[i];
                    }
                    b.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, n, r, 0, 0, g, 0);
                    return 0.5 * loss;
                };
            }
            case "Level3Bench.gram" -> {
                int[] s = Data.shape(shape);
                int m = s[0];
                int n = s[1];
                double[] a = Data.gaussian(m * n, 9);
                double[] c = new double[n * n];
                return b -> () -> {
                    b.gram(m, n, a, 0, n, null, 0, c, 0, n);
                    return c[0];
                };
            }
            case "FactorizationBench.cholesky" -> {
                int n = Integer.parseInt(shape);
                double[] x = Data.gaussian(n * n, 13);
                double[] spd = new double[n * n];
                ScalarBackend.INSTANCE.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0,
                        spd, 0, n);
                for (int i = 0; i < n; i++) {
                    spd[i * n + i] += n;
                }
                double[] work = new double[n * n];
                return b -> new Call() {
                    @Override
                    public void prepare() {
                        System.arraycopy(spd, 0, work, 0, spd.length);
                    }

                    @Override
                    public boolean hasPrepare() {
                        return true;
                    }

                    @Override
                    public double run() {
                        return b.cholesky(n, work, 0, n);
                    }
                };
            }
            default -> throw new IllegalArgumentException("no alternating call for benchmark '" + benchmark
                    + "', expected one of Level1Bench.dot, ScoringBench.dotRow, GemvBench.gemvN/gemvT, "
                    + "FusedGradientBench.leastSquares/logistic/twoGemv, Level3Bench.gram, "
                    + "FactorizationBench.cholesky");
        }
    }
}
