package dev.linea.models.logistic;

import dev.linea.kernels.Logistic;
import dev.linea.kernels.Transpose;
import java.util.Arrays;

/**
 * Newton's method on the mean-scaled objective (internal), i.e. IRLS: with D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs the
 * Hessian is
 * <pre>  H = [X 1]ᵀ·D·[X 1] + λ·diag(1, …, 1, 0)</pre>
 * formed by the backend's weighted {@code gram} (the intercept's row and column by one gemv) and factored by its
 * {@code cholesky}. The step Δ = −H⁻¹∇f is halved until the Armijo condition holds on the penalized loss (or, at
 * the loss's rounding level, until f does not rise and the directional derivative shrinks: {@link #withinNoise}).
 * When H is not numerically positive
 * definite (no penalty and separated or collinear data), a growing multiple of the identity is added (Levenberg).
 */
final class NewtonIrls {
    private static final int MAX_HALVINGS = 50;

    private NewtonIrls() {
    }

    static Solution solve(LogisticObjective obj, double tol, int maxIterations) {
        int p = obj.parameters();
        int n = obj.n;
        int m = obj.m;
        double[] theta = new double[p];
        double[] g = new double[p];
        double f = obj.value(theta, g);
        double[] trial = new double[p];
        double[] gt = new double[p];
        double[] h = new double[p * p];
        double[] hCopy = new double[p * p];
        double[] step = new double[p];
        double[] z = new double[m];
        double[] d = new double[m];
        double[] col = new double[n];
        double[] history = new double[maxIterations + 1];
        history[0] = f;
        int it = 0;
        while (true) {
            double gmax = maxAbs(g);
            if (gmax <= tol) {
                return new Solution(theta, it, true, "max |gradient| " + fmt(gmax) + " <= tol " + fmt(tol),
                        Arrays.copyOf(history, it + 1));
            }
            if (it >= maxIterations) {
                return new Solution(theta, it, false, "reached maxIterations " + maxIterations
                        + " with max |gradient| " + fmt(gmax) + " > tol " + fmt(tol), Arrays.copyOf(history, it + 1));
            }
            obj.margins(theta, z);
            double sumD = 0;
            for (int i = 0; i < m; i++) {
                double sig = Logistic.sigmoid(z[i]);
                d[i] = obj.weight(i) * sig * (1 - sig) / obj.sumS;
                sumD += d[i];
            }
            obj.backend.gram(m, n, obj.x, 0, obj.ld, d, 0, h, 0, p);
            if (obj.intercept) {
                obj.backend.gemv(Transpose.TRANSPOSE, m, n, 1, obj.x, 0, obj.ld, d, 0, 0, col, 0);
                for (int j = 0; j < n; j++) {
                    h[j * p + n] = col[j];
                    h[n * p + j] = col[j];
                }
                h[n * p + n] = sumD;
            }
            double maxDiag = 0;
            for (int j = 0; j < n; j++) {
                h[j * p + j] += obj.lambda;
            }
            for (int j = 0; j < p; j++) {
                maxDiag = Math.max(maxDiag, h[j * p + j]);
            }
            System.arraycopy(h, 0, hCopy, 0, p * p);
            double mu = 0;
            while (obj.backend.cholesky(p, h, 0, p) != 0 || !wellPivoted(h, hCopy, p)) {
                mu = mu == 0 ? 1e-10 * Math.max(maxDiag, Double.MIN_NORMAL) : mu * 10;
                System.arraycopy(hCopy, 0, h, 0, p * p);
                for (int j = 0; j < p; j++) {
                    h[j * p + j] += mu;
                }
                if (mu > 1e10 * Math.max(maxDiag, 1)) {
                    return new Solution(theta, it, false, "the Hessian is not positive definite even with damping "
                            + fmt(mu), Arrays.copyOf(history, it + 1));
                }
            }
            for (int j = 0; j < p; j++) {
                step[j] = -g[j];
            }
            obj.backend.choleskySolve(p, 1, h, 0, p, step, 0, 1);
            double gp = 0;
            for (int j = 0; j < p; j++) {
                gp += g[j] * step[j];
            }
            double t = 1;
            boolean accepted = false;
            double ft = Double.NaN;
            for (int k = 0; k < MAX_HALVINGS && gp < 0; k++, t *= 0.5) {
                for (int j = 0; j < p; j++) {
                    trial[j] = theta[j] + t * step[j];
                }
                ft = obj.value(trial, gt);
                if (resolvable(f, -t * gp) ? ft <= f + 1e-4 * t * gp : withinNoise(f, ft, gt, step, gp)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                return new Solution(theta, it, false, "no decrease of the loss along the Newton direction (f = " + f
                        + ", max |gradient| " + fmt(gmax) + "): the loss is at its rounding level; loosen tol",
                        Arrays.copyOf(history, it + 1));
            }
            System.arraycopy(trial, 0, theta, 0, p);
            System.arraycopy(gt, 0, g, 0, p);
            f = ft;
            it++;
            history[it] = f;
        }
    }

    /**
     * @param decrease the first-order decrease −t·∇f·d the step promises
     * @return true when it is above the rounding level of f (1e-13·|f|), so that comparing values of f means
     *         something; below it, noise in f would accept overshooting steps (at t·d ≈ 2·H⁻¹∇f the loss is back at
     *         f(θ) and a 2-cycle starts) and Armijo gives way to {@link #withinNoise}
     */
    static boolean resolvable(double f, double decrease) {
        return decrease > 1e-13 * Math.abs(f);
    }

    /**
     * The step's test once f is at its rounding level, where Armijo's decrease is smaller than the error of f and
     * says nothing: f may not rise by more than 1e-13·|f| and the directional derivative must shrink by the strong
     * Wolfe curvature factor 0.9, {@code |∇f(θ + t·d)·d| ≤ 0.9·|∇f(θ)·d|}, which the (accurate) gradient can still
     * tell.
     *
     * @param gt ∇f at the trial point; not modified
     * @param d  the direction; not modified
     * @param gd ∇f(θ)·d &lt; 0
     */
    static boolean withinNoise(double f, double ft, double[] gt, double[] d, double gd) {
        if (!(ft <= f + 1e-13 * Math.abs(f))) {
            return false;
        }
        double s = 0;
        for (int j = 0; j < d.length; j++) {
            s += gt[j] * d[j];
        }
        return Math.abs(s) <= 0.9 * Math.abs(gd);
    }

    /** A pivot that survived only by rounding (L_jj² ≪ H_jj) gives a meaningless step: treat it as a failure. */
    private static boolean wellPivoted(double[] l, double[] h, int p) {
        for (int j = 0; j < p; j++) {
            double ljj = l[j * p + j];
            if (!(ljj * ljj > 64 * Math.ulp(1.0) * p * h[j * p + j])) {
                return false;
            }
        }
        return true;
    }

    static double maxAbs(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static String fmt(double v) {
        return String.format("%.3g", v);
    }
}
