package dev.linea.models.ridge;

import java.util.Objects;

/**
 * Options of {@link Ridge}, validated on construction.
 *
 * @param alpha        the penalty α ≥ 0 (finite) of {@code Σ w_i·(y_i − b − x_iᵀβ)² + α·‖β‖²}, scikit-learn's
 *                     convention (the loss is not divided by the number of rows, so α's effect shrinks as rows are
 *                     added); the intercept is not penalized
 * @param fitIntercept true to fit b (by centring on the weighted means), false for b = 0
 * @param solver       how to solve the penalized normal equations
 */
public record RidgeOptions(double alpha, boolean fitIntercept, RidgeSolver solver) {

    public RidgeOptions {
        Objects.requireNonNull(solver, "solver");
        checkAlpha("alpha", alpha);
    }

    /** α = 1 (scikit-learn's default), with intercept, AUTO solver. */
    public static RidgeOptions defaults() {
        return new RidgeOptions(1.0, true, RidgeSolver.AUTO);
    }

    /** @return a copy with this α */
    public RidgeOptions withAlpha(double a) {
        return new RidgeOptions(a, fitIntercept, solver);
    }

    /** @return a copy with or without intercept */
    public RidgeOptions withIntercept(boolean intercept) {
        return new RidgeOptions(alpha, intercept, solver);
    }

    /** @return a copy with this solver */
    public RidgeOptions withSolver(RidgeSolver s) {
        return new RidgeOptions(alpha, fitIntercept, s);
    }

    static void checkAlpha(String name, double a) {
        if (!(a >= 0) || a == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " is " + a + ", expected a finite number ≥ 0");
        }
    }
}
