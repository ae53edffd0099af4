package dev.linea.models.ridge;

import dev.linea.models.Dataset;

/**
 * The weighted, centred problem behind ridge (internal): {@code X̃ = W^½·(X − 1·x̄ᵀ)} and {@code ỹ = W^½·(y − ȳ)}
 * with weighted means x̄, ȳ (no centring without an intercept). Ridge on (X̃, ỹ) without intercept gives β; then
 * {@code b = ȳ − x̄ᵀβ}. Folding √w into the rows makes the Gram matrix unweighted and the hat matrix
 * {@code H = X̃(X̃ᵀX̃ + αI)⁻¹X̃ᵀ} the one leave-one-out needs.
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

    private CenteredDesign(int m, int n, boolean intercept, double[] x, double[] y, double[] xbar, double ybar,
                           double sw, double[] interceptLeverage) {
        this.m = m;
        this.n = n;
        this.intercept = intercept;
        this.x = x;
        this.y = y;
        this.xbar = xbar;
        this.ybar = ybar;
        this.sw = sw;
        this.interceptLeverage = interceptLeverage;
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
        if (!intercept && w == null) {
            return new CenteredDesign(m, n, false, x, y.clone(), xbar, 0, sw, null);
        }
        double[] xs = new double[m * n];
        double[] ys = new double[m];
        double[] lev = intercept ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[i];
            double r = Math.sqrt(wi);
            for (int j = 0; j < n; j++) {
                xs[i * n + j] = r * (x[i * n + j] - xbar[j]);
            }
            ys[i] = r * (y[i] - ybar);
            if (lev != null) {
                lev[i] = wi / sw;
            }
        }
        return new CenteredDesign(m, n, intercept, xs, ys, xbar, ybar, sw, lev);
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
