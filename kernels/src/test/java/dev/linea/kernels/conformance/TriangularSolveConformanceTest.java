package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

import java.util.Random;

/**
 * triangularSolve for every uplo × trans × diag, judged by the componentwise backward error |op(T)·X − B| ≤
 * γ·|op(T)|·|X| (see {@link Tolerance}). The unused triangle (and, with UNIT, the diagonal) holds NaN: reading it
 * would make the solution NaN.
 */
class TriangularSolveConformanceTest {
    /** Orders: one leaf (up to 32 on the vector backend), a recursion into leaves of 16 and 17 (33), deeper ones. */
    private static final int[] N = {0, 1, 7, 8, 9, 33, 103, 260};
    /** Right-hand sides below, at and past the blocked solve's 8, past one and several whole strips of the leaf. */
    private static final int[] NRHS = {0, 1, 3, 7, 9, 17, 33, 103};

    @ForEachBackend
    void triangularSolve(Backend b) {
        Failures f = new Failures();
        for (Triangle uplo : Triangle.values()) {
            for (Transpose trans : Transpose.values()) {
                for (Diagonal diag : Diagonal.values()) {
                    for (int n : N) {
                        for (int nrhs : NRHS) {
                            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                                check(b, uplo, trans, diag, n, nrhs, lay, f);
                            }
                        }
                    }
                }
            }
        }
        f.assertNone();
    }

    static void check(Backend b, Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                              Sizes.Layout lay, Failures f) {
        Random rnd = Ctx.random("trsm", uplo, trans, diag, n, nrhs, lay.name());
        boolean unit = diag == Diagonal.UNIT;
        Strided t = Matrices.triangular(n, uplo == Triangle.LOWER, unit, lay.off(0), lay.pad(), rnd);
        Strided x = Strided.matrix(n, nrhs, lay.off(1), lay.pad() + 1).random(rnd);
        Strided t0 = t.copy();
        Strided rhs = x.copy();
        String ctx = Ctx.of(b, "triangularSolve", "uplo", uplo, "trans", trans, "diag", diag, "n", n,
                "nrhs", nrhs, "aOff", t.off, "lda", t.ld, "bOff", x.off, "ldb", x.ld);
        int info = b.triangularSolve(uplo, trans, diag, n, nrhs, t.data, t.off, t.ld, x.data, x.off, x.ld);
        if (info != 0) {
            f.add(ctx + ": returned " + info + " for a non-singular triangle, expected 0");
            return;
        }
        Worst w = residual(t, uplo, trans, unit, x, rhs);
        w.report(f, ctx);
        t.requireUnchanged(t0, "a", f, ctx);
        x.requireOutsideUnchanged(rhs, "b", f, ctx);
    }

    /** |op(A)·X − B| ≤ γ_n·|op(A)|·|X| (the solve's backward error) + γ_{n+1}·|B| (this residual's rounding). */
    static Worst residual(Strided t, Triangle uplo, Transpose trans, boolean unit, Strided x, Strided rhs) {
        int n = x.rows;
        int nrhs = x.cols;
        Worst w = new Worst("op(A)·X − B");
        for (int c = 0; c < nrhs; c++) {
            for (int i = 0; i < n; i++) {
                double r = -rhs.get(i, c);
                double mag = Math.abs(rhs.get(i, c));
                for (int k = 0; k < n; k++) {
                    double e = opElement(t, uplo, trans, unit, i, k);
                    if (e != 0) {
                        r += e * x.get(k, c);
                        mag += Math.abs(e * x.get(k, c));
                    }
                }
                w.check(i, c, r, 0, Tolerance.sum(n, mag));
            }
        }
        return w;
    }

    /** op(A)(i, k) as the contract defines it: zero outside {@code uplo}, one on a unit diagonal. */
    static double opElement(Strided a, Triangle uplo, Transpose trans, boolean unit, int i, int k) {
        int r = trans == Transpose.TRANSPOSE ? k : i;
        int c = trans == Transpose.TRANSPOSE ? i : k;
        if (r == c) {
            return unit ? 1 : a.get(r, c);
        }
        boolean stored = uplo == Triangle.LOWER ? r > c : r < c;
        return stored ? a.get(r, c) : 0;
    }
}
