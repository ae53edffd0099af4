package dev.linea.models.gd;

/**
 * The mean penalized loss on the working data and its gradient:
 * <pre>  L(β', b') = (1/Σw)·½·Σ_i w_i·r_i² + ½·α·Σ_j β'_j²/σ_j²,   r = X'β' + b' − y</pre>
 * (the penalty is ½α‖β‖² on the original-scale β = β'/σ). The passes over X' are the subclass's: dense rows
 * ({@link DenseObjective}, the backend's fused {@code leastSquaresGradient} and {@code gemv}) or CSR rows with the
 * centring and scaling applied implicitly ({@link SparseObjective}, the backend's sparse kernels). The data term is
 * read once per evaluation either way.
 */
abstract class Objective {
    /** power iterations of the automatic learning rate */
    static final int POWER_ITERATIONS = 20;

    final int m;
    final int n;
    final boolean intercept;
    /** the weights or null (all ones); never written */
    final double[] s;
    final double sumW;
    /** 1/σ_j² (0 for excluded columns); never written */
    final double[] penaltyScale;
    final double alpha;

    Objective(int m, int n, boolean intercept, double[] s, double sumW, double[] penaltyScale, double alpha) {
        this.m = m;
        this.n = n;
        this.intercept = intercept;
        this.s = s;
        this.sumW = sumW;
        this.penaltyScale = penaltyScale;
        this.alpha = alpha;
    }

    /** @return parameters in the working space: n coefficients, then the intercept when fitted. */
    final int parameters() {
        return intercept ? n + 1 : n;
    }

    /**
     * The raw data term over all rows: {@code grad ← X'ᵀ·W·r} (the intercept's Σ w_i·r_i last), returns
     * ½·Σ w_i·r_i².
     *
     * @param beta not modified
     * @param grad modified
     */
    abstract double dataGradient(double[] beta, double[] grad);

    /** {@code t ← X'·v} (the n coefficients of v only); t modified, v not. */
    abstract void times(double[] v, double[] t);

    /** {@code hv[0 … n) ← X'ᵀ·t}; hv modified, t not. */
    abstract void transposeTimes(double[] t, double[] hv);

    /** @return start + ‖x'_i‖², the squared norm of working row i added to start (summed in column order) */
    abstract double rowSquaredNorm(int i, double start);

    /**
     * Full-data loss and gradient.
     *
     * @param beta working parameters; not modified
     * @param grad modified: the gradient of L at beta
     * @return L at beta
     */
    final double full(double[] beta, double[] grad) {
        return finish(dataGradient(beta, grad), 1 / sumW, beta, grad);
    }

    /**
     * Scales a raw data term and its gradient by {@code factor} and adds the penalty.
     *
     * @param grad modified
     * @return the penalized loss
     */
    final double finish(double raw, double factor, double[] beta, double[] grad) {
        int p = parameters();
        for (int j = 0; j < p; j++) {
            grad[j] *= factor;
        }
        double pen = 0;
        if (alpha > 0) {
            for (int j = 0; j < n; j++) {
                double c = alpha * penaltyScale[j] * beta[j];
                grad[j] += c;
                pen += c * beta[j];
            }
        }
        return raw * factor + 0.5 * pen;
    }

    /**
     * Largest eigenvalue L of the Hessian H = [X' 1]ᵀ·W·[X' 1]/Σw + α·diag(1/σ²) (no penalty on the intercept) by
     * power iteration, with one product each way per iteration. The estimate approaches L from below; gradient
     * descent on a quadratic is stable for η &lt; 2/L, so 1/L_estimate is safe whenever the estimate is above L/2,
     * which 20 iterations from a generic start give in practice.
     */
    final double largestEigenvalue() {
        int p = parameters();
        if (p == 0) {
            return 0;
        }
        double[] v = new double[p];
        double[] hv = new double[p];
        double[] t = new double[m];
        // a generic start: ones alone can be orthogonal to the top eigenvector of symmetric designs
        for (int j = 0; j < p; j++) {
            v[j] = 1 + 0.1 * j / p;
        }
        normalize(v);
        double lambda = 0;
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            times(v, t);
            double b = intercept ? v[n] : 0;
            double sumT = 0;
            for (int i = 0; i < m; i++) {
                double wi = (s == null ? 1 : s[i]) / sumW;
                t[i] = wi * (t[i] + b);
                sumT += t[i];
            }
            transposeTimes(t, hv);
            if (intercept) {
                hv[n] = sumT;
            }
            for (int j = 0; j < n; j++) {
                hv[j] += alpha * penaltyScale[j] * v[j];
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
    final double batchSmoothness(double lambda, int b) {
        if (m <= 1 || b >= m) {
            return lambda;
        }
        double lmax = 0;
        for (int i = 0; i < m; i++) {
            double sq = rowSquaredNorm(i, intercept ? 1 : 0);
            double wi = s == null ? 1 : s[i];
            lmax = Math.max(lmax, m * wi / sumW * sq);
        }
        double pmax = 0;
        for (int j = 0; j < n; j++) {
            pmax = Math.max(pmax, penaltyScale[j]);
        }
        lmax += alpha * pmax;
        double mm = m;
        return mm * (b - 1) / (b * (mm - 1)) * lambda + (mm - b) / (b * (mm - 1)) * lmax;
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
