package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;

import java.util.Random;

/**
 * qr, qrMultiplyQ and qrSolve. The contract promises the identical compact factorization on every backend (dlarfg
 * sign convention), so R, the Householder vectors and τ are compared with the reference entry by entry, on
 * well-conditioned A (see {@link Matrices#wellConditionedTall}) to the tolerances of {@link Tolerance}.
 * qrMultiplyQ runs on the reference's factorization; qrSolve is judged by the least-squares optimality conditions.
 */
class QrConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    static final int[][] SHAPES = {{0, 0}, {1, 0}, {1, 1}, {7, 7}, {8, 8}, {9, 9}, {8, 1}, {9, 7}, {103, 7}, {103, 8},
            {103, 9}, {103, 103}, {1000, 1}, {1000, 9}, {1000, 103}, {300, 260}};
    private static final int[] NRHS = {0, 1, 5, 9};

    @ForEachBackend
    void qr(Backend b) {
        Failures f = new Failures();
        for (int[] s : SHAPES) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                int m = s[0];
                int n = s[1];
                Random rnd = Ctx.random("qr", m, n, lay.name());
                Strided a = Matrices.wellConditionedTall(m, n, lay.off(0), lay.pad(), rnd);
                Strided tau = Strided.vector(n, lay.off(1)).fill(Double.NaN);
                Strided a0 = a.copy();
                Strided tau0 = tau.copy();
                Strided refA = a.copy();
                Strided refTau = tau.copy();
                String ctx = Ctx.of(b, "qr", "m", m, "n", n, "aOff", a.off, "lda", a.ld, "tauOff", tau.off);
                b.qr(m, n, a.data, a.off, a.ld, tau.data, tau.off);
                REF.qr(m, n, refA.data, refA.off, refA.ld, refTau.data, refTau.off);
                Worst r = new Worst("R");
                Worst v = new Worst("Householder vectors");
                Worst t = new Worst("tau");
                double rTol = Tolerance.qr(m, n, Matrices.maxColumnNorm(a0));
                double vTol = Tolerance.qr(m, n, 1);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        (i <= j ? r : v).check(i, j, a.get(i, j), refA.get(i, j), i <= j ? rTol : vTol);
                    }
                }
                for (int j = 0; j < n; j++) {
                    t.check(j, tau.at(j), refTau.at(j), vTol);
                }
                r.report(f, ctx);
                v.report(f, ctx);
                t.report(f, ctx);
                a.requireOutsideUnchanged(a0, "a", f, ctx);
                tau.requireOutsideUnchanged(tau0, "tau", f, ctx);
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void qrMultiplyQ(Backend b) {
        Failures f = new Failures();
        for (Transpose trans : Transpose.values()) {
            for (int[] s : SHAPES) {
                for (int nrhs : NRHS) {
                    for (Sizes.Layout lay : Sizes.LAYOUTS) {
                        int m = s[0];
                        int n = s[1];
                        Random rnd = Ctx.random("qrMultiplyQ", trans, m, n, nrhs, lay.name());
                        Strided qr = Matrices.wellConditionedTall(m, n, lay.off(0), lay.pad(), rnd);
                        Strided tau = Strided.vector(n, lay.off(1));
                        REF.qr(m, n, qr.data, qr.off, qr.ld, tau.data, tau.off);
                        Strided c = Strided.matrix(m, nrhs, lay.off(2), lay.pad() + 1).random(rnd);
                        Strided qr0 = qr.copy();
                        Strided tau0 = tau.copy();
                        Strided c0 = c.copy();
                        Strided ref = c.copy();
                        String ctx = Ctx.of(b, "qrMultiplyQ", "trans", trans, "m", m, "n", n, "nrhs", nrhs,
                                "qrOff", qr.off, "ldqr", qr.ld, "tauOff", tau.off, "bOff", c.off, "ldb", c.ld);
                        b.qrMultiplyQ(trans, m, n, nrhs, qr.data, qr.off, qr.ld, tau.data, tau.off,
                                c.data, c.off, c.ld);
                        REF.qrMultiplyQ(trans, m, n, nrhs, qr0.data, qr0.off, qr0.ld, tau0.data, tau0.off,
                                ref.data, ref.off, ref.ld);
                        Worst w = new Worst("b");
                        for (int j = 0; j < nrhs; j++) {
                            // Q is orthogonal: every entry of Q·b is bounded by ‖b‖₂.
                            double tol = Tolerance.qr(m, n, columnNorm(c0, j));
                            for (int i = 0; i < m; i++) {
                                w.check(i, j, c.get(i, j), ref.get(i, j), tol);
                            }
                        }
                        w.report(f, ctx);
                        qr.requireUnchanged(qr0, "qr", f, ctx);
                        tau.requireUnchanged(tau0, "tau", f, ctx);
                        c.requireOutsideUnchanged(c0, "b", f, ctx);
                    }
                }
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void qrSolve(Backend b) {
        Failures f = new Failures();
        for (int[] s : SHAPES) {
            for (int nrhs : new int[]{1, 3}) {
                for (Sizes.Layout lay : Sizes.LAYOUTS) {
                    checkSolve(b, s[0], s[1], nrhs, lay, f);
                }
            }
        }
        f.assertNone();
    }

    /**
     * The solution x (rows 0…n−1 of B) must satisfy the normal equations to backward-error accuracy,
     * ‖Aᵀ(b − A·x)‖∞ ≤ tol·‖A‖_F·(‖A‖_F·‖x‖₂ + ‖b‖₂), and rows n…m−1 must carry the residual's norm.
     */
    private static void checkSolve(Backend b, int m, int n, int nrhs, Sizes.Layout lay, Failures f) {
        Random rnd = Ctx.random("qrSolve", m, n, nrhs, lay.name());
        Strided a = Matrices.wellConditionedTall(m, n, lay.off(0), lay.pad(), rnd);
        Strided a0 = a.copy();
        Strided tau = Strided.vector(n, lay.off(1));
        b.qr(m, n, a.data, a.off, a.ld, tau.data, tau.off);
        Strided x = Strided.matrix(m, nrhs, lay.off(2), lay.pad() + 1).random(rnd);
        Strided rhs = x.copy();
        Strided qr0 = a.copy();
        Strided tau0 = tau.copy();
        String ctx = Ctx.of(b, "qrSolve", "m", m, "n", n, "nrhs", nrhs, "qrOff", a.off, "ldqr", a.ld,
                "tauOff", tau.off, "bOff", x.off, "ldb", x.ld);
        int info = b.qrSolve(m, n, nrhs, a.data, a.off, a.ld, tau.data, tau.off, x.data, x.off, x.ld);
        if (info != 0) {
            f.add(ctx + ": returned " + info + " for a full-rank A (condition number < 4), expected 0");
            return;
        }
        double normA = Matrices.frobenius(a0);
        Worst normal = new Worst("Aᵀ(b − A·x)");
        Worst rss = new Worst("‖rows n…m−1 of B‖₂ − ‖b − A·x‖₂");
        for (int c = 0; c < nrhs; c++) {
            double[] r = new double[m];
            double normX = 0;
            for (int k = 0; k < n; k++) {
                normX += x.get(k, c) * x.get(k, c);
            }
            normX = Math.sqrt(normX);
            double tol = Tolerance.qr(m, n, normA * normX + columnNorm(rhs, c));
            double rr = 0;
            for (int i = 0; i < m; i++) {
                double s = rhs.get(i, c);
                for (int k = 0; k < n; k++) {
                    s -= a0.get(i, k) * x.get(k, c);
                }
                r[i] = s;
                rr += s * s;
            }
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += a0.get(i, k) * r[i];
                }
                normal.check(k, c, s, 0, normA * tol);
            }
            double tail = 0;
            for (int i = n; i < m; i++) {
                tail += x.get(i, c) * x.get(i, c);
            }
            rss.check(-1, c, Math.sqrt(tail), Math.sqrt(rr), tol);
        }
        normal.report(f, ctx);
        rss.report(f, ctx);
        a.requireUnchanged(qr0, "qr", f, ctx);
        tau.requireUnchanged(tau0, "tau", f, ctx);
        x.requireOutsideUnchanged(rhs, "b", f, ctx);
    }

    static double columnNorm(Strided a, int j) {
        double s = 0;
        for (int i = 0; i < a.rows; i++) {
            s += a.get(i, j) * a.get(i, j);
        }
        return Math.sqrt(s);
    }
}
