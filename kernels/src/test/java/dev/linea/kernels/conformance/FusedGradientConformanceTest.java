package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Logistic;
import dev.linea.kernels.ScalarBackend;

import java.util.Random;

import static dev.linea.kernels.conformance.Tolerance.EPS;
import static dev.linea.kernels.conformance.Tolerance.GAMMA;
import static dev.linea.kernels.conformance.Tolerance.TRANSCENDENTAL;

/**
 * The fused least-squares and logistic loss + gradient against the reference: every m×n from
 * {@link Sizes#LINEAR}², intercept on and off, sample weights absent and present (with exact zeros), both layouts,
 * g pre-filled with NaN (g is overwritten, never read). Logistic also runs with margins up to about ±1000, where a
 * naive log(1 + e^z) overflows.
 *
 * <p>Tolerances propagate the rounding of each margin z_i = x_i·w + b, |δz_i| ≤ (n+3)·ε·(Σ_j|x_ij·w_j| + |b|), through
 * the per-row residual (r = z − y, or p = σ(z) − y with |σ'| ≤ ¼) into the sums over rows (see {@link Tolerance}).
 */
class FusedGradientConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;

    @ForEachBackend
    void leastSquaresGradient(Backend b) {
        run(b, false, 1);
    }

    @ForEachBackend
    void logisticGradient(Backend b) {
        run(b, true, 1);
    }

    @ForEachBackend
    void logisticGradientWithLargeMargins(Backend b) {
        run(b, true, 100);
    }

    private static void run(Backend b, boolean logistic, double wScale) {
        Failures f = new Failures();
        for (int m : Sizes.LINEAR) {
            for (int n : Sizes.LINEAR) {
                for (boolean intercept : new boolean[]{false, true}) {
                    for (boolean weighted : new boolean[]{false, true}) {
                        for (Sizes.Layout lay : Sizes.LAYOUTS) {
                            if (wScale != 1 && lay == Sizes.TIGHT) {
                                continue;
                            }
                            check(b, logistic, wScale, m, n, intercept, weighted, lay, f);
                        }
                    }
                }
            }
        }
        f.assertNone();
    }

    private static void check(Backend b, boolean logistic, double wScale, int m, int n, boolean intercept,
                              boolean weighted, Sizes.Layout lay, Failures f) {
        String kernel = logistic ? "logisticGradient" : "leastSquaresGradient";
        int p = intercept ? n + 1 : n;
        Random rnd = Ctx.random(kernel, wScale, m, n, intercept, weighted, lay.name());
        Strided x = Strided.matrix(m, n, lay.off(0), lay.pad()).random(rnd);
        Strided w = Strided.vector(p, lay.off(1)).random(rnd);
        for (int j = 0; j < p; j++) {
            w.set(0, j, w.at(j) * wScale);
        }
        Strided y = Strided.vector(m, lay.off(2)).random(rnd);
        if (logistic) {
            for (int i = 0; i < m; i++) { // labels 0 and 1, and some fractional targets in [0, 1]
                int kind = rnd.nextInt(3);
                y.set(0, i, kind == 2 ? rnd.nextDouble() : kind);
            }
        }
        Strided s = weighted ? Strided.vector(m, lay.off(3)).weights(rnd) : null;
        Strided g = Strided.vector(p, lay.off(4)).fill(Double.NaN);
        Strided x0 = x.copy();
        Strided w0 = w.copy();
        Strided y0 = y.copy();
        Strided s0 = weighted ? s.copy() : null;
        Strided g0 = g.copy();
        Strided ref = g.copy();
        double[] sd = weighted ? s.data : null;
        int sOff = weighted ? s.off : 0;
        String ctx = Ctx.of(b, kernel, "m", m, "n", n, "intercept", intercept, "weights", weighted,
                "xOff", x.off, "ldx", x.ld, "wOff", w.off, "yOff", y.off, "sOff", sOff, "gOff", g.off,
                "|w| scale", wScale);
        double loss;
        double refLoss;
        if (logistic) {
            loss = b.logisticGradient(m, n, x.data, x.off, x.ld, w.data, w.off, intercept, y.data, y.off,
                    sd, sOff, g.data, g.off);
            refLoss = REF.logisticGradient(m, n, x0.data, x0.off, x0.ld, w0.data, w0.off, intercept,
                    y0.data, y0.off, weighted ? s0.data : null, sOff, ref.data, ref.off);
        } else {
            loss = b.leastSquaresGradient(m, n, x.data, x.off, x.ld, w.data, w.off, intercept, y.data, y.off,
                    sd, sOff, g.data, g.off);
            refLoss = REF.leastSquaresGradient(m, n, x0.data, x0.off, x0.ld, w0.data, w0.off, intercept,
                    y0.data, y0.off, weighted ? s0.data : null, sOff, ref.data, ref.off);
        }
        // Error budgets, accumulated row by row.
        double[] gSum = new double[p]; // Σ_i |x_ij·s_i·resid_i|
        double[] gProp = new double[p]; // Σ_i |x_ij|·s_i·δresid_i
        double lossSum = 0;
        double lossProp = 0;
        double bias = intercept ? w0.at(n) : 0;
        for (int i = 0; i < m; i++) {
            double z = bias;
            double zMag = Math.abs(bias);
            for (int j = 0; j < n; j++) {
                z += x0.get(i, j) * w0.at(j);
                zMag += Math.abs(x0.get(i, j) * w0.at(j));
            }
            double dz = (n + 3) * EPS * zMag;
            double si = weighted ? s0.at(i) : 1;
            double yi = y0.at(i);
            double resid;
            double dResid;
            if (logistic) {
                resid = Logistic.sigmoid(z) - yi;
                dResid = 0.25 * dz + TRANSCENDENTAL * EPS * (1 + Math.abs(yi));
                double li = Logistic.log1pExp(z) - yi * z;
                lossSum += si * Math.abs(li);
                lossProp += si * (Math.abs(resid) * dz
                        + TRANSCENDENTAL * EPS * (Math.abs(Logistic.log1pExp(z)) + Math.abs(yi * z)));
            } else {
                resid = z - yi;
                dResid = dz + 2 * EPS * Math.abs(yi);
                lossSum += 0.5 * si * resid * resid;
                lossProp += si * Math.abs(resid) * dResid;
            }
            for (int j = 0; j < p; j++) {
                double xij = j < n ? Math.abs(x0.get(i, j)) : 1;
                gSum[j] += xij * si * Math.abs(resid);
                gProp[j] += xij * si * dResid;
            }
        }
        Worst gw = new Worst("g");
        for (int j = 0; j < p; j++) {
            gw.check(j, g.at(j), ref.at(j), GAMMA * ((m + 3) * EPS * gSum[j] + gProp[j]));
        }
        gw.report(f, ctx);
        Worst lw = new Worst("returned loss");
        lw.check(-1, loss, refLoss, GAMMA * ((m + 3) * EPS * lossSum + lossProp));
        lw.report(f, ctx);
        x.requireUnchanged(x0, "x", f, ctx);
        w.requireUnchanged(w0, "w", f, ctx);
        y.requireUnchanged(y0, "y", f, ctx);
        if (weighted) {
            s.requireUnchanged(s0, "s", f, ctx);
        }
        g.requireOutsideUnchanged(g0, "g", f, ctx);
    }
}
