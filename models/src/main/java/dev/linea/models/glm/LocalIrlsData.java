package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.models.SparseDesign;
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
        this.sumS = sumS(m, s);
        this.ybar = weightedSum(m, y, s) / sumS;
    }

    /** The rows of a sparse design (its X, y, weights, offsets and intercept kept, not modified; no affine map). */
    LocalIrlsData(Backend backend, Family family, Link link, SparseDesign design) {
        this.backend = backend;
        this.family = family;
        this.link = link;
        this.k = design.cols() + (design.intercept() ? 1 : 0);
        this.rows = new IrlsBlock(design, -1, 0);
        this.sumS = sumS(design.rows(), design.weightsUnsafe());
        this.ybar = weightedSum(design.rows(), design.yUnsafe(), design.weightsUnsafe()) / sumS;
    }

    private static double sumS(int m, double[] s) {
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sw += s == null ? 1 : s[i];
        }
        return sw;
    }

    private static double weightedSum(int m, double[] y, double[] s) {
        double sy = 0;
        for (int i = 0; i < m; i++) {
            sy += (s == null ? 1 : s[i]) * y[i];
        }
        return sy;
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

    @Override
    public double[] gradient(double[] beta, IrlsSums at) {
        current(beta);
        double[] g = new double[k];
        return rows.gradient(backend, family, link, g) ? g : null;
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
