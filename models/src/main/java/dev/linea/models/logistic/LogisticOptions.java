package dev.linea.models.logistic;

import java.util.Objects;

/**
 * Options of {@link LogisticRegression}, validated on construction.
 *
 * @param penalty       NONE or L2 (on the coefficients, never the intercept)
 * @param c             C &gt; 0 (finite), the inverse regularization strength of scikit-learn's
 *                      {@code C·Σ s_i·ℓ_i + ½‖β‖²}: λ = 1/C in the equivalent {@code Σ s_i·ℓ_i + (λ/2)·‖β‖²}; larger C
 *                      penalizes less. Ignored (but still validated) with NONE
 * @param fitIntercept  true to fit an unpenalized intercept b
 * @param solver        LBFGS, NEWTON or GRADIENT_DESCENT
 * @param tol           ≥ 0: converged when the max-abs gradient of the mean-scaled objective
 *                      {@code f = (1/Σs)·Σ s_i·ℓ_i + ‖β‖²/(2·C·Σs)} is at most tol. Dividing by Σs makes tol
 *                      independent of the number of rows; scikit-learn's tol applies to the unscaled gradient, so its
 *                      tol t corresponds to t/Σs here
 * @param maxIterations ≥ 1, solver iterations at most
 * @param classWeight   per-class multipliers of the sample weights
 */
public record LogisticOptions(Penalty penalty, double c, boolean fitIntercept, LogisticSolver solver, double tol,
                              int maxIterations, ClassWeights classWeight) {

    public LogisticOptions {
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(classWeight, "classWeight");
        checkC(c);
        checkTol(tol);
        checkMaxIterations(maxIterations);
    }

    /** L2 with C = 1, intercept, LBFGS, tol 1e-8, 1000 iterations, no class weights. */
    public static LogisticOptions defaults() {
        return new LogisticOptions(Penalty.L2, 1.0, true, LogisticSolver.LBFGS, 1e-8, 1000, ClassWeights.none());
    }

    /** @return a copy with this penalty */
    public LogisticOptions withPenalty(Penalty p) {
        return new LogisticOptions(p, c, fitIntercept, solver, tol, maxIterations, classWeight);
    }

    /** @return a copy with this C */
    public LogisticOptions withC(double value) {
        return new LogisticOptions(penalty, value, fitIntercept, solver, tol, maxIterations, classWeight);
    }

    /** @return a copy with or without intercept */
    public LogisticOptions withIntercept(boolean intercept) {
        return new LogisticOptions(penalty, c, intercept, solver, tol, maxIterations, classWeight);
    }

    /** @return a copy with this solver */
    public LogisticOptions withSolver(LogisticSolver s) {
        return new LogisticOptions(penalty, c, fitIntercept, s, tol, maxIterations, classWeight);
    }

    /** @return a copy with this tolerance */
    public LogisticOptions withTol(double t) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, t, maxIterations, classWeight);
    }

    /** @return a copy with this iteration limit */
    public LogisticOptions withMaxIterations(int it) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, tol, it, classWeight);
    }

    /** @return a copy with these class weights */
    public LogisticOptions withClassWeight(ClassWeights w) {
        return new LogisticOptions(penalty, c, fitIntercept, solver, tol, maxIterations, w);
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
