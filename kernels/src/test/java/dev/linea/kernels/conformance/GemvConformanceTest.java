package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;

import java.util.Random;

/**
 * gemv against the scalar reference: every m×n from {@link Sizes#LINEAR}², both transposes, both layouts, and
 * (α, β) = (1, 0) with y pre-filled with NaN (y must not be read) and a general (−0.7, 1.3).
 */
class GemvConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final double[][] ALPHA_BETA = {{1, 0}, {-0.7, 1.3}};

    @ForEachBackend
    void gemv(Backend b) {
        Failures f = new Failures();
        for (Transpose t : Transpose.values()) {
            for (int m : Sizes.LINEAR) {
                for (int n : Sizes.LINEAR) {
                    for (Sizes.Layout lay : Sizes.LAYOUTS) {
                        for (double[] ab : ALPHA_BETA) {
                            check(b, t, m, n, lay, ab[0], ab[1], f);
                        }
                    }
                }
            }
        }
        f.assertNone();
    }

    private static void check(Backend b, Transpose t, int m, int n, Sizes.Layout lay, double alpha, double beta,
                              Failures f) {
        boolean tr = t == Transpose.TRANSPOSE;
        int xLen = tr ? m : n;
        int yLen = tr ? n : m;
        Random rnd = Ctx.random("gemv", t, m, n, lay.name(), alpha, beta);
        Strided a = Strided.matrix(m, n, lay.off(0), lay.pad()).random(rnd);
        Strided x = Strided.vector(xLen, lay.off(1)).random(rnd);
        Strided y = Strided.vector(yLen, lay.off(2));
        if (beta == 0) {
            y.fill(Double.NaN);
        } else {
            y.random(rnd);
        }
        Strided a0 = a.copy();
        Strided x0 = x.copy();
        Strided y0 = y.copy();
        Strided ref = y.copy();
        String ctx = Ctx.of(b, "gemv", "trans", t, "m", m, "n", n, "alpha", alpha, "beta", beta,
                "aOff", a.off, "lda", a.ld, "xOff", x.off, "yOff", y.off);
        b.gemv(t, m, n, alpha, a.data, a.off, a.ld, x.data, x.off, beta, y.data, y.off);
        REF.gemv(t, m, n, alpha, a0.data, a0.off, a0.ld, x0.data, x0.off, beta, ref.data, ref.off);
        // |α|·|op(A)|·|x| + |β|·|y|: the magnitude of the terms each output sums.
        Strided mag = y0.abs();
        REF.gemv(t, m, n, Math.abs(alpha), a0.abs().data, a0.off, a0.ld, x0.abs().data, x0.off, Math.abs(beta),
                mag.data, mag.off);
        Worst w = new Worst("y");
        for (int i = 0; i < yLen; i++) {
            w.check(i, y.at(i), ref.at(i), Tolerance.sum(xLen, mag.at(i)));
        }
        w.report(f, ctx);
        a.requireUnchanged(a0, "a", f, ctx);
        x.requireUnchanged(x0, "x", f, ctx);
        y.requireOutsideUnchanged(y0, "y", f, ctx);
    }
}
