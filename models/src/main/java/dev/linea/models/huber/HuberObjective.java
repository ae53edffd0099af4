package dev.linea.models.huber;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;

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
 * The Gram block runs on the backend's weighted {@code gram}, the vectors on {@code gemv}. Not thread-safe.
 */
final class HuberObjective {
    private final Backend backend;
    private final int m;
    private final int k;
    private final double[] a;
    private final double[] y;
    private final double[] s;
    private final double epsilon;
    private final double alpha;
    private final int firstPenalized;
    private final double sumWeights;
    final double[] r;
    private final double[] work;

    HuberObjective(Backend backend, int m, int k, double[] a, double[] y, double[] s, double epsilon, double alpha,
                   boolean intercept) {
        this.backend = backend;
        this.m = m;
        this.k = k;
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
    }

    /** r ← y − Aθ for p = (θ, σ). */
    void residuals(double[] p) {
        System.arraycopy(y, 0, r, 0, m);
        backend.gemv(Transpose.NONE, m, k, -1, a, 0, k, p, 0, 1, r, 0);
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
        double[] c = new double[m];
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
        backend.gemv(Transpose.TRANSPOSE, m, k, -1, a, 0, k, v, 0, 0, g, 0);
        for (int j = firstPenalized; j < k; j++) {
            g[j] += 2 * alpha * p[j];
        }
        g[k] = gs;
        backend.gram(m, k, a, 0, k, c, 0, gram, 0, k);
        for (int i = 0; i < m; i++) {
            // u_i = 2 s_i r_i/σ² on inliers = c_i·r_i/σ, zero on outliers (c_i = 0 there)
            v[i] = c[i] * r[i] / sigma;
        }
        double[] hts = new double[k];
        backend.gemv(Transpose.TRANSPOSE, m, k, 1, a, 0, k, v, 0, 0, hts, 0);
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
