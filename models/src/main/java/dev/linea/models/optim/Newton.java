package dev.linea.models.optim;

import dev.linea.kernels.Backend;
import java.util.Arrays;
import java.util.Objects;

/**
 * Newton's method with step halving, for a {@link TwiceDifferentiableFunction} (for the logistic loss this is
 * IRLS). Each iteration factors the Hessian H by the backend's {@code cholesky} and takes the step
 * {@code Δ = −H⁻¹∇f}, halved (at most {@value #MAX_HALVINGS} times) until the Armijo condition
 * {@code f(θ + tΔ) ≤ f(θ) + 10⁻⁴·t·∇f·Δ} holds, or, when the promised decrease is below the rounding level of f
 * ({@link #resolvable}), until f does not rise and the directional derivative shrinks ({@link #withinNoise}).
 * When H is not numerically positive definite (a Cholesky pivot fails or survives only by rounding), a growing
 * multiple μ of the identity is added (Levenberg: μ = 10⁻¹⁰·max H_jj, then ×10 up to 10¹⁰·max(max H_jj, 1)).
 *
 * <p>Stops when {@code max_j |∇f_j| ≤ tol} (converged), at {@code maxIterations}, when no damping makes H positive
 * definite, or when no step is accepted (not converged; the reason says which, with the numbers). One evaluation of
 * f and ∇f per trial point; the Hessian is asked once per iteration, at the current (last accepted) point.
 *
 * <p>Thread-safe: an instance holds only its settings; each {@link #minimize} call allocates its own O(p²) state.
 */
public final class Newton {
    /** Step halvings per iteration at most. */
    public static final int MAX_HALVINGS = 50;

    private final Backend backend;
    private final double tol;
    private final int maxIterations;

