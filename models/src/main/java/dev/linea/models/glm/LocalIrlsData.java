package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import java.util.Arrays;

/** {@link IrlsData} over the rows in memory (internal): one {@link IrlsBlock} of all of them. */
final class LocalIrlsData implements IrlsData {
    private final Backend backend;
    private final Family family;
    private final Link link;
    private final int k;
    private final IrlsBlock rows;
    private final double sumS;
    private final double ybar;
    /** Whether the block's η and μ are those of {@link #at}. */
    private boolean evaluated;
    private double[] at;

    /**
     * x (m×n from xOff with leading dimension ldx, the features: the intercept is implicit), y, s (null for ones)
     * and offset (null for zeros) are kept, not modified.
     */
    LocalIrlsData(Backend backend, Family family, Link link, int m, int n, double[] x, int xOff, int ldx,
                  boolean intercept, double[] y, double[] s, double[] offset) {
        this.backend = backend;
        this.family = family;
        this.link = link;
        this.k = n + (intercept ? 1 : 0);
        this.rows = new IrlsBlock(m, n, x, xOff, ldx, intercept, y, s, offset, -1, 0);
        double sy = 0;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            double si = s == null ? 1 : s[i];
            sy += si * y[i];
            sw += si;
        }
        this.sumS = sw;
        this.ybar = sy / sw;
    }

    /** @return Σ s_i */
    double sumS() {
        return sumS;
    }

    /** @return Σ s_i·y_i / Σ s_i */
    double ybar() {
        return ybar;
    }

    @Override
    public IrlsSums evaluate(double[] beta) {
        IrlsSums sums = new IrlsSums(k, false);
        rows.evaluate(backend, family, link, beta, ybar, sums);
        at = beta == null ? null : beta.clone();
        evaluated = true;
        return sums;
    }

    @Override
    public IrlsSums workingSystem(double[] beta, IrlsSums sums, boolean fisher) {
        current(beta);
        IrlsSums out = new IrlsSums(k, true);
        rows.workingSystem(backend, family, link, fisher, out);
        return out;
    }

    /** @return μ at β (the block's array; do not modify) */
    double[] mu(double[] beta) {
        current(beta);
        return rows.mu();
    }

    /** (AᵀWA)⁻¹ with the expected-information weights at β, or null when singular. */
    double[] unscaledCovariance(double[] beta) {
        current(beta);
        double[] g = new double[k * k];
        rows.expectedInformation(backend, family, link, g);
        return Irls.inverse(backend, k, g);
    }

    /** Re-evaluates when the block's η and μ are not those of β. */
    private void current(double[] beta) {
        if (!evaluated || !Arrays.equals(at, beta)) {
            evaluate(beta);
        }
    }
}
