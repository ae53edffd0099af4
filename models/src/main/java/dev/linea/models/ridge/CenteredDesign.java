package dev.linea.models.ridge;

import dev.linea.kernels.Backend;
import dev.linea.kernels.CentredMoments;
import dev.linea.models.Dataset;
import dev.linea.models.Design;

/**
 * The weighted, centred problem behind ridge (internal): {@code X̃ = W^½·(X − 1·x̄ᵀ)} and {@code ỹ = W^½·(y − ȳ)}
 * with weighted means x̄, ȳ (no centring without an intercept). X̃ is never formed: its Gram matrix and X̃ᵀỹ come
 * from a {@link Design} view whose centre and scale the kernels apply in cache ({@link #materialize()} only for
 * leave-one-out). Ridge on (X̃, ỹ) without intercept gives β; then
 * {@code b = ȳ − x̄ᵀβ}. Folding √w into the rows makes the Gram matrix unweighted and the hat matrix
 * {@code H = X̃(X̃ᵀX̃ + αI)⁻¹X̃ᵀ} the one leave-one-out needs.
 *
 * <p>Data whose squares would overflow or underflow (|x| beyond about 1e±120) are divided by powers of two s_x, s_y
 * (exact): ridge on (X̃/s_x, ỹ/s_y) with α/s_x² gives β' and β = β'·s_y/s_x, so features of 1e300 fit as well as
 * features of 1.
 */
final class CenteredDesign {
    final int m;
    final int n;
    final boolean intercept;
    /** The data as a view centred on x̄ (with an intercept) and scaled by 1/s_x: X is never copied here. */
    private final Design view;
    /** ỹ = √w·(y − ȳ)/s_y, m values. */
    final double[] y;
    final double[] xbar;
    final double ybar;
    /** Σ w_i. */
    final double sw;
    /** w_i / Σw: the intercept's contribution to leverage (null without intercept). */
    final double[] interceptLeverage;
    /** Powers of two x and y were divided by (1 unless their squares would leave double range). */
    final double xScale;
    final double yScale;
    /**
     * Why one power of two cannot bring every column into range (a column whose values, divided by s_x, square
     * below the normal doubles: its digits would be lost in the Gram matrix), or null when it can.
     */
    final String scaleConflict;
    /**
     * The one-pass moments (with an intercept, when no rescaling is needed): then the Gram matrix and X̃ᵀỹ are
     * theirs and X is read once; null otherwise.
     */
    private final CentredMoments moments;

    private CenteredDesign(int m, int n, boolean intercept, Design view, double[] y, double[] xbar, double ybar,
                           double sw, double[] interceptLeverage, double xScale, double yScale,
                           CentredMoments moments, String scaleConflict) {
        this.m = m;
        this.n = n;
        this.intercept = intercept;
        this.view = view;
        this.y = y;
        this.xbar = xbar;
        this.ybar = ybar;
        this.sw = sw;
        this.interceptLeverage = interceptLeverage;
        this.xScale = xScale;
        this.yScale = yScale;
        this.moments = moments;
        this.scaleConflict = scaleConflict;
    }