    /**
     * @param backend       factors and solves the p×p systems
     * @param tol           the gradient tolerance, {@code max_j |∇f_j| ≤ tol}
     * @param maxIterations iterations at most (≥ 0)
     */
    public Newton(Backend backend, double tol, int maxIterations) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.tol = tol;
        this.maxIterations = maxIterations;
    }

    /**
     * @param f  the function
     * @param x0 the start, p values; not modified
     * @return the last accepted point and why it stopped
     */
    public NewtonResult minimize(TwiceDifferentiableFunction f, double[] x0) {
        int p = x0.length;
        double[] theta = x0.clone();
        double[] g = new double[p];
        double fv = f.value(theta, g);
        double[] trial = new double[p];
        double[] gt = new double[p];
        double[] h = new double[p * p];
        double[] hCopy = new double[p * p];
        double[] step = new double[p];
        double[] history = new double[maxIterations + 1];
        history[0] = fv;
        int it = 0;
        while (true) {
            double gmax = Lbfgs.maxAbs(g);
            if (gmax <= tol) {
                return new NewtonResult(theta, it, true, "max |gradient| " + Lbfgs.fmt(gmax) + " <= tol "
                        + Lbfgs.fmt(tol), Arrays.copyOf(history, it + 1));
            }
            if (it >= maxIterations) {
                return new NewtonResult(theta, it, false, "reached maxIterations " + maxIterations
                        + " with max |gradient| " + Lbfgs.fmt(gmax) + " > tol " + Lbfgs.fmt(tol),
                        Arrays.copyOf(history, it + 1));
            }
            if (Double.isNaN(factor(f, theta, h, hCopy, p))) {
                return new NewtonResult(theta, it, false, "the Hessian is not positive definite even with damping"
                        + " up to 1e10·max(max H_jj, 1)", Arrays.copyOf(history, it + 1));
            }
            for (int j = 0; j < p; j++) {
                step[j] = -g[j];
            }
            backend.choleskySolve(p, 1, h, 0, p, step, 0, 1);
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
                ft = f.value(trial, gt);
                if (resolvable(fv, -t * gp) ? ft <= fv + 1e-4 * t * gp : withinNoise(fv, ft, gt, step, gp)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                return new NewtonResult(theta, it, false, "no decrease of the loss along the Newton direction (f = "
                        + fv + ", max |gradient| " + Lbfgs.fmt(gmax)
                        + "): the loss is at its rounding level; loosen tol",
                        Arrays.copyOf(history, it + 1));
            }
            System.arraycopy(trial, 0, theta, 0, p);
            System.arraycopy(gt, 0, g, 0, p);
            fv = ft;
            it++;
            history[it] = fv;
        }
    }

    /**
     * The finish of a first-order fit that has met its tolerance: Newton steps that keep a factored Hessian for as
     * long as it serves (chord steps, {@code Δ = −H(θ_0)⁻¹·∇f(θ_k)}), each accepted only as {@link #minimize}
     * accepts a step (Armijo, or within the rounding level of f: f never rises beyond its rounding). Near the optimum
     * the Hessian barely changes, and a chord step contracts the gradient by about the factor q = |∇f(θ_1)|/|∇f(θ_0)|
     * of the first (true Newton) step, for one pass over the data instead of the Hessian's several. The Hessian is
     * formed again, at the current point, while fewer than {@code maxHessians} have been formed, when the kept factor
     * would not bring the decrement to rounding within the steps left (the last step contracted max |∇f| by less than
     * {@value #CHORD_CONTRACTION}, or by too little for the steps left: {@link #chordSteps}) or gave no acceptable
     * step. Stops (converged) when the Newton decrement of the next step,
     * {@code λ² = −∇f·Δ}, is at most {@code (8ε)²·|f|}: the step would move the parameters by a few units in the last
     * place of the objective's curvature scale (λ is affine-invariant: ‖Δu‖ ≈ 2λ in coordinates where the Hessian's
     * diagonal is ¼), so θ is the optimum to rounding; or when no step is accepted with a fresh Hessian (f at its
     * rounding level: also converged). Not converged: {@code maxSteps} reached before that, or the Hessian not
     * positive definite even with damping.
     *
     * <p>f is evaluated at x0 first: a function that remembers its last evaluation (the solver's final point)
     * answers that without a pass over the data.
     *
     * @param f           the function
     * @param x0          the start, p values; not modified
     * @param maxHessians Hessians formed at most (≥ 1)
     * @param maxSteps    accepted steps at most (≥ 0)
     * @return the last accepted point (x0 when none), steps taken as iterations, the Hessians formed, and why it
     *         stopped
     */
    public NewtonResult polish(TwiceDifferentiableFunction f, double[] x0, int maxHessians, int maxSteps) {
        int p = x0.length;
        double[] theta = x0.clone();
        double[] g = new double[p];
        double fv = f.value(theta, g);
        double[] trial = new double[p];
        double[] gt = new double[p];
        double[] h = new double[p * p];
        double[] hCopy = new double[p * p];
        double[] step = new double[p];
        double[] history = new double[maxSteps + 1];
        history[0] = fv;
        int it = 0;
        int hessians = 0;
        boolean factored = false;
        boolean fresh = false;
        double contraction = 0;
        while (true) {
            if (!factored) {
                if (hessians >= maxHessians) {
                    return polished(theta, it, false, "no acceptable step with the kept Hessian and no Hessian left"
                            + " to form", hessians, history);
                }
                double mu = factor(f, theta, h, hCopy, p);
                hessians++;
                if (Double.isNaN(mu)) {
                    return polished(theta, it, false, "the Hessian is not positive definite even with damping",
                            hessians, history);
                }
                factored = true;
                fresh = true;
            }
            for (int j = 0; j < p; j++) {
                step[j] = -g[j];
            }
            backend.choleskySolve(p, 1, h, 0, p, step, 0, 1);
            double gp = 0;
            for (int j = 0; j < p; j++) {
                gp += g[j] * step[j];
            }
            if (!Double.isFinite(gp) || !Double.isFinite(fv)) {
                // a NaN decrement would skip the line search below and read as "no decrease: at rounding"
                return polished(theta, it, false, "the objective or its Newton step is not finite (f = " + fv
                        + ", ∇f·Δ = " + gp + ")", hessians, history);
            }
            double target = 64 * Math.ulp(1.0) * Math.ulp(1.0) * Math.abs(fv);
            if (-gp <= target) {
                return polished(theta, it, true, "Newton decrement² " + Lbfgs.fmt(Math.max(-gp, 0))
                        + " <= (8ε)²·|f|: at the optimum to rounding", hessians, history);
            }
            if (it >= maxSteps) {
                return polished(theta, it, false, "reached " + maxSteps + " steps with Newton decrement² "
                        + Lbfgs.fmt(-gp), hessians, history);
            }
            if (!fresh && hessians < maxHessians && chordSteps(contraction, -gp, target) > maxSteps - it) {
                factored = false; // the kept factor would not reach rounding within the steps left: a fresh one
                continue;
            }
            double ft = Double.NaN;
            boolean accepted = false;
            double t = 1;
            for (int k = 0; k < MAX_HALVINGS && gp < 0; k++, t *= 0.5) {
                for (int j = 0; j < p; j++) {
                    trial[j] = theta[j] + t * step[j];
                }
                ft = f.value(trial, gt);
                if (resolvable(fv, -t * gp) ? ft <= fv + 1e-4 * t * gp : withinNoise(fv, ft, gt, step, gp)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                if (fresh) {
                    return polished(theta, it, true, "no decrease of f along the Newton direction: f at its rounding"
                            + " level (f = " + fv + ", max |gradient| " + Lbfgs.fmt(Lbfgs.maxAbs(g)) + ")",
                            hessians, history);
                }
                factored = false; // the kept factor is stale here: form the Hessian at θ
                continue;
            }
            double before = Lbfgs.maxAbs(g);
            System.arraycopy(trial, 0, theta, 0, p);
            System.arraycopy(gt, 0, g, 0, p);
            fv = ft;
            it++;
            history[it] = fv;
            fresh = false;
            contraction = before > 0 ? Lbfgs.maxAbs(g) / before : 0;
        }
    }

    /**
     * A step must shrink max |∇f| at least by this factor for the factored Hessian to be kept: slower, the quadratic
     * region is not reached yet and a fresh Hessian does better.
     */
    static final double CHORD_CONTRACTION = 0.25;

    /**
     * @param q         the last step's contraction of max |∇f| (chord steps on the same factor contract about as
     *                  much each: the rate is the relative change of the Hessian since it was formed, which the first
     *                  step's contraction measures)
     * @param decrement the next step's Newton decrement² λ²
     * @param target    λ² at rounding
     * @return the chord steps needed to bring λ² (which shrinks by about q² a step) to the target; more than any
     *         budget when q ≥ {@value #CHORD_CONTRACTION}
     */
    static double chordSteps(double q, double decrement, double target) {
        if (!(q < CHORD_CONTRACTION)) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 0 || decrement <= target) {
            return 1;
        }
        return Math.ceil(Math.log(target / decrement) / Math.log(q * q));
    }

    private static NewtonResult polished(double[] theta, int it, boolean converged, String why, int hessians,
                                         double[] history) {
        return new NewtonResult(theta, it, converged, why, Arrays.copyOf(history, it + 1), hessians);
    }

    /**
     * Forms the Hessian at θ into h and factors it (Cholesky, with the Levenberg damping of {@link #minimize} when
     * it is not numerically positive definite).
     *
     * @return the damping μ used (0 for none), or NaN when no damping up to 10¹⁰·max(max H_jj, 1) made it positive
     *         definite
     */
    private double factor(TwiceDifferentiableFunction f, double[] theta, double[] h, double[] hCopy, int p) {
        f.hessian(theta, h);
        double maxDiag = 0;
        for (int j = 0; j < p; j++) {
            maxDiag = Math.max(maxDiag, h[j * p + j]);
        }
        System.arraycopy(h, 0, hCopy, 0, p * p);
        double mu = 0;
        while (backend.cholesky(p, h, 0, p) != 0 || !wellPivoted(h, hCopy, p)) {
            mu = mu == 0 ? 1e-10 * Math.max(maxDiag, Double.MIN_NORMAL) : mu * 10;
            System.arraycopy(hCopy, 0, h, 0, p * p);
            for (int j = 0; j < p; j++) {
                h[j * p + j] += mu;
            }
            if (mu > 1e10 * Math.max(maxDiag, 1)) {
                return Double.NaN;
            }
        }
        return mu;
    }

    /**
     * @param f        the current value
     * @param decrease the first-order decrease −t·∇f·d the step promises
     * @return true when it is above the rounding level of f (10⁻¹³·|f|), so that comparing values of f means
     *         something; below it, noise in f would accept overshooting steps (at t·d ≈ 2·H⁻¹∇f the loss is back at
     *         f(θ) and a 2-cycle starts) and Armijo gives way to {@link #withinNoise}
     */
    public static boolean resolvable(double f, double decrease) {
        return decrease > 1e-13 * Math.abs(f);
    }

    /**
     * The step's test once f is at its rounding level, where Armijo's decrease is smaller than the error of f and
     * says nothing: f may not rise by more than 10⁻¹³·|f| and the directional derivative must shrink by the strong
     * Wolfe curvature factor 0.9, {@code |∇f(θ + t·d)·d| ≤ 0.9·|∇f(θ)·d|}, which the (accurate) gradient can still
     * tell.
     *
     * @param f  f(θ)
     * @param ft f(θ + t·d)
     * @param gt ∇f at the trial point; not modified
     * @param d  the direction; not modified
     * @param gd ∇f(θ)·d &lt; 0
     * @return true when the step is acceptable
     */
    public static boolean withinNoise(double f, double ft, double[] gt, double[] d, double gd) {
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
}
