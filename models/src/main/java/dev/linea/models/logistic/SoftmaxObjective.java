package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import dev.linea.models.optim.DifferentiableFunction;

/**
 * The multinomial objective, mean-scaled (internal). Parameters θ = (W row-major K×n, then b, K values when fitting
 * intercepts); logits {@code Z = X·Wᵀ + 1·bᵀ} (one backend gemm), then per row the log-sum-exp shifted by the row's
 * largest logit, so no exponential overflows:
 * <pre>
 *   f(W, b) = (1/Σs)·Σ_i s_i·(lse(z_i) − z_{i,y_i}) + (λ/2)·‖W‖²_F,   λ = 1/(C·Σs)
 *   ∇_W f  = Rᵀ·X/Σs + λ·W,   ∇_b f = 1ᵀ·R/Σs,   R_ik = s_i·(p_ik − [y_i = k])
 * </pre>
 * (∇_W is the second gemm). This is scikit-learn's {@code C·Σ s_i·(−log p_{i,y_i}) + ½‖W‖²_F} divided by C·Σs.
 * Not thread-safe: it owns the m×K work arrays.
 */
final class SoftmaxObjective implements DifferentiableFunction {
    final Backend backend;
    final int m;
    final int n;
    final int k;
    /** Leading dimension of X and W: n, but at least 1 as the kernels require. */
    final int ld;
    final double[] x;
    final int[] y;
    final double[] s;
    final boolean intercept;
    final double sumS;
    final double lambda;
    /** Logits, then residuals R: m×K. */
    private final double[] z;

    SoftmaxObjective(Backend backend, int m, int n, int k, double[] x, int[] y, double[] s, boolean intercept,
                     double lambda) {
        this.backend = backend;
        this.m = m;
        this.n = n;
        this.k = k;
        this.ld = Math.max(1, n);
        this.x = x;
        this.y = y;
        this.s = s;
        this.intercept = intercept;
        this.sumS = Labels.sum(s, m);
        this.lambda = lambda;
        this.z = new double[m * k];
    }

    int parameters() {
        return k * n + (intercept ? k : 0);
    }

    /** Z ← X·Wᵀ + b; @return the m×K logits (an internal buffer, overwritten by the next call) */
    double[] logits(double[] theta) {
        backend.gemm(Transpose.NONE, Transpose.TRANSPOSE, m, k, n, 1, x, 0, ld, theta, 0, ld, 0, z, 0, k);
        if (intercept) {
            int bOff = k * n;
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < k; c++) {
                    z[i * k + c] += theta[bOff + c];
                }
            }
        }
        return z;
    }

    @Override
    public double value(double[] theta, double[] grad) {
        logits(theta);
        double loss = 0;
        int bOff = k * n;
        if (intercept) {
            java.util.Arrays.fill(grad, bOff, bOff + k, 0);
        }
        for (int i = 0; i < m; i++) {
            int r = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[r + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[r + c] - max);
            }
            double lse = max + Math.log(sum);
            double si = s == null ? 1 : s[i];
            loss += si * (lse - z[r + y[i]]);
            for (int c = 0; c < k; c++) {
                double ric = si * (Math.exp(z[r + c] - lse) - (c == y[i] ? 1 : 0));
                z[r + c] = ric;
                if (intercept) {
                    grad[bOff + c] += ric;
                }
            }
        }
        backend.gemm(Transpose.TRANSPOSE, Transpose.NONE, k, n, m, 1, z, 0, k, x, 0, ld, 0, grad, 0, ld);
        double inv = 1 / sumS;
        int p = parameters();
        for (int j = 0; j < p; j++) {
            grad[j] *= inv;
        }
        double pen = 0;
        for (int j = 0; j < bOff; j++) {
            grad[j] += lambda * theta[j];
            pen += theta[j] * theta[j];
        }
        return loss * inv + 0.5 * lambda * pen;
    }
}
