package dev.linea.models.logistic;

import dev.linea.models.optim.Newton;
import dev.linea.models.optim.StandardizedCoordinates;

import dev.linea.kernels.Logistic;
import dev.linea.kernels.Transpose;
import java.util.Arrays;

/**
 * glmnet's proximal Newton / coordinate descent method for the binomial family (internal). It minimizes the
 * mean-scaled objective
 * <pre>
 *   F(θ) = f(θ) + α₁·‖β‖₁,   f(θ) = (1/Σs)·Σ_i s_i·ℓ_i(θ) + (α₂/2)·‖β‖²,   θ = (β [, b])
 *   α₁ = ρ/(C·Σs),   α₂ = (1 − ρ)/(C·Σs)
 * </pre>
 * which is scikit-learn's {@code C·Σ s_i·ℓ_i + (1 − ρ)/2·‖β‖² + ρ·‖β‖₁} divided by C·Σs (same minimizer); the
 * smooth part f is the {@link LogisticObjective} with λ = α₂.
 *
 * <p><b>Outer loop</b> (IRLS): at θ, with p_i = σ(z_i) and the weights D = diag(s_i·p_i·(1 − p_i))/Σs, f is replaced
 * by its quadratic model {@code q(θ') = ∇f·(θ' − θ) + ½·(θ' − θ)ᵀH(θ' − θ)} with
 * {@code H = [X 1]ᵀD[X 1] + α₂·diag(1, …, 1, 0)} (the backend's weighted {@code gram}, the intercept's row by one
 * gemv). This is the penalized weighted least-squares problem of glmnet with working response
 * z_i + (y_i − p_i)/(p_i(1 − p_i)).
 *
 * <p><b>Inner loop</b>: cyclic coordinate descent on {@code q(θ') + α₁·‖β'‖₁} in covariance form, keeping
 * r = ∇f + H·(θ' − θ); coordinate j of β is set to the soft-thresholded
 * <pre>  β'_j ← S(H_jj·β'_j − r_j, α₁) / H_jj,   S(u, a) = sign(u)·max(|u| − a, 0)</pre>
 * and the intercept to {@code b' ← b' − r_b/H_bb} (unpenalized). Sweeps alternate between all coordinates and
 * the active set (non-zero β'_j and the intercept) until a sweep moves no coordinate by more than the inner
 * tolerance.
 *
 * <p><b>Step control</b>: with d = θ' − θ and the predicted decrease
 * {@code Δ = ∇f·d + α₁·(‖β + d_β‖₁ − ‖β‖₁) < 0}, the step t = 1, ½, ¼, … is accepted when
 * {@code F(θ + t·d) ≤ F(θ) + 10⁻⁴·t·Δ} (Tseng &amp; Yun's Armijo rule); below the rounding level of F it suffices
 * that F does not increase. F therefore never increases.
 *
 * <p><b>Convergence</b>: an accepted step with {@code max_j |t·d_j| ≤ tol·max(1, max|θ|)} and
 * {@code |F_old − F_new| ≤ tol·max(1, |F_new|)}, and the max-abs minimum-norm subgradient of F (in standardized
 * coordinates, see {@link Optimality}) at most tol — small steps alone certify nothing; or no acceptable step while
 * the step is already that small (F is at its rounding level).
 */
final class LogisticCoordinateDescent {
    private static final int MAX_HALVINGS = 60;
    /** Inner sweeps per outer iteration at most. */
    private static final int MAX_SWEEPS = 100_000;

    private LogisticCoordinateDescent() {
    }

