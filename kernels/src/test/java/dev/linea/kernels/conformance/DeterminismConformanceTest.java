package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Each backend gives bit-identical results on repeated calls with the same input: many times in a row (so that the
 * calls run interpreted, then JIT-compiled, where a Vector API reduction could change order), and from several
 * threads at once (backends are promised stateless and thread-safe: no shared scratch buffers).
 */
class DeterminismConformanceTest {
    private static final int REPEATS = 1500;
    private static final int THREADS = 4;

    /** Every kernel on one odd-sized case; returns every output, and the return value, as one array. */
    static Map<String, Function<Backend, double[]>> cases(int m, int n) {
        Map<String, Function<Backend, double[]>> c = new LinkedHashMap<>();
        c.put("dot", b -> {
            Random r = Ctx.random("det dot", m);
            Strided x = Strided.vector(m, 1).random(r);
            Strided y = Strided.vector(m, 2).random(r);
            return new double[]{b.dot(m, x.data, x.off, y.data, y.off)};
        });
        c.put("axpy", b -> {
            Random r = Ctx.random("det axpy", m);
            Strided x = Strided.vector(m, 1).random(r);
            Strided y = Strided.vector(m, 2).random(r);
            b.axpy(m, 0.37, x.data, x.off, y.data, y.off);
            return y.data;
        });
        c.put("scal", b -> {
            Strided x = Strided.vector(m, 1).random(Ctx.random("det scal", m));
            b.scal(m, -1.3, x.data, x.off);
            return x.data;
        });
        for (Transpose t : Transpose.values()) {
            c.put("gemv " + t, b -> {
                Random r = Ctx.random("det gemv", m, n, t);
                boolean tr = t == Transpose.TRANSPOSE;
                Strided a = Strided.matrix(m, n, 1, 2).random(r);
                Strided x = Strided.vector(tr ? m : n, 2).random(r);
                Strided y = Strided.vector(tr ? n : m, 3).random(r);
                b.gemv(t, m, n, 0.9, a.data, a.off, a.ld, x.data, x.off, -0.4, y.data, y.off);
                return y.data;
            });
        }
        for (boolean weighted : new boolean[]{false, true}) {
            c.put("gram weights=" + weighted, b -> {
                Random r = Ctx.random("det gram", m, n, weighted);
                Strided a = Strided.matrix(m, n, 1, 2).random(r);
                Strided w = Strided.vector(m, 2).weights(r);
                Strided out = Strided.matrix(n, n, 3, 1);
                b.gram(m, n, a.data, a.off, a.ld, weighted ? w.data : null, w.off, out.data, out.off, out.ld);
                return out.data;
            });
        }
        for (Transpose t : Transpose.values()) {
            c.put("gemm " + t + " " + t.flip(), b -> {
                Random r = Ctx.random("det gemm", m, n, t);
                int k = n + 3;
                boolean ta = t == Transpose.TRANSPOSE;
                Strided a = Strided.matrix(ta ? k : n, ta ? n : k, 1, 2).random(r);
                Strided bm = Strided.matrix(ta ? k : n, ta ? n : k, 2, 1).random(r);
                Strided out = Strided.matrix(n, n, 3, 1).random(r);
                b.gemm(t, t.flip(), n, n, k, 1.1, a.data, a.off, a.ld, bm.data, bm.off, bm.ld, 0.5,
                        out.data, out.off, out.ld);
                return out.data;
            });
        }
        c.put("cholesky + choleskySolve", b -> {
            Strided a = Matrices.place(CholeskyConformanceTest.spd(n), 1, 2, true);
            int info = b.cholesky(n, a.data, a.off, a.ld);
            Strided x = Strided.matrix(n, 3, 2, 1).random(Ctx.random("det chol", n));
            b.choleskySolve(n, 3, a.data, a.off, a.ld, x.data, x.off, x.ld);
            return concat(a.data, x.data, new double[]{info});
        });
        for (Triangle uplo : Triangle.values()) {
            c.put("triangularSolve " + uplo, b -> {
                Random r = Ctx.random("det trsm", n, uplo);
                Strided t = Matrices.triangular(n, uplo == Triangle.LOWER, false, 1, 1, r);
                Strided x = Strided.matrix(n, 5, 2, 1).random(r);
                int info = b.triangularSolve(uplo, uplo == Triangle.LOWER ? Transpose.NONE : Transpose.TRANSPOSE,
                        Diagonal.NON_UNIT, n, 5, t.data, t.off, t.ld, x.data, x.off, x.ld);
                return concat(x.data, new double[]{info});
            });
        }
        c.put("qr + qrMultiplyQ + qrSolve", b -> {
            Random r = Ctx.random("det qr", m, n);
            Strided a = Matrices.wellConditionedTall(m, n, 1, 2, r);
            Strided tau = Strided.vector(n, 2);
            b.qr(m, n, a.data, a.off, a.ld, tau.data, tau.off);
            Strided q = Strided.matrix(m, 3, 1, 1).random(r);
            b.qrMultiplyQ(Transpose.NONE, m, n, 3, a.data, a.off, a.ld, tau.data, tau.off, q.data, q.off, q.ld);
            Strided x = Strided.matrix(m, 2, 2, 1).random(r);
            int info = b.qrSolve(m, n, 2, a.data, a.off, a.ld, tau.data, tau.off, x.data, x.off, x.ld);
            return concat(a.data, tau.data, q.data, x.data, new double[]{info});
        });
        for (boolean logistic : new boolean[]{false, true}) {
            c.put(logistic ? "logisticGradient" : "leastSquaresGradient", b -> {
                Random r = Ctx.random("det grad", m, n, logistic);
                Strided x = Strided.matrix(m, n, 1, 2).random(r);
                Strided w = Strided.vector(n + 1, 2).random(r);
                Strided y = Strided.vector(m, 3).random(r);
                Strided s = Strided.vector(m, 1).weights(r);
                Strided g = Strided.vector(n + 1, 2);
                double loss = logistic
                        ? b.logisticGradient(m, n, x.data, x.off, x.ld, w.data, w.off, true, y.data, y.off,
                        s.data, s.off, g.data, g.off)
                        : b.leastSquaresGradient(m, n, x.data, x.off, x.ld, w.data, w.off, true, y.data, y.off,
                        s.data, s.off, g.data, g.off);
                return concat(g.data, new double[]{loss});
            });
        }
        return c;
    }

