package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.models.optim.TwiceDifferentiableFunction;

/**
 * The binary objective, mean-scaled (internal):
 * <pre>  f(β, b) = (1/Σs)·Σ_i s_i·(log(1 + e^{z_i}) − y_i·z_i) + (λ/2)·‖β‖²,   z = Xβ + b,   λ = 1/(C·Σs)</pre>
 * which is scikit-learn's {@code C·Σ s_i·ℓ_i + ½‖β‖²} divided by C·Σs: the same minimizer, with a gradient whose
 * size does not grow with the number of rows. The data term and its gradient come from the backend's fused
 * {@link Backend#logisticGradient} kernel (one pass over X). Parameters: θ = (β_0 … β_{n−1} [, b]).
 */
final class LogisticObjective implements TwiceDifferentiableFunction {
    final Backend backend;
    final int m;
    final int n;
    /** Leading dimension of X: n, but at least 1 as the kernels require (X has no entries when n = 0). */
    final int ld;
    final double[] x;
    final double[] y;
    /** Effective weights, or null for all ones. */
    final double[] s;
    final boolean intercept;
    final double sumS;
    /** 1/(C·Σs), or 0 without penalty. */
    final double lambda;

    LogisticObjective(Backend backend, int m, int n, double[] x, double[] y, double[] s, boolean intercept,
                      double lambda) {
        this.backend = backend;
        this.m = m;
        this.n = n;
        this.ld = Math.max(1, n);
        this.x = x;
        this.y = y;
        this.s = s;
        this.intercept = intercept;
        this.sumS = Labels.sum(s, m);
        this.lambda = lambda;
    }

    int parameters() {
        return intercept ? n + 1 : n;
    }

    @Override
    public double value(double[] theta, double[] grad) {
        double raw = backend.logisticGradient(m, n, x, 0, ld, theta, 0, intercept, y, 0, s, 0, grad, 0);
        return LogisticRows.value(raw, grad, theta, n, sumS, lambda);
    }

    /** H = [X 1]ᵀ·D·[X 1] + λ·diag(1, …, 1, 0), D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs (see {@link LogisticRows}). */
    @Override
    public void hessian(double[] theta, double[] h) {
        LogisticRows.hessian(backend, m, n, x, theta, intercept, s, sumS, h);
        LogisticRows.penalize(h, parameters(), n, lambda);
    }

    /** z ← Xβ + b; z is modified, theta is not. */
    void margins(double[] theta, double[] z) {
        LogisticRows.margins(backend, m, n, x, theta, intercept, z);
    }

    double weight(int i) {
        return s == null ? 1 : s[i];
    }
}