    /**
     * @param obj    the smooth part f (its λ is α₂)
     * @param alpha1 α₁ ≥ 0, the weight of ‖β‖₁ in the mean-scaled objective
     * @param sc     the standardized coordinates in which the optimality certificate is measured
     */
    static Solution solve(LogisticObjective obj, double alpha1, double tol, int maxIterations,
                          StandardizedCoordinates sc) {
        int p = obj.parameters();
        int n = obj.n;
        int m = obj.m;
        double[] theta = new double[p];
        double[] g = new double[p];
        double f = obj.value(theta, g) + alpha1 * l1(theta, n);
        double[] next = new double[p];
        double[] trial = new double[p];
        double[] gt = new double[p];
        double[] h = new double[p * p];
        double[] r = new double[p];
        double[] d = new double[m];
        double[] z = new double[m];
        double[] col = new double[n];
        double[] history = new double[maxIterations + 1];
        history[0] = f;
        double innerTol = Math.max(1e-3 * tol, 1e-17);
        long sweeps = 0;
        int it = 0;
        while (true) {
            if (it >= maxIterations) {
                return new Solution(theta, it, false, "reached maxIterations " + maxIterations + " (" + sweeps
                        + " coordinate sweeps)", Arrays.copyOf(history, it + 1));
            }
            // H = [X 1]ᵀ D [X 1] + α₂ on the β diagonal
            obj.margins(theta, z);
            double sumD = 0;
            for (int i = 0; i < m; i++) {
                double sig = Logistic.sigmoid(z[i]);
                d[i] = obj.weight(i) * sig * (1 - sig) / obj.sumS;
                sumD += d[i];
            }
            if (n > 0) {
                obj.backend.gram(m, n, obj.x, 0, obj.ld, d, 0, h, 0, p);
            }
            if (obj.intercept) {
                if (n > 0) {
                    obj.backend.gemv(Transpose.TRANSPOSE, m, n, 1, obj.x, 0, obj.ld, d, 0, 0, col, 0);
                }
                for (int j = 0; j < n; j++) {
                    h[j * p + n] = col[j];
                    h[n * p + j] = col[j];
                }
                h[n * p + n] = sumD;
            }
            for (int j = 0; j < n; j++) {
                h[j * p + j] += obj.lambda;
            }
            // inner coordinate descent from θ' = θ, r = ∇f + H(θ' − θ)
            System.arraycopy(theta, 0, next, 0, p);
            System.arraycopy(g, 0, r, 0, p);
            sweeps += innerSolve(h, r, next, p, n, obj.intercept, alpha1, innerTol * Math.max(1, maxAbs(theta)));
            // predicted decrease and step control on the true F
            double delta = alpha1 * (l1(next, n) - l1(theta, n));
            double stepMax = 0;
            for (int j = 0; j < p; j++) {
                double dj = next[j] - theta[j];
                delta += g[j] * dj;
                stepMax = Math.max(stepMax, Math.abs(dj));
            }
            double small = tol * Math.max(1, maxAbs(theta));
            double t = 1;
            double ft = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < MAX_HALVINGS; k++, t *= 0.5) {
                for (int j = 0; j < p; j++) {
                    trial[j] = theta[j] + t * (next[j] - theta[j]);
                }
                ft = obj.value(trial, gt) + alpha1 * l1(trial, n);
                boolean ok = Newton.resolvable(f, -t * delta) ? ft <= f + 1e-4 * t * delta
                        : ft <= f;
                if (ok && Double.isFinite(ft)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted || stepMax == 0) {
                boolean done = stepMax <= small;
                String why = stepMax == 0 ? "the coordinate descent step is zero"
                        : "no decrease of the penalized objective along the step (max |step| " + fmt(stepMax) + ")";
                return new Solution(theta, it, done, why + (done ? ": at the minimizer to rounding" : "") + " ("
                        + sweeps + " coordinate sweeps)", Arrays.copyOf(history, it + 1));
            }
            System.arraycopy(trial, 0, theta, 0, p);
            System.arraycopy(gt, 0, g, 0, p);
            double change = Math.abs(f - ft);
            f = ft;
            it++;
            history[it] = f;
            double moved = t * stepMax;
            if (moved <= tol * Math.max(1, maxAbs(theta)) && change <= tol * Math.max(1, Math.abs(f))) {
                // small steps are no certificate: also require the minimum-norm subgradient (KKT) within tol
                double kkt = Optimality.of(sc, g, theta, n, 1, alpha1, 0, tol).value();
                if (kkt <= tol) {
                    return new Solution(theta, it, true, "max |coefficient change| " + fmt(moved)
                            + " and objective change " + fmt(change) + " within tol " + fmt(tol)
                            + ", minimum-norm subgradient " + fmt(kkt) + " (" + sweeps + " coordinate sweeps)",
                            Arrays.copyOf(history, it + 1));
                }
            }
        }
    }

    /**
     * Cyclic coordinate descent on {@code r·(θ' − θ₀) + ½(θ' − θ₀)ᵀH(θ' − θ₀) + α₁‖β'‖₁}, r kept equal to the
     * model's gradient. Alternates full sweeps with sweeps over the active set until a full sweep moves nothing by
     * more than eps.
     *
     * @return the number of sweeps
     */
    static long innerSolve(double[] h, double[] r, double[] th, int p, int n, boolean intercept, double alpha1,
                           double eps) {
        long sweeps = 0;
        boolean[] active = new boolean[p];
        while (sweeps < MAX_SWEEPS) {
            double full = sweep(h, r, th, p, n, alpha1, null);
            sweeps++;
            if (full <= eps) {
                break;
            }
            for (int j = 0; j < p; j++) {
                active[j] = j >= n || th[j] != 0;
            }
            while (sweeps < MAX_SWEEPS) {
                double a = sweep(h, r, th, p, n, alpha1, active);
                sweeps++;
                if (a <= eps) {
                    break;
                }
            }
        }
        return sweeps;
    }

    /** One sweep over all (active == null) or the active coordinates; returns the largest coordinate move. */
    private static double sweep(double[] h, double[] r, double[] th, int p, int n, double alpha1, boolean[] active) {
        double maxMove = 0;
        for (int j = 0; j < p; j++) {
            if (active != null && !active[j]) {
                continue;
            }
            double hjj = h[j * p + j];
            double old = th[j];
            double v;
            if (j >= n) {
                v = hjj > 0 ? old - r[j] / hjj : old;
            } else if (hjj > 0) {
                v = softThreshold(hjj * old - r[j], alpha1) / hjj;
            } else {
                v = Math.abs(r[j]) <= alpha1 ? 0 : old;
            }
            double delta = v - old;
            if (delta != 0) {
                th[j] = v;
                int row = j * p;
                for (int k = 0; k < p; k++) {
                    r[k] += h[row + k] * delta;
                }
                maxMove = Math.max(maxMove, Math.abs(delta));
            }
        }
        return maxMove;
    }

    static double softThreshold(double u, double a) {
        return u > a ? u - a : u < -a ? u + a : 0;
    }

    static double l1(double[] theta, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.abs(theta[j]);
        }
        return s;
    }

    private static double maxAbs(double[] v) {
        return Solution.maxAbs(v);
    }

    private static String fmt(double v) {
        return Solution.fmt(v);
    }
}