    private static double[] concat(double[]... parts) {
        int len = 0;
        for (double[] p : parts) {
            len += p.length;
        }
        double[] out = new double[len];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static String difference(double[] first, double[] again) {
        for (int i = 0; i < first.length; i++) {
            if (Double.doubleToRawLongBits(first[i]) != Double.doubleToRawLongBits(again[i])) {
                return "output index " + i + ": first call " + first[i] + ", later call " + again[i];
            }
        }
        return null;
    }

    @ForEachBackend
    void repeatedCallsAreBitIdentical(Backend b) {
        Failures f = new Failures();
        for (Map.Entry<String, Function<Backend, double[]>> e : cases(37, 11).entrySet()) {
            double[] first = e.getValue().apply(b);
            for (int rep = 1; rep < REPEATS; rep++) {
                String d = difference(first, e.getValue().apply(b));
                if (d != null) {
                    f.add(Ctx.of(b, e.getKey(), "m", 37, "n", 11, "call", rep + 1) + ": not bit-identical, " + d);
                    break;
                }
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void concurrentCallsAreBitIdentical(Backend b) throws Exception {
        Failures f = new Failures();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Map.Entry<String, Function<Backend, double[]>> e : cases(301, 67).entrySet()) {
                double[] first = e.getValue().apply(b);
                List<Future<String>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    futures.add(pool.submit(() -> {
                        for (int rep = 0; rep < 8; rep++) {
                            String d = difference(first, e.getValue().apply(b));
                            if (d != null) {
                                return d;
                            }
                        }
                        return null;
                    }));
                }
                for (Future<String> fu : futures) {
                    String d = fu.get();
                    if (d != null) {
                        f.add(Ctx.of(b, e.getKey(), "m", 301, "n", 67, "threads", THREADS)
                                + ": concurrent call not bit-identical, " + d);
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        f.assertNone();
    }

    /**
     * Inputs documented "Not modified" may be shared by concurrent calls: several threads apply the same Q, the same
     * Cholesky factor, the same triangle and the same matrix, each to its own right-hand side, and must get the
     * single-threaded result. (A kernel that writes into an input temporarily, as LAPACK's dormqr does with the
     * diagonal of the QR array, breaks this.)
     */
    @ForEachBackend
    void concurrentCallsMayShareTheirInputs(Backend b) throws Exception {
        int m = 301;
        int n = 67;
        Random r = Ctx.random("shared inputs", m, n);
        Strided qr = Matrices.wellConditionedTall(m, n, 1, 2, r);
        Strided tau = Strided.vector(n, 2);
        b.qr(m, n, qr.data, qr.off, qr.ld, tau.data, tau.off);
        Strided l = Matrices.place(CholeskyConformanceTest.spd(n), 1, 2, true);
        b.cholesky(n, l.data, l.off, l.ld);
        Strided rhsM = Strided.matrix(m, 4, 0, 1).random(r);
        Strided rhsN = Strided.matrix(n, 4, 0, 1).random(r);
        Strided x = Strided.vector(n, 0).random(r);
        Map<String, Function<Backend, double[]>> c = new LinkedHashMap<>();
        c.put("qrMultiplyQ", bk -> {
            Strided out = rhsM.copy();
            bk.qrMultiplyQ(Transpose.TRANSPOSE, m, n, 4, qr.data, qr.off, qr.ld, tau.data, tau.off,
                    out.data, out.off, out.ld);
            return out.data;
        });
        c.put("qrSolve", bk -> {
            Strided out = rhsM.copy();
            bk.qrSolve(m, n, 4, qr.data, qr.off, qr.ld, tau.data, tau.off, out.data, out.off, out.ld);
            return out.data;
        });
        c.put("choleskySolve", bk -> {
            Strided out = rhsN.copy();
            bk.choleskySolve(n, 4, l.data, l.off, l.ld, out.data, out.off, out.ld);
            return out.data;
        });
        c.put("triangularSolve", bk -> {
            Strided out = rhsN.copy();
            bk.triangularSolve(Triangle.LOWER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, 4, l.data, l.off, l.ld,
                    out.data, out.off, out.ld);
            return out.data;
        });
        c.put("gemv", bk -> {
            double[] y = new double[m];
            bk.gemv(Transpose.NONE, m, n, 1, qr.data, qr.off, qr.ld, x.data, x.off, 0, y, 0);
            return y;
        });
        Failures f = new Failures();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Map.Entry<String, Function<Backend, double[]>> e : c.entrySet()) {
                double[] first = e.getValue().apply(b);
                List<Future<String>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    futures.add(pool.submit(() -> {
                        for (int rep = 0; rep < 20; rep++) {
                            String d = difference(first, e.getValue().apply(b));
                            if (d != null) {
                                return d;
                            }
                        }
                        return null;
                    }));
                }
                for (Future<String> fu : futures) {
                    String d = fu.get();
                    if (d != null) {
                        f.add(Ctx.of(b, e.getKey(), "m", m, "n", n, "threads", THREADS)
                                + ": concurrent call on shared inputs not bit-identical, " + d);
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        f.assertNone();
    }
}
