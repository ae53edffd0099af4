package dev.linea.models.gd;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;

/**
 * The mean penalized loss on the working data and its gradient:
 * <pre>  L(β', b') = (1/Σw)·½·Σ_i w_i·r_i² + ½·α·Σ_j β'_j²/σ_j²,   r = X'β' + b' − y</pre>
 * (the penalty is ½α‖β‖² on the original-scale β = β'/σ). The data term goes through the backend's fused
 * {@link Backend#leastSquaresGradient} kernel, which reads X once per evaluation.
 */
final class Objective {
    /** power iterations of the automatic learning rate */
    static final int POWER_ITERATIONS = 20;

    private final WorkingData d;
    private final Backend backend;
    private final double alpha;

    Objective(WorkingData d, Backend backend, double alpha) {
        this.d = d;
        this.backend = backend;
        this.alpha = alpha;
    }

    /**
     * Full-data loss and gradient.
     *
     * @param beta working parameters; not modified
     * @param grad modified: the gradient of L at beta
     * @return L at beta
     */
    double full(double[] beta, double[] grad) {
        double raw = backend.leastSquaresGradient(d.m, d.n, d.x, 0, d.ld, beta, 0, d.intercept, d.y, 0, d.s, 0,
                grad, 0);
        return finish(raw, 1 / d.sumW, beta, grad);
    }

    /**
     * Unbiased estimate of the full gradient from b rows held contiguously in the batch buffers: the data term is
     * scaled by m / (b·Σw), so its expectation over a uniformly drawn batch is the full data term.
     *
     * @param xb   b×n rows (leading dimension {@code d.ld}); not modified
     * @param yb   b targets; not modified
     * @param sb   b weights, or null when unweighted; not modified
     * @param beta not modified
     * @param grad modified: the estimate
     */
    void batch(int b, double[] xb, double[] yb, double[] sb, double[] beta, double[] grad) {
        double raw = backend.leastSquaresGradient(b, d.n, xb, 0, d.ld, beta, 0, d.intercept, yb, 0, sb, 0, grad, 0);
        finish(raw, (double) d.m / ((double) b * d.sumW), beta, grad);
    }

    private double finish(double raw, double factor, double[] beta, double[] grad) {
        int p = d.parameters();
        for (int j = 0; j < p; j++) {
            grad[j] *= factor;
        }
        double pen = 0;
        if (alpha > 0) {
            for (int j = 0; j < d.n; j++) {
                double c = alpha * d.penaltyScale[j] * beta[j];
                grad[j] += c;
                pen += c * beta[j];
            }
        }
        return raw * factor + 0.5 * pen;
    }

    /**
     * Largest eigenvalue L of the Hessian H = [X' 1]ᵀ·W·[X' 1]/Σw + α·diag(1/σ²) (no penalty on the intercept) by
     * power iteration, with one gemv each way per iteration. The estimate approaches L from below; gradient descent
     * on a quadratic is stable for η &lt; 2/L, so 1/L_estimate is safe whenever the estimate is above L/2, which 20
     * iterations from a generic start give in practice.
     */
    double largestEigenvalue() {
        int p = d.parameters();
        if (p == 0) {
            return 0;
        }
        double[] v = new double[p];
        double[] hv = new double[p];
        double[] t = new double[d.m];
        // a generic start: ones alone can be orthogonal to the top eigenvector of symmetric designs
        for (int j = 0; j < p; j++) {
            v[j] = 1 + 0.1 * j / p;
        }
        normalize(v);
        double lambda = 0;
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            backend.gemv(Transpose.NONE, d.m, d.n, 1, d.x, 0, d.ld, v, 0, 0, t, 0);
            double b = d.intercept ? v[d.n] : 0;
            double sumT = 0;
            for (int i = 0; i < d.m; i++) {
                double wi = (d.s == null ? 1 : d.s[i]) / d.sumW;
                t[i] = wi * (t[i] + b);
                sumT += t[i];
            }
            backend.gemv(Transpose.TRANSPOSE, d.m, d.n, 1, d.x, 0, d.ld, t, 0, 0, hv, 0);
            if (d.intercept) {
                hv[d.n] = sumT;
            }
            for (int j = 0; j < d.n; j++) {
                hv[j] += alpha * d.penaltyScale[j] * v[j];
            }
            lambda = normalizeInto(hv, v);
            if (lambda == 0) {
                break;
            }
        }
        return lambda;
    }

    /**
     * The smoothness constant of the loss sampled in batches of b of m rows without replacement (Gower et al.,
     * "SGD: general analysis and improved rates", 2019):
     * <pre>  L_b = m(b−1)/(b(m−1))·L + (m−b)/(b(m−1))·L_max</pre>
     * where L_max = max_i (m·w_i/Σw)·(‖x'_i‖² + [intercept]) + α·max_j 1/σ_j² bounds each single row's curvature.
     */
    double batchSmoothness(double lambda, int b) {
        if (d.m <= 1 || b >= d.m) {
            return lambda;
        }
        double lmax = 0;
        for (int i = 0; i < d.m; i++) {
            double sq = d.intercept ? 1 : 0;
            for (int j = 0; j < d.n; j++) {
                double v = d.x[i * d.n + j];
                sq += v * v;
            }
            double wi = d.s == null ? 1 : d.s[i];
            lmax = Math.max(lmax, d.m * wi / d.sumW * sq);
        }
        double pmax = 0;
        for (int j = 0; j < d.n; j++) {
            pmax = Math.max(pmax, d.penaltyScale[j]);
        }
        lmax += alpha * pmax;
        double m = d.m;
        return m * (b - 1) / (b * (m - 1)) * lambda + (m - b) / (b * (m - 1)) * lmax;
    }

    private static void normalize(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        double inv = 1 / Math.sqrt(s);
        for (int j = 0; j < v.length; j++) {
            v[j] *= inv;
        }
    }

    /** v ← hv/‖hv‖; @return ‖hv‖ (0 leaves v unchanged). */
    private static double normalizeInto(double[] hv, double[] v) {
        double s = 0;
        for (double a : hv) {
            s += a * a;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = hv[j] / norm;
            }
        }
        return norm;
    }

    /** @return max_j |g_j| over the p parameters */
    static double maxAbs(double[] g, int p) {
        double m = 0;
        for (int j = 0; j < p; j++) {
            m = Math.max(m, Math.abs(g[j]));
        }
        return m;
    }
}
