package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

import java.util.Random;

/**
 * Numerical failures are results, LAPACK style, identical on every backend: Cholesky's info is the order of the
 * first leading minor that is not positive definite (dpotrf), a triangular solve reports the first exactly zero
 * diagonal entry and leaves B alone (dtrtrs), and qrSolve reports an exactly zero R(k−1, k−1).
 */
class NumericalFailureConformanceTest {
    private static final int[] N = {1, 9, 103, 260};

    /**
     * A(k−1, k−1) = −1 makes the k-th pivot A_kk − ‖l_k‖² ≤ −1 while the leading minors of order &lt; k are untouched
     * (still positive definite): info must be exactly k.
     */
    @ForEachBackend
    void choleskyReportsTheFirstLeadingMinorThatIsNotPositiveDefinite(Backend b) {
        Failures f = new Failures();
        for (int n : N) {
            for (int k : new int[]{1, (n + 1) / 2, n}) {
                double[][] a0 = CholeskyConformanceTest.spd(n);
                Strided a = Matrices.place(a0, 2, 1, true);
                a.set(k - 1, k - 1, -1);
                Strided before = a.copy();
                String ctx = Ctx.of(b, "cholesky", "n", n, "A(k-1,k-1)", -1, "k", k, "aOff", a.off, "lda", a.ld);
                int info = b.cholesky(n, a.data, a.off, a.ld);
                if (info != k) {
                    f.add(ctx + ": info = " + info + ", expected " + k + " (the leading minor of order " + k
                            + " is the first that is not positive definite)");
                }
                CholeskyConformanceTest.requireUpperUnchanged(a, before, f, ctx);
                a.requireOutsideUnchanged(before, "a", f, ctx);
            }
        }
        f.assertNone();
    }

    /** Pivots that come out exactly zero (positive semi-definite input) are failures too: info = their order. */
    @ForEachBackend
    void choleskyReportsAZeroPivot(Backend b) {
        Failures f = new Failures();
        double[][][] cases = {{{0}}, {{-0.0}}, {{1, 1}, {1, 1}}, {{4, 2, 0}, {2, 1, 0}, {0, 0, 1}}};
        int[] expected = {1, 1, 2, 2};
        for (int c = 0; c < cases.length; c++) {
            Strided a = Matrices.place(cases[c], 1, 1, true);
            int info = b.cholesky(a.rows, a.data, a.off, a.ld);
            if (info != expected[c]) {
                f.add(Ctx.of(b, "cholesky", "a", java.util.Arrays.deepToString(cases[c])) + ": info = " + info
                        + ", expected " + expected[c]);
            }
        }
        f.assertNone();
    }

