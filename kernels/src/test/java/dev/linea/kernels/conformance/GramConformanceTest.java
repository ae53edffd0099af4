package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;

import java.util.Random;

/**
 * gram (Aᵀ·diag(w)·A) against the scalar reference: m from {@link Sizes#LINEAR}, n from {@link Sizes#CUBIC} plus
 * two multi-block shapes, weights absent and present (with exact zeros), both layouts, C pre-filled with NaN
 * (C is overwritten, never read). The result must be exactly symmetric: the contract promises "the full symmetric
 * n×n result".
 */
class GramConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final int[][] LARGE = {{1000, 260}, {300, 131}};

    @ForEachBackend
    void gram(Backend b) {
        Failures f = new Failures();
        for (boolean weighted : new boolean[]{false, true}) {
            for (int m : Sizes.LINEAR) {
                for (int n : Sizes.CUBIC) {
                    for (Sizes.Layout lay : Sizes.LAYOUTS) {
                        check(b, m, n, weighted, lay, f);
                    }
                }
            }
            for (int[] s : LARGE) {
                check(b, s[0], s[1], weighted, Sizes.LOOSE, f);
            }
        }
        f.assertNone();
    }

    static void check(Backend b, int m, int n, boolean weighted, Sizes.Layout lay, Failures f) {
        Random rnd = Ctx.random("gram", m, n, weighted, lay.name());
        Strided a = Strided.matrix(m, n, lay.off(0), lay.pad()).random(rnd);
        Strided w = weighted ? Strided.vector(m, lay.off(1)).weights(rnd) : null;
        Strided c = Strided.matrix(n, n, lay.off(2), lay.pad() + 1).fill(Double.NaN);
        Strided a0 = a.copy();
        Strided w0 = weighted ? w.copy() : null;
        Strided c0 = c.copy();
        Strided ref = c.copy();
        double[] wd = weighted ? w.data : null;
        int wOff = weighted ? w.off : 0;
        String ctx = Ctx.of(b, "gram", "m", m, "n", n, "weights", weighted, "aOff", a.off, "lda", a.ld,
                "wOff", wOff, "cOff", c.off, "ldc", c.ld);
        b.gram(m, n, a.data, a.off, a.ld, wd, wOff, c.data, c.off, c.ld);
        REF.gram(m, n, a0.data, a0.off, a0.ld, weighted ? w0.data : null, wOff, ref.data, ref.off, ref.ld);
        Strided mag = c0.copy();
        REF.gram(m, n, a0.abs().data, a0.off, a0.ld, weighted ? w0.data : null, wOff, mag.data, mag.off, mag.ld);
        Worst worst = new Worst("c");
        int asymmetric = 0;
        String firstAsym = "";
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                worst.check(i, j, c.get(i, j), ref.get(i, j), Tolerance.sum(m, mag.get(i, j)));
                if (j < i && Double.compare(c.get(i, j), c.get(j, i)) != 0 && asymmetric++ == 0) {
                    firstAsym = "c[" + i + "," + j + "] = " + c.get(i, j) + " but c[" + j + "," + i + "] = "
                            + c.get(j, i);
                }
            }
        }
        worst.report(f, ctx);
        if (asymmetric > 0) {
            f.add(ctx + ": result not exactly symmetric in " + asymmetric + " pair(s); first " + firstAsym);
        }
        a.requireUnchanged(a0, "a", f, ctx);
        if (weighted) {
            w.requireUnchanged(w0, "w", f, ctx);
        }
        c.requireOutsideUnchanged(c0, "c", f, ctx);
    }
}
