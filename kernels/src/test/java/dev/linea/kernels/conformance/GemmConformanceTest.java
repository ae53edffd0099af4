package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;

import java.util.Random;

/**
 * gemm against the scalar reference: all four transpose combinations, every m×n×k from {@link Sizes#CUBIC}³ plus
 * two shapes past common cache/register blocks, both layouts, (α, β) = (1, 0) with C pre-filled with NaN and a
 * general (1.3, −0.6).
 */
class GemmConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final double[][] ALPHA_BETA = {{1, 0}, {1.3, -0.6}};
    private static final int[][] LARGE = {{260, 131, 300}, {67, 300, 259}};

    @ForEachBackend
    void gemm(Backend b) {
        Failures f = new Failures();
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                for (int m : Sizes.CUBIC) {
                    for (int n : Sizes.CUBIC) {
                        for (int k : Sizes.CUBIC) {
                            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                                for (double[] ab : ALPHA_BETA) {
                                    check(b, ta, tb, m, n, k, lay, ab[0], ab[1], f);
                                }
                            }
                        }
                    }
                }
                for (int[] s : LARGE) {
                    check(b, ta, tb, s[0], s[1], s[2], Sizes.LOOSE, 1.3, -0.6, f);
                    check(b, ta, tb, s[0], s[1], s[2], Sizes.TIGHT, 1, 0, f);
                }
            }
        }
        f.assertNone();
    }

    static void check(Backend b, Transpose ta, Transpose tb, int m, int n, int k, Sizes.Layout lay,
                              double alpha, double beta, Failures f) {
        boolean tA = ta == Transpose.TRANSPOSE;
        boolean tB = tb == Transpose.TRANSPOSE;
        Random rnd = Ctx.random("gemm", ta, tb, m, n, k, lay.name(), alpha, beta);
        Strided a = Strided.matrix(tA ? k : m, tA ? m : k, lay.off(0), lay.pad()).random(rnd);
        Strided bm = Strided.matrix(tB ? n : k, tB ? k : n, lay.off(1), lay.pad() + 1).random(rnd);
        Strided c = Strided.matrix(m, n, lay.off(2), lay.pad() + 2);
        if (beta == 0) {
            c.fill(Double.NaN);
        } else {
            c.random(rnd);
        }
        Strided a0 = a.copy();
        Strided b0 = bm.copy();
        Strided c0 = c.copy();
        Strided ref = c.copy();
        String ctx = Ctx.of(b, "gemm", "transA", ta, "transB", tb, "m", m, "n", n, "k", k, "alpha", alpha,
                "beta", beta, "aOff", a.off, "lda", a.ld, "bOff", bm.off, "ldb", bm.ld, "cOff", c.off, "ldc", c.ld);
        b.gemm(ta, tb, m, n, k, alpha, a.data, a.off, a.ld, bm.data, bm.off, bm.ld, beta, c.data, c.off, c.ld);
        REF.gemm(ta, tb, m, n, k, alpha, a0.data, a0.off, a0.ld, b0.data, b0.off, b0.ld, beta,
                ref.data, ref.off, ref.ld);
        Strided mag = c0.abs();
        REF.gemm(ta, tb, m, n, k, Math.abs(alpha), a0.abs().data, a0.off, a0.ld, b0.abs().data, b0.off, b0.ld,
                Math.abs(beta), mag.data, mag.off, mag.ld);
        Worst w = new Worst("c");
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                w.check(i, j, c.get(i, j), ref.get(i, j), Tolerance.sum(k, mag.get(i, j)));
            }
        }
        w.report(f, ctx);
        a.requireUnchanged(a0, "a", f, ctx);
        bm.requireUnchanged(b0, "b", f, ctx);
        c.requireOutsideUnchanged(c0, "c", f, ctx);
    }
}