    /**
     * A NaN at (i, j), i ≥ j, in the lower triangle: the leading minors of order ≤ i do not contain it and are
     * positive definite, the one of order i + 1 does; every correct algorithm (left- or right-looking, blocked or
     * not) meets it first at pivot i, so info must be i + 1.
     */
    @ForEachBackend
    void choleskyReportsANaN(Backend b) {
        Failures f = new Failures();
        for (int n : new int[]{9, 103, 260}) {
            int[][] positions = {{0, 0}, {n - 1, 0}, {n / 2, n / 2}, {n - 1, n / 3}, {n - 1, n - 1}};
            for (int[] pos : positions) {
                Strided a = Matrices.place(CholeskyConformanceTest.spd(n), 0, 0, false);
                a.set(pos[0], pos[1], Double.NaN);
                int info = b.cholesky(n, a.data, a.off, a.ld);
                if (info != pos[0] + 1) {
                    f.add(Ctx.of(b, "cholesky", "n", n, "NaN at", pos[0] + "," + pos[1]) + ": info = " + info
                            + ", expected " + (pos[0] + 1));
                }
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void triangularSolveReportsTheFirstZeroOnTheDiagonalAndLeavesBUnchanged(Backend b) {
        Failures f = new Failures();
        for (Triangle uplo : Triangle.values()) {
            for (Transpose trans : Transpose.values()) {
                for (int n : new int[]{1, 9, 103}) {
                    int[][] zeroSets = {{0}, {n / 2}, {n - 1}, {n - 1, n / 2}};
                    for (int[] zeros : zeroSets) {
                        Random rnd = Ctx.random("trsm zero", uplo, trans, n, zeros[0]);
                        Strided t = Matrices.triangular(n, uplo == Triangle.LOWER, false, 1, 2, rnd);
                        int first = n;
                        for (int z : zeros) {
                            t.set(z, z, z % 2 == 0 ? 0.0 : -0.0);
                            first = Math.min(first, z);
                        }
                        Strided x = Strided.matrix(n, 3, 2, 1).random(rnd);
                        Strided x0 = x.copy();
                        String ctx = Ctx.of(b, "triangularSolve", "uplo", uplo, "trans", trans, "n", n,
                                "zero diagonal at", java.util.Arrays.toString(zeros));
                        int info = b.triangularSolve(uplo, trans, Diagonal.NON_UNIT, n, 3, t.data, t.off, t.ld,
                                x.data, x.off, x.ld);
                        if (info != first + 1) {
                            f.add(ctx + ": returned " + info + ", expected " + (first + 1));
                        }
                        x.requireUnchanged(x0, "b", f, ctx);
                        // With a unit diagonal the stored zeros are not read: the solve succeeds.
                        int unit = b.triangularSolve(uplo, trans, Diagonal.UNIT, n, 3, t.data, t.off, t.ld,
                                x.data, x.off, x.ld);
                        if (unit != 0) {
                            f.add(ctx + " diag=UNIT: returned " + unit + ", expected 0 (the diagonal is not read)");
                        }
                        for (int i = 0; i < n; i++) {
                            for (int c = 0; c < 3; c++) {
                                if (!Double.isFinite(x.get(i, c))) {
                                    f.add(ctx + " diag=UNIT: solution not finite at [" + i + "," + c + "]");
                                    i = n;
                                    break;
                                }
                            }
                        }
                    }
                }
            }
        }
        f.assertNone();
    }

    /**
     * A zero column j keeps R(j, j) exactly zero through any sequence of reflections (they map zero to zero), so
     * qrSolve must return j + 1 for the first zero column and leave Qᵀ·B in B.
     */
    @ForEachBackend
    void qrSolveReportsRankDeficiency(Backend b) {
        Failures f = new Failures();
        int[][] shapes = {{1, 1}, {9, 7}, {103, 9}, {300, 260}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int[][] zeroSets = {{0}, {n / 2}, {n - 1}, {n - 1, n / 2}};
            for (int[] zeros : zeroSets) {
                Random rnd = Ctx.random("qr rank", m, n, zeros[0], zeros.length);
                Strided a = Matrices.wellConditionedTall(m, n, 1, 1, rnd);
                int first = n;
                for (int z : zeros) {
                    for (int i = 0; i < m; i++) {
                        a.set(i, z, 0);
                    }
                    first = Math.min(first, z);
                }
                Strided tau = Strided.vector(n, 2);
                b.qr(m, n, a.data, a.off, a.ld, tau.data, tau.off);
                Strided rhs = Strided.matrix(m, 2, 3, 1).random(rnd);
                Strided qtb = rhs.copy();
                b.qrMultiplyQ(Transpose.TRANSPOSE, m, n, 2, a.data, a.off, a.ld, tau.data, tau.off,
                        qtb.data, qtb.off, qtb.ld);
                String ctx = Ctx.of(b, "qrSolve", "m", m, "n", n, "zero columns", java.util.Arrays.toString(zeros));
                int info = b.qrSolve(m, n, 2, a.data, a.off, a.ld, tau.data, tau.off, rhs.data, rhs.off, rhs.ld);
                if (info != first + 1) {
                    f.add(ctx + ": returned " + info + ", expected " + (first + 1));
                }
                rhs.requireUnchanged(qtb, "b (expected to hold Qᵀ·B after a rank-deficient solve)", f, ctx);
            }
        }
        f.assertNone();
    }
}
