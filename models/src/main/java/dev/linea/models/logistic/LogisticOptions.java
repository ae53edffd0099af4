package dev.linea.models.logistic;

import java.util.Objects;

/**
 * Options of {@link LogisticRegression}, validated on construction.
 *
 * <p>The objective is scikit-learn's {@code C·Σ s_i·ℓ_i + (1 − ρ)/2·‖β‖² + ρ·‖β‖₁} with ρ = 0 for L2, 1 for L1
 * and {@code l1Ratio} for ELASTIC_NET (no penalty term at all for NONE).
 *
 * @param penalty       NONE, L2, L1 or ELASTIC_NET (on the coefficients, never the intercept)
 * @param c             C &gt; 0 (finite), the inverse regularization strength of scikit-learn's
 *                      {@code C·Σ s_i·ℓ_i + ½‖β‖²}: λ = 1/C in the equivalent {@code Σ s_i·ℓ_i + (λ/2)·‖β‖²}; larger C
 *                      penalizes less. Ignored (but still validated) with NONE
 * @param fitIntercept  true to fit an unpenalized intercept b
 * @param solver        LBFGS, NEWTON, GRADIENT_DESCENT or COORDINATE_DESCENT. With L1 or ELASTIC_NET, LBFGS (the
 *                      default) is replaced by COORDINATE_DESCENT and NEWTON or GRADIENT_DESCENT are rejected by
 *                      {@link LogisticRegression}'s constructor: they need a differentiable objective
 * @param tol           ≥ 0. COORDINATE_DESCENT: converged when an outer step changes no coefficient by more than
 *                      tol·max(1, max|θ|) and the mean-scaled objective (below, plus its L1 term) by at most
 *                      tol·max(1, |f|) relatively, and the max-abs minimum-norm subgradient (in the standardized
 *                      coordinates below) is at most tol. Other solvers: converged when the max-abs gradient of the
 *                      mean-scaled objective {@code f = (1/Σs)·Σ s_i·ℓ_i + ‖β‖²/(2·C·Σs)} is at most tol — LBFGS and
 *                      GRADIENT_DESCENT in the standardized coordinates of
 *                      {@link dev.linea.models.optim.StandardizedCoordinates} (free of the features' units), NEWTON
 *                      in the original ones. Dividing by Σs makes tol independent of the number of rows;
 *                      scikit-learn's tol applies to the unscaled gradient, so its tol t corresponds to t/Σs here
 * @param maxIterations ≥ 1, solver iterations at most
 * @param classWeight   per-class multipliers of the sample weights
 * @param l1Ratio       ρ ∈ [0, 1], the share of ‖β‖₁ in the ELASTIC_NET penalty {@code (1 − ρ)/2·‖β‖² + ρ·‖β‖₁}
 *                      (scikit-learn's {@code l1_ratio}); validated always, used only by ELASTIC_NET. 0.5 unless
 *                      set
 */
public record LogisticOptions(Penalty penalty, double c, boolean fitIntercept, LogisticSolver solver, double tol,
                              int maxIterations, ClassWeights classWeight, double l1Ratio) {

    /** The elastic-net mixing ρ of the constructor without it. */
    public static final double DEFAULT_L1_RATIO = 0.5;

    public LogisticOptions {
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(classWeight, "classWeight");
        checkC(c);
        checkTol(tol);
        checkMaxIterations(maxIterations);
        checkL1Ratio(l1Ratio);
    }

    /** The options with l1Ratio {@value #DEFAULT_L1_RATIO}. */
    public LogisticOptions(Penalty penalty, double c, boolean fitIntercept, LogisticSolver solver, double tol,
                           int maxIterations, ClassWeights classWeight) {
        this(penalty, c, fitIntercept, solver, tol, maxIterations, classWeight, DEFAULT_L1_RATIO);
    }

    /** @return ρ of the objective: 0 for NONE and L2, 1 for L1, {@link #l1Ratio()} for ELASTIC_NET */
    public double effectiveL1Ratio() {
        return switch (penalty) {
            case NONE, L2 -> 0;
            case L1 -> 1;
            case ELASTIC_NET -> l1Ratio;
        };
    }

    /** L2 with C = 1, intercept, LBFGS, tol 1e-8, 1000 iterations, no class weights. */
    public static LogisticOptions defaults() {
        return new LogisticOptions(Penalty.L2, 1.0, true, LogisticSolver.LBFGS, 1e-8, 1000, ClassWeights.none());
    }

    /** @return a copy with this penalty */
    public LogisticOptions withPenalty(Penalty p) {
        return new LogisticOptions(p, c, fitIntercept, solver, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this C */
    public LogisticOptions withC(double value) {
        return new LogisticOptions(penalty, value, fitIntercept, solver, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with or without intercept */
    public LogisticOptions withIntercept(boolean intercept) {
        return new LogisticOptions(penalty, c, intercept, solver, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this solver */
    public LogisticOptions withSolver(LogisticSolver s) {
        return new LogisticOptions(penalty, c, fitIntercept, s, tol, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this tolerance */
    public LogisticOptions withTol(double t) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, t, maxIterations, classWeight, l1Ratio);
    }

    /** @return a copy with this iteration limit */
    public LogisticOptions withMaxIterations(int it) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, tol, it, classWeight, l1Ratio);
    }

    /** @return a copy with these class weights */
    public LogisticOptions withClassWeight(ClassWeights w) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, tol, maxIterations, w, l1Ratio);
    }

    /** @return a copy with this elastic-net mixing ρ ∈ [0, 1] */
    public LogisticOptions withL1Ratio(double rho) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, tol, maxIterations, classWeight, rho);
    }

    static void checkL1Ratio(double rho) {
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("l1Ratio is " + rho + ", expected a number in [0, 1]");
        }
    }

    static void checkC(double c) {
        if (!(c > 0) || c == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("C is " + c + ", expected a finite number > 0 (use penalty NONE for"
                    + " no regularization)");
        }
    }

    static void checkTol(double tol) {
        if (!(tol >= 0) || tol == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("tol is " + tol + ", expected a finite number >= 0");
        }
    }

    static void checkMaxIterations(int it) {
        if (it < 1) {
            throw new IllegalArgumentException("maxIterations is " + it + ", expected >= 1");
        }
    }
}
