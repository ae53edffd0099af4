package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;

import java.util.Random;

/**
 * centeredGram ({@code Σ_i w_i·z_i·z_iᵀ}, {@code z_ij = (A(i, j) − shift_j)·scale_j}) against the scalar reference:
 * m from {@link Sizes#LINEAR} and across the block boundaries of the packed vector Gram (KC = 384 rows, 6-row
 * strips, 128-column L2 blocks) and of the native row blocks ({@code 2^17 / n} rows), n from {@link Sizes#CUBIC},
 * weights absent and present, shift alone and shift with scale, both layouts, C pre-filled with NaN. A's columns
 * have means far from zero (up to 1e3) and the shift is close to them, as when centring on the column means: a
 * backend that squared first and subtracted after would lose the digits this checks. The scalar reference itself
 * is checked against the plain Gram of the explicitly centred matrix.
 */
class CenteredGramConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    /** Shapes across the vector KC (384, 768), the 6-row strip and L2 column block, and native's row blocks. */
    private static final int[][] BOUNDARIES = {{383, 5}, {385, 13}, {769, 7}, {1000, 131}, {1300, 103},
        {131073 / 128 + 1, 128}, {2 * (131072 / 300) + 3, 300}};

    @ForEachBackend
    void centeredGram(Backend b) {
        Failures f = new Failures();
        for (boolean weighted : new boolean[]{false, true}) {
            for (boolean scaled : new boolean[]{false, true}) {
                for (int m : Sizes.LINEAR) {
                    for (int n : Sizes.CUBIC) {
                        for (Sizes.Layout lay : Sizes.LAYOUTS) {
                            check(b, m, n, weighted, scaled, lay, f);
                        }
                    }
                }
                for (int[] s : BOUNDARIES) {
                    check(b, s[0], s[1], weighted, scaled, Sizes.LOOSE, f);
                }
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void withoutShiftOrScaleIsThePlainGram(Backend b) {
        Random rnd = Ctx.random("centeredGram-plain");
        int m = 103;
        int n = 9;
        Strided a = Strided.matrix(m, n, 0, 0).random(rnd);
        Strided w = Strided.vector(m, 0).weights(rnd);
        double[] c1 = new double[n * n];
        double[] c2 = new double[n * n];
        b.centeredGram(m, n, a.data, 0, n, null, 0, null, 0, w.data, 0, c1, 0, n);
        b.gram(m, n, a.data, 0, n, w.data, 0, c2, 0, n);
        Failures f = new Failures();
        for (int i = 0; i < n * n; i++) {
            if (Double.compare(c1[i], c2[i]) != 0) {
                f.add(Ctx.of(b, "centeredGram", "m", m, "n", n) + ": without shift or scale, c[" + i + "] = " + c1[i]
                        + ", expected gram's " + c2[i]);
                break;
            }
        }
        f.assertNone();
    }

    static void check(Backend b, int m, int n, boolean weighted, boolean scaled, Sizes.Layout lay, Failures f) {
        Random rnd = Ctx.random("centeredGram", m, n, weighted, scaled, lay.name());
        Strided a = Strided.matrix(m, n, lay.off(0), lay.pad()).random(rnd);
        Strided shift = Strided.vector(n, lay.off(3));
        Strided scale = scaled ? Strided.vector(n, lay.off(4)) : null;
        for (int j = 0; j < n; j++) {
            double mean = (rnd.nextInt(3) - 1) * 1000 * rnd.nextDouble();
            for (int i = 0; i < m; i++) {
                a.set(i, j, a.get(i, j) + mean);
            }
            shift.set(0, j, mean + 0.01 * (2 * rnd.nextDouble() - 1));
            if (scaled) {
                scale.set(0, j, 0.5 + 1.5 * rnd.nextDouble());
            }
        }
        Strided w = weighted ? Strided.vector(m, lay.off(1)).weights(rnd) : null;
        Strided c = Strided.matrix(n, n, lay.off(2), lay.pad() + 1).fill(Double.NaN);
        Strided a0 = a.copy();
        Strided shift0 = shift.copy();
        Strided scale0 = scaled ? scale.copy() : null;
        Strided w0 = weighted ? w.copy() : null;
        Strided c0 = c.copy();
        Strided ref = c.copy();
        double[] wd = weighted ? w.data : null;
        int wOff = weighted ? w.off : 0;
        double[] sd = scaled ? scale.data : null;
        int sOff = scaled ? scale.off : 0;
        String ctx = Ctx.of(b, "centeredGram", "m", m, "n", n, "weights", weighted, "scale", scaled, "aOff", a.off,
                "lda", a.ld, "shiftOff", shift.off, "wOff", wOff, "cOff", c.off, "ldc", c.ld);
        b.centeredGram(m, n, a.data, a.off, a.ld, shift.data, shift.off, sd, sOff, wd, wOff, c.data, c.off, c.ld);
        REF.centeredGram(m, n, a0.data, a0.off, a0.ld, shift0.data, shift0.off, scaled ? scale0.data : null, sOff,
                weighted ? w0.data : null, wOff, ref.data, ref.off, ref.ld);
        // The reference's meaning: the plain Gram of the explicitly mapped matrix z (and |z| for the tolerance).
        Strided z = Strided.matrix(m, n, 0, 0);
        Strided zAbs = Strided.matrix(m, n, 0, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = (a0.get(i, j) - shift0.get(0, j)) * (scaled ? scale0.get(0, j) : 1);
                z.set(i, j, v);
                zAbs.set(i, j, Math.abs(v));
            }
        }
        double[] explicit = new double[n * n];
        double[] mag = new double[n * n];
        int ld = Math.max(1, n);
        REF.gram(m, n, z.data, 0, ld, weighted ? w0.data : null, wOff, explicit, 0, ld);
        REF.gram(m, n, zAbs.data, 0, ld, weighted ? w0.data : null, wOff, mag, 0, ld);
        Worst worst = new Worst("c");
        Worst self = new Worst("reference");
        int asymmetric = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double tol = Tolerance.sum(m, mag[i * n + j]);
                worst.check(i, j, c.get(i, j), ref.get(i, j), tol);
                self.check(i, j, ref.get(i, j), explicit[i * n + j], tol);
                if (j < i && Double.compare(c.get(i, j), c.get(j, i)) != 0) {
                    asymmetric++;
                }
            }
        }
        worst.report(f, ctx);
        self.report(f, ctx + " (scalar reference vs the Gram of the centred matrix)");
        if (asymmetric > 0) {
            f.add(ctx + ": result not exactly symmetric in " + asymmetric + " pair(s)");
        }
        a.requireUnchanged(a0, "a", f, ctx);
        shift.requireUnchanged(shift0, "shift", f, ctx);
        if (scaled) {
            scale.requireUnchanged(scale0, "scale", f, ctx);
        }
        if (weighted) {
            w.requireUnchanged(w0, "w", f, ctx);
        }
        c.requireOutsideUnchanged(c0, "c", f, ctx);
    }
}
