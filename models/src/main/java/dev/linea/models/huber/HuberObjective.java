package dev.linea.models.huber;

import dev.linea.kernels.Backend;
import dev.linea.models.Design;

/**
 * scikit-learn's Huber objective over p = (θ, σ), θ = ([b,] β) on the design A = ([1,] X), r = y − Aθ:
 * <pre>
 *   L = S·σ + Σ_{|r_i| ≤ εσ} s_i·r_i²/σ + Σ_{|r_i| &gt; εσ} s_i·(2ε|r_i| − ε²σ) + α·‖β‖²,   S = Σ s_i
 * </pre>
 * (that is Σ s_i·(σ + σ·H_ε(r_i/σ)) + α‖β‖², H_ε(z) = z² for |z| ≤ ε and 2ε|z| − ε² beyond). It is the
 * perspective of a convex function, so L is jointly convex in (θ, σ) for σ &gt; 0 and once continuously
 * differentiable. Its gradient and (piecewise) Hessian, with I the inliers:
 * <pre>
 *   ∇_θ L = −Aᵀv + 2αPθ,   v_i = s_i·2r_i/σ (i ∈ I), s_i·2ε·sign(r_i) (i ∉ I)
 *   ∂_σ L = S − ε²·Σ_{i∉I} s_i − Σ_{i∈I} s_i·r_i²/σ²
 *   ∇²_θθ = (2/σ)·AᵀS_I A + 2αP,   ∇²_θσ = Aᵀu, u_i = 2 s_i r_i/σ² (i ∈ I),   ∂²_σσ = Σ_{i∈I} 2 s_i r_i²/σ³
 * </pre>
 * A is the no-copy {@link Design} view of X with its implicit intercept first: the Gram block is the backend's
 * weighted {@code gram} bordered by the intercept's row ({@link Design#borderedGram}), the vectors are {@code gemv}
 * ({@link Design#predictLinear}, {@link Design#borderedTransposeTimes}); no ones column is ever stored. Not
 * thread-safe.
 */
final class HuberObjective {
    private final Backend backend;
    private final int m;
    private final int k;
    private final Design a;
    private final double[] y;
    private final double[] s;
    private final double epsilon;
    private final double alpha;
    private final int firstPenalized;
    private final double sumWeights;
    final double[] r;
    private final double[] work;
    /** The inliers' Gram weights c_i (zero on outliers), reused by every {@link #derivatives} call. */
    private final double[] inlierWeights;
    /** A·θ, reused. */
    private final double[] fit;

    /**
     * @param a the design (a view of X, intercept implicit and first); kept, not modified
     * @param s m sample weights; kept, not modified
     */
    HuberObjective(Backend backend, Design a, double[] y, double[] s, double epsilon, double alpha) {
        boolean intercept = a.intercept();
        this.backend = backend;
        this.m = a.rows();
        this.k = a.cols() + (intercept ? 1 : 0);
        this.a = a;
        this.y = y;
        this.s = s;
        this.epsilon = epsilon;
        this.alpha = alpha;
        this.firstPenalized = intercept ? 1 : 0;
        double sw = 0;
        for (double v : s) {
            sw += v;
        }
        this.sumWeights = sw;
        this.r = new double[m];
        this.work = new double[m];
        this.inlierWeights = new double[m];
        this.fit = new double[m];
    }

    /** r ← y − Aθ for p = (θ, σ) (σ, the last value, is not read). */
    void residuals(double[] p) {
        a.predictLinear(backend, p, fit);
        for (int i = 0; i < m; i++) {
            r[i] = y[i] - fit[i];
        }
    }

    /**
     * {@code out ← AᵀWA} (k×k, intercept first) for row weights w: the design's bordered Gram matrix.
     *
     * @param w m weights; not modified
     */
    void gram(double[] w, double[] out) {
        a.borderedGram(backend, w, out, 0, k);
    }

    /** {@code out ← Aᵀv} (k values, intercept first). */
    void transposeTimes(double[] v, double[] out) {
        a.borderedTransposeTimes(backend, v, out);
    }

    /** L at p (updates the residuals). */
    double value(double[] p) {
        residuals(p);
        double sigma = p[k];
        double inner = 0;
        double outer = 0;
        for (int i = 0; i < m; i++) {
            double ar = Math.abs(r[i]);
            if (ar > epsilon * sigma) {
                outer += s[i] * (2 * epsilon * ar - sigma * epsilon * epsilon);
            } else {
                inner += s[i] * r[i] * r[i];
            }
        }
        return sumWeights * sigma + inner / sigma + outer + alpha * penalty(p);
    }

    private double penalty(double[] p) {
        double q = 0;
        for (int j = firstPenalized; j < k; j++) {
            q += p[j] * p[j];
        }
        return q;
    }

    /**
     * Gradient g (k+1) and Hessian h ((k+1)×(k+1), row-major, full) at p, whose residuals are current (after
     * {@link #value}).
     *
     * @param g modified
     * @param h modified
     * @param gram modified: k×k workspace
     */
    void derivatives(double[] p, double[] g, double[] h, double[] gram) {
        double sigma = p[k];
        int k1 = k + 1;
        double gs = sumWeights;
        double hss = 0;
        double[] v = work;
        double[] c = inlierWeights;
        java.util.Arrays.fill(c, 0.0);
        for (int i = 0; i < m; i++) {
            double ri = r[i];
            if (Math.abs(ri) > epsilon * sigma) {
                v[i] = s[i] * 2 * epsilon * Math.signum(ri);
                gs -= s[i] * epsilon * epsilon;
            } else {
                v[i] = s[i] * 2 * ri / sigma;
                c[i] = s[i] * 2 / sigma;
                gs -= s[i] * ri * ri / (sigma * sigma);
                hss += 2 * s[i] * ri * ri / (sigma * sigma * sigma);
            }
        }
        a.borderedTransposeTimes(backend, v, g);
        for (int j = 0; j < k; j++) {
            g[j] = -g[j] + (j >= firstPenalized ? 2 * alpha * p[j] : 0);
        }
        g[k] = gs;
        a.borderedGram(backend, c, gram, 0, k);
        for (int i = 0; i < m; i++) {
            // u_i = 2 s_i r_i/σ² on inliers = c_i·r_i/σ, zero on outliers (c_i = 0 there)
            v[i] = c[i] * r[i] / sigma;
        }
        double[] hts = new double[k];
        a.borderedTransposeTimes(backend, v, hts);
        for (int i = 0; i < k; i++) {
            System.arraycopy(gram, i * k, h, i * k1, k);
            h[i * k1 + k] = hts[i];
            h[k * k1 + i] = hts[i];
        }
        for (int j = firstPenalized; j < k; j++) {
            h[j * k1 + j] += 2 * alpha;
        }
        h[k * k1 + k] = hss;
    }
}
