package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static dev.linea.kernels.conformance.Tolerance.EPS;
import static dev.linea.kernels.conformance.Tolerance.GAMMA;

/**
 * cholesky and choleskySolve, judged by backward error (see {@link Tolerance}): the factor must reproduce A, the
 * solution must solve A·X = B. The strict upper triangle holds NaN: it must be neither read (the result would be
 * NaN or the factorization would fail) nor written.
 */
class CholeskyConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final Map<Integer, double[][]> SPD = new ConcurrentHashMap<>();
    /** Right-hand sides: the unblocked solves (up to 7), the blocked ones' leaves past one and two strips. */
    private static final int[] NRHS = {0, 1, 3, 7, 9, 17, 33};

    static double[][] spd(int n) {
        return SPD.computeIfAbsent(n, k -> Matrices.spd(k, Ctx.random("spd", k)));
    }

    @ForEachBackend
    void cholesky(Backend b) {
        Failures f = new Failures();
        for (int n : Sizes.FACTOR) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                check(b, n, lay, f);
            }
        }
        f.assertNone();
    }

    /** One factorization of the n×n test matrix in the given layout, checked by backward error. */
    static void check(Backend b, int n, Sizes.Layout lay, Failures f) {
        double[][] a0 = spd(n);
        Strided a = Matrices.place(a0, lay.off(0), lay.pad(), true);
        Strided before = a.copy();
        String ctx = Ctx.of(b, "cholesky", "n", n, "aOff", a.off, "lda", a.ld);
        int info = b.cholesky(n, a.data, a.off, a.ld);
        if (info != 0) {
            f.add(ctx + ": info = " + info + " on a positive definite matrix (condition number < 3), "
                    + "expected 0");
            return;
        }
        Worst w = new Worst("L·Lᵀ");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                double mag = 0;
                for (int k = 0; k <= j; k++) {
                    s += a.get(i, k) * a.get(j, k);
                    mag += Math.abs(a.get(i, k) * a.get(j, k));
                }
                w.check(i, j, s, a0[i][j], Tolerance.sum(n, mag));
            }
        }
        w.report(f, ctx);
        for (int i = 0; i < n; i++) {
            if (!(a.get(i, i) > 0)) {
                f.add(ctx + ": L[" + i + "," + i + "] = " + a.get(i, i) + ", expected > 0");
                break;
            }
        }
        requireUpperUnchanged(a, before, f, ctx);
        a.requireOutsideUnchanged(before, "a", f, ctx);
    }

    /** Records a failure if any element of the strict upper triangle changed (bitwise: it holds NaN). */
    static void requireUpperUnchanged(Strided a, Strided before, Failures f, String ctx) {
        for (int i = 0; i < a.rows; i++) {
            for (int j = i + 1; j < a.cols; j++) {
                if (Double.doubleToRawLongBits(a.get(i, j)) != Double.doubleToRawLongBits(before.get(i, j))) {
                    f.add(ctx + ": wrote the strict upper triangle at [" + i + "," + j + "]: " + before.get(i, j)
                            + " became " + a.get(i, j));
                    return;
                }
            }
        }
    }

    @ForEachBackend
    void choleskySolve(Backend b) {
        Failures f = new Failures();
        for (int n : Sizes.FACTOR) {
            if (n > 260) {
                continue;
            }
            for (int nrhs : NRHS) {
                for (Sizes.Layout lay : Sizes.LAYOUTS) {
                    checkSolve(b, n, nrhs, lay, f);
                }
            }
        }
        checkSolve(b, 103, 103, Sizes.LOOSE, f);
        f.assertNone();
    }

    private static void checkSolve(Backend b, int n, int nrhs, Sizes.Layout lay, Failures f) {
        double[][] a0 = spd(n);
        // The same factor for every backend (from the reference), so only the solve is under test.
        Strided l = Matrices.place(a0, lay.off(0), lay.pad(), true);
        REF.cholesky(n, l.data, l.off, l.ld);
        Random rnd = Ctx.random("choleskySolve", n, nrhs, lay.name());
        Strided x = Strided.matrix(n, nrhs, lay.off(1), lay.pad() + 1).random(rnd);
        Strided l0 = l.copy();
        Strided rhs = x.copy();
        String ctx = Ctx.of(b, "choleskySolve", "n", n, "nrhs", nrhs, "lOff", l.off, "ldl", l.ld,
                "bOff", x.off, "ldb", x.ld);
        b.choleskySolve(n, nrhs, l.data, l.off, l.ld, x.data, x.off, x.ld);
        Worst w = solveResidual(a0, l, x, rhs);
        w.report(f, ctx);
        l.requireUnchanged(l0, "l", f, ctx);
        x.requireOutsideUnchanged(rhs, "b", f, ctx);
    }

    /**
     * Checks A·X = B for X from a Cholesky solve with factor L, componentwise: |A·x − b| ≤ γ_{3n+1}·|L|·|Lᵀ|·|x|
     * (the solve's backward error) + γ_{n+1}·(|A|·|x| + |b|) (this residual's own rounding).
     */
    static Worst solveResidual(double[][] a0, Strided l, Strided x, Strided rhs) {
        int n = x.rows;
        int nrhs = x.cols;
        Worst w = new Worst("A·X − B");
        for (int c = 0; c < nrhs; c++) {
            double[] ltx = new double[n]; // |Lᵀ|·|x|
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = i; k < n; k++) {
                    s += Math.abs(l.get(k, i) * x.get(k, c));
                }
                ltx[i] = s;
            }
            for (int i = 0; i < n; i++) {
                double llx = 0;
                for (int k = 0; k <= i; k++) {
                    llx += Math.abs(l.get(i, k)) * ltx[k];
                }
                double r = -rhs.get(i, c);
                double mag = Math.abs(rhs.get(i, c));
                for (int k = 0; k < n; k++) {
                    r += a0[i][k] * x.get(k, c);
                    mag += Math.abs(a0[i][k] * x.get(k, c));
                }
                double tol = GAMMA * (3 * n + 2) * EPS * llx + Tolerance.sum(n, mag);
                w.check(i, c, r, 0, tol);
            }
        }
        return w;
    }
}
