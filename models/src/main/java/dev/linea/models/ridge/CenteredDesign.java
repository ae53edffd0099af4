package dev.linea.models.ridge;

import dev.linea.models.Dataset;

/**
 * The weighted, centred problem behind ridge (internal): {@code X̃ = W^½·(X − 1·x̄ᵀ)} and {@code ỹ = W^½·(y − ȳ)}
 * with weighted means x̄, ȳ (no centring without an intercept). Ridge on (X̃, ỹ) without intercept gives β; then
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
    /** m×n, row-major; may be the dataset's own array (unweighted, no intercept): read only. */
    final double[] x;
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

    private CenteredDesign(int m, int n, boolean intercept, double[] x, double[] y, double[] xbar, double ybar,
                           double sw, double[] interceptLeverage, double xScale, double yScale) {
        this.m = m;
        this.n = n;
        this.intercept = intercept;
        this.x = x;
        this.y = y;
        this.xbar = xbar;
        this.ybar = ybar;
        this.sw = sw;
        this.interceptLeverage = interceptLeverage;
        this.xScale = xScale;
        this.yScale = yScale;
    }

    static CenteredDesign of(Dataset data, boolean intercept) {
        int m = data.rows();
        int n = data.cols();
        double[] x = data.xUnsafe();
        double[] y = data.yUnsafe();
        double[] w = data.weightsUnsafe();
        double sw = 0;
        double[] xbar = new double[n];
        double ybar = 0;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            sw += wi;
            if (intercept) {
                ybar += wi * y[i];
                for (int j = 0; j < n; j++) {
                    xbar[j] += wi * x[i * n + j];
                }
            }
        }
        if (intercept) {
            ybar /= sw;
            for (int j = 0; j < n; j++) {
                xbar[j] /= sw;
            }
        }
        double xs = scaleFor(maxAbs(x, xbar, w, m, n), m);
        double ys = scaleFor(maxAbs(y, new double[] {ybar}, w, m, 1), m);
        if (!intercept && w == null && xs == 1 && ys == 1) {
            return new CenteredDesign(m, n, false, x, y.clone(), xbar, 0, sw, null, 1, 1);
        }
        double[] xt = new double[m * n];
        double[] yt = new double[m];
        double[] lev = intercept ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            double r = Math.sqrt(wi);
            for (int j = 0; j < n; j++) {
                xt[i * n + j] = r * (x[i * n + j] - xbar[j]) / xs;
            }
            yt[i] = r * (y[i] - ybar) / ys;
            if (lev != null) {
                lev[i] = wi / sw;
            }
        }
        return new CenteredDesign(m, n, intercept, xt, yt, xbar, ybar, sw, lev, xs, ys);
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

    /** max_i,j √w_i·|v_ij − c_j| */
    private static double maxAbs(double[] v, double[] centre, double[] w, int m, int n) {
        double max = 0;
        for (int i = 0; i < m; i++) {
            double r = w == null ? 1 : Math.sqrt(w[i]);
            for (int j = 0; j < n; j++) {
                max = Math.max(max, r * Math.abs(v[i * n + j] - centre[j]));
            }
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