    static CenteredDesign of(Dataset data, boolean intercept, Backend backend) {
        int m = data.rows();
        int n = data.cols();
        double[] y = data.yUnsafe();
        double[] w = data.weightsUnsafe();
        CentredMoments moments = null;
        Design centred;
        double xmax;
        if (intercept && n > 0) {
            // One pass over X: means, X_cᵀWX_c, X_cᵀW(y − ȳ) and the column ranges; X is not read again below
            // unless the data need rescaling.
            moments = CentredMoments.of(backend, m, n, data.xUnsafe(), 0, n, y, 0, w, 0);
            centred = data.design(true).withAffine(moments.mean(), null);
            xmax = weightedMaxAbs(moments, centred, m);
        } else {
            centred = data.design(intercept).centred();
            xmax = 0;
            for (double v : centred.columnMaxAbs(true)) {
                xmax = Math.max(xmax, v);
            }
        }
        double sw = moments != null ? moments.weightSum() : centred.weightSum();
        double[] xbar = moments != null ? moments.mean() : intercept ? centred.centre() : new double[n];
        double ybar = moments != null ? moments.targetMean() : centred.targetCentre();
        double xs = scaleFor(xmax, m);
        double ys = scaleFor(maxAbs(y, ybar, w, m), m);
        Design view = centred;
        String conflict = xs == 1 ? null : scaleConflict(centred.columnMaxAbs(true), xs, data.featureNames());
        if (xs != 1) {
            double[] d = new double[n];
            java.util.Arrays.fill(d, 1 / xs);
            view = centred.withScale(d);
        }
        if (xs != 1 || ys != 1) {
            moments = null;
        }
        double[] yt = new double[m];
        double[] lev = intercept ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            yt[i] = Math.sqrt(wi) * (y[i] - ybar) / ys;
            if (lev != null) {
                lev[i] = wi / sw;
            }
        }
        return new CenteredDesign(m, n, intercept, view, yt, xbar, ybar, sw, lev, xs, ys, moments, conflict);
    }

    /**
     * @param max max_i √w_i·|x_ij − x̄_j| per column
     * @return the first column that 1/s_x pushes below 2⁻⁵⁰⁰ (its squares would be subnormal or zero) while the
     *         largest column needs that s_x, described with both columns' ranges; null when there is none
     */
    private static String scaleConflict(double[] max, double xs, java.util.List<String> names) {
        int big = 0;
        for (int j = 1; j < max.length; j++) {
            big = max[j] > max[big] ? j : big;
        }
        for (int j = 0; j < max.length; j++) {
            if (max[j] > 0 && max[j] / xs < Math.scalb(1.0, -500)) {
                return "column '" + names.get(j) + "' (|x − x̄| up to " + max[j] + ") and column '" + names.get(big)
                        + "' (up to " + max[big] + ") differ in scale by more than about 1e150: their squares cannot"
                        + " share one Gram matrix in double precision; rescale the columns";
            }
        }
        return null;
    }

    /**
     * {@code max_ij √w_i·|x_ij − x̄_j|} as the rescaling rule needs it. Every term is bounded by the diagonal of
     * the centred Gram matrix, {@code w_i·(x_ij − x̄_j)² ≤ G_jj}, so the maximum lies in
     * {@code [√(max G_jj / m), √(max G_jj)]}; when no value of that interval needs rescaling (data whose squares stay
     * in range) either bound serves, else the maximum itself is taken in a pass over the rows.
     */
    private static double weightedMaxAbs(CentredMoments moments, Design centred, int m) {
        double[] g = moments.xx();
        int n = moments.cols();
        double gmax = 0;
        for (int j = 0; j < n; j++) {
            gmax = Math.max(gmax, g[j * n + j]);
        }
        // A margin of 2⁻⁴⁰ covers the rounding of G and of the square roots.
        double upper = Math.sqrt(gmax) * (1 + 0x1p-40);
        double lower = Math.sqrt(gmax / m) * (1 - 0x1p-40);
        if (lower > 0 && scaleFor(upper, m) == 1 && scaleFor(lower, m) == 1) {
            return upper;
        }
        double max = 0;
        for (double v : centred.columnMaxAbs(true)) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** @param g modified: X̃ᵀX̃ = Σ w_i·z_i·z_iᵀ, z_i = (x_i − x̄)/s_x, n×n (from the kernels, X not copied) */
    void gram(Backend backend, double[] g) {
        if (moments != null) {
            System.arraycopy(moments.xx(), 0, g, 0, n * n);
            return;
        }
        view.gram(backend, g, 0, n);
    }

    /** @param out modified: X̃ᵀỹ = Σ √w_i·z_i·ỹ_i, n values */
    void xty(Backend backend, double[] out) {
        if (moments != null) {
            System.arraycopy(moments.xy(), 0, out, 0, n);
            return;
        }
        double[] w = view.weightsUnsafe();
        double[] v = y;
        if (w != null) {
            v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = Math.sqrt(w[i]) * y[i];
            }
        }
        view.transposeTimes(backend, v, 0, out, 0);
    }

    /**
     * X̃ = W^½·(X − 1·x̄ᵀ)/s_x as an m×n matrix: only for leave-one-out scores, which need X̃·V (an m×n product)
     * anyway.
     */
    double[] materialize() {
        double[] x = view.xUnsafe();
        int off = view.xOffset();
        int ld = view.ldx();
        double[] w = view.weightsUnsafe();
        double[] xt = new double[m * n];
        for (int i = 0; i < m; i++) {
            double r = w == null ? 1 : Math.sqrt(w[i]);
            for (int j = 0; j < n; j++) {
                xt[i * n + j] = r * (x[off + i * ld + j] - xbar[j]) / xScale;
            }
        }
        return xt;
    }

    /**
     * @return the penalty of the scaled problem, α/s_x² (s_x² itself may underflow, so divide twice), capped at
     *         1e300: a penalty that large already makes β' vanish to working precision, and an infinite one would
     *         give ∞/∞ in the solves
     */
    double scaledAlpha(double alpha) {
        return alpha == 0 ? 0 : Math.min(alpha / xScale / xScale, 1e300);
    }

    /** @return β = β'·s_y/s_x, in place */
    double[] unscale(double[] betaScaled) {
        double f = yScale / xScale;
        if (f != 1) {
            for (int j = 0; j < betaScaled.length; j++) {
                betaScaled[j] *= f;
            }
        }
        return betaScaled;
    }

    /** max_i √w_i·|y_i − c| */
    private static double maxAbs(double[] y, double c, double[] w, int m) {
        double max = 0;
        for (int i = 0; i < m; i++) {
            double r = w == null ? 1 : Math.sqrt(w[i]);
            max = Math.max(max, r * Math.abs(y[i] - c));
        }
        return max;
    }

    /** A power of two bringing max into a range where m·max² neither overflows nor underflows, or 1. */
    private static double scaleFor(double max, int m) {
        double hi = Math.scalb(1.0, 400) / Math.sqrt(m);
        double lo = Math.scalb(1.0, -400);
        if (max > hi || (max > 0 && max < lo)) {
            return Math.scalb(1.0, Math.getExponent(max));
        }
        return 1;
    }

    /** @return b = ȳ − x̄ᵀβ (0 without intercept) */
    double intercept(double[] beta) {
        if (!intercept) {
            return 0;
        }
        double s = ybar;
        for (int j = 0; j < n; j++) {
            s -= xbar[j] * beta[j];
        }
        return s;
    }
}
