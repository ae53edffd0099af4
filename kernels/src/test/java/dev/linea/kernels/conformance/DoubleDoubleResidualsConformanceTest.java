package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

/**
 * residualsDoubleDouble (the refinement's residual pass): every backend against exact arithmetic (BigDecimal), not
 * against any implementation, at odd sizes (every SIMD tail, rows shorter and longer than a vector), in both
 * layouts, with and without a trailing part A_lo, on data built to cancel (b_i = fl(A_i·x) plus a residual 10⁻⁹ of
 * its size, so plain double arithmetic would keep about 7 digits of r_i): r_i must be s_i correctly rounded (to one
 * ulp), and the accumulated g within a few 2⁻¹⁰⁴ of Σ|terms| of the exact sum; then every backend against the
 * scalar reference (bit-for-bit on these data but for s_i's summation order, so to the same bounds), and nothing
 * written outside r and g, no input modified.
 */
class DoubleDoubleResidualsConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final int[] ROWS = {0, 1, 7, 103};
    private static final int[] COLS = {0, 1, 3, 7, 8, 9, 17, 103};
    private static final MathContext EXACT = MathContext.UNLIMITED;
    /** 2⁻¹⁰⁴: double-double's unit roundoff. */
    private static final double DD = 0x1p-104;

    @ForEachBackend
    void residualsDoubleDouble(Backend be) {
        Failures f = new Failures();
        for (int m : ROWS) {
            for (int n : COLS) {
                for (boolean low : new boolean[] {false, true}) {
                    for (Sizes.Layout lay : Sizes.LAYOUTS) {
                        check(be, m, n, low, lay, f);
                    }
                }
            }
        }
        f.assertNone();
    }

    private static void check(Backend be, int m, int n, boolean low, Sizes.Layout lay, Failures f) {
        Random rnd = Ctx.random("residualsDoubleDouble", m, n, low, lay.name());
        Strided a = Strided.matrix(m, n, lay.off(0), lay.pad()).random(rnd);
        Strided aLow = low ? Strided.matrix(m, n, lay.off(1), lay.pad()) : null;
        if (low) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    aLow.set(i, j, Math.ulp(a.get(i, j)) * (rnd.nextDouble() - 0.5));
                }
            }
        }
        Strided x = Strided.vector(n, lay.off(2)).random(rnd);
        Strided b = Strided.vector(m, lay.off(3));
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a.get(i, j) * x.at(j);
            }
            b.set(0, i, s + 1e-9 * Math.abs(s) * (2 * rnd.nextDouble() - 1));
        }
        Strided r = Strided.vector(m, lay.off(4)).fill(Double.NaN);
        Strided g = Strided.vector(2 * n, lay.off(5));
        for (int k = 0; k < n; k++) {
            g.set(0, k, 2 * rnd.nextDouble() - 1);
            g.set(0, n + k, 0x1p-60 * (2 * rnd.nextDouble() - 1));
        }
        Strided a0 = a.copy();
        Strided aLow0 = low ? aLow.copy() : null;
        Strided x0 = x.copy();
        Strided b0 = b.copy();
        Strided r0 = r.copy();
        Strided g0 = g.copy();
        Strided refR = r.copy();
        Strided refG = g.copy();
        String ctx = Ctx.of(be, "residualsDoubleDouble", "m", m, "n", n, "aLow", low, "layout", lay);
        be.residualsDoubleDouble(m, n, a.data, a.off, a.ld, low ? aLow.data : null, low ? aLow.off : 0, x.data,
                x.off, b.data, b.off, r.data, r.off, g.data, g.off);
        REF.residualsDoubleDouble(m, n, a0.data, a0.off, a0.ld, low ? aLow0.data : null, low ? aLow0.off : 0,
                x0.data, x0.off, b0.data, b0.off, refR.data, refR.off, refG.data, refG.off);

        // Exact: s_i = b_i − Σ_j (a + a_lo)(i, j)·x_j, g_k = g0_k + Σ_i (a + a_lo)(i, k)·s_i.
        BigDecimal[] s = new BigDecimal[m];
        double[] mag = new double[m];
        Worst wr = new Worst("r");
        Worst wRef = new Worst("r vs reference");
        for (int i = 0; i < m; i++) {
            BigDecimal acc = new BigDecimal(b0.at(i));
            double sum = Math.abs(b0.at(i));
            for (int j = 0; j < n; j++) {
                double aij = a0.get(i, j) ;
                double lij = low ? aLow0.get(i, j) : 0;
                acc = acc.subtract(new BigDecimal(aij).add(new BigDecimal(lij)).multiply(new BigDecimal(x0.at(j))));
                sum += Math.abs((aij + lij) * x0.at(j));
            }
            s[i] = acc;
            mag[i] = sum;
            double exact = acc.doubleValue();
            // Correctly rounded to one ulp, plus the double-double sum's own error bound.
            double tol = Math.ulp(exact) + 4 * (n + 2) * DD * sum;
            wr.check(i, r.at(i), exact, tol);
            wRef.check(i, r.at(i), refR.at(i), 2 * tol);
        }
        Worst wg = new Worst("g_hi + g_lo");
        Worst wgRef = new Worst("g vs reference");
        for (int k = 0; k < n; k++) {
            BigDecimal acc = new BigDecimal(g0.at(k)).add(new BigDecimal(g0.at(n + k)));
            double sum = Math.abs(g0.at(k));
            for (int i = 0; i < m; i++) {
                double aik = a0.get(i, k) + (low ? aLow0.get(i, k) : 0);
                acc = acc.add(new BigDecimal(a0.get(i, k)).add(new BigDecimal(low ? aLow0.get(i, k) : 0))
                        .multiply(s[i], EXACT));
                // The product's terms, and s_i's own error bound carried through A.
                sum += Math.abs(aik * s[i].doubleValue()) + Math.abs(aik) * 4 * (n + 2) * mag[i];
            }
            double exact = acc.doubleValue();
            double got = new BigDecimal(g.at(k)).add(new BigDecimal(g.at(n + k))).doubleValue();
            double ref = new BigDecimal(refG.at(k)).add(new BigDecimal(refG.at(n + k))).doubleValue();
            double tol = Math.ulp(exact) + 8 * (m + 2) * DD * sum;
            wg.check(k, got, exact, tol);
            wgRef.check(k, got, ref, 2 * tol);
        }
        wr.report(f, ctx);
        wRef.report(f, ctx);
        wg.report(f, ctx);
        wgRef.report(f, ctx);
        a.requireUnchanged(a0, "a", f, ctx);
        if (low) {
            aLow.requireUnchanged(aLow0, "aLow", f, ctx);
        }
        x.requireUnchanged(x0, "x", f, ctx);
        b.requireUnchanged(b0, "b", f, ctx);
        r.requireOutsideUnchanged(r0, "r", f, ctx);
        g.requireOutsideUnchanged(g0, "g", f, ctx);
    }
}
