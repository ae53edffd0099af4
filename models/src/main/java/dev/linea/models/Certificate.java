package dev.linea.models;

import java.util.Locale;
import java.util.Objects;

/**
 * How close an iterative fit is to its optimum, as the solver measured it when it stopped: the kind of measure,
 * the value reached, the tolerance it was held to, and a bound on the distance to the optimum where the objective's
 * strong convexity gives one.
 *
 * @param kind          what {@code value} measures
 * @param value         the measure at the returned coefficients (≥ 0, or NaN when it could not be computed)
 * @param tolerance     the stopping tolerance in the same units
 * @param distanceBound an upper bound on the Euclidean distance from the returned coefficients to the exact
 *                      optimum, in the solver's working coordinates (see {@link Kind}), or NaN when the objective is
 *                      not strongly convex (the lasso, say) and no bound follows
 */
public record Certificate(Kind kind, double value, double tolerance, double distanceBound) {

    /** The measures solvers certify with. */
    public enum Kind {
        /**
         * Duality gap P(β) − D(θ) ≥ P(β) − P(β*) of a convex objective, divided by the null deviance (the
         * weighted mean square of the centred target), so that the tolerance does not depend on y's units. Distance
         * bound (when the penalty has a ridge part with modulus μ = min_j λ·(1 − α)·pf_j &gt; 0):
         * ‖β̃ − β̃*‖₂ ≤ sqrt(2·gap/μ), β̃ the standardized coefficients.
         */
        RELATIVE_DUALITY_GAP("relative duality gap"),
        /**
         * A gradient norm of an objective scaled to be free of the number of rows and of the features' units (each
         * solver documents its scaling; logistic and softmax regression: max_j |∂f/∂u_j| of the objective divided
         * by C·Σs, in the standardized coordinates u of {@link dev.linea.models.optim.StandardizedCoordinates};
         * gradient descent: the max-abs gradient over its scale at the start). Distance bound, when the scaled
         * objective is μ-strongly convex in those coordinates: ‖u − u*‖₂ ≤ ‖∇f(u)‖₂ / μ.
         */
        SCALED_GRADIENT_NORM("scaled gradient norm"),
        /**
         * The first-order optimality measure of an objective with an ℓ₁ term, f(θ) + Σ_j a_j·|θ_j|: the max-abs
         * minimum-norm subgradient, |∂_j f + a_j·sign θ_j| where θ_j ≠ 0 and max(|∂_j f| − a_j, 0) where θ_j = 0,
         * in the same scaled coordinates as {@link #SCALED_GRADIENT_NORM} (each solver documents them). Zero exactly
         * at the minimizer.
         */
        SCALED_SUBGRADIENT_NORM("scaled minimum-norm subgradient"),
        /**
         * The relative Newton decrement {@code sqrt(Δᵀ·H·Δ / (|F| + 0.1))} of a Newton-type solver (IRLS, Huber's
         * Newton method): Δ = −H⁻¹∇F is the Newton step from the returned coefficients, H the Hessian (or Fisher
         * information) of the objective F. Invariant under any rescaling of the features; ΔᵀHΔ estimates
         * F − F* to second order, so the value is the relative distance to the optimum in the Hessian's norm.
         */
        NEWTON_DECREMENT("relative Newton decrement"),
        /**
         * The size of the Newton step from the returned parameters p, {@code max_j |Δ_j| / max(1, max_j |p_j|)}
         * (Huber's Newton method, whose piecewise-quadratic objective makes the decrement a poor measure at its
         * kinks): with a Newton step the distance to the optimum to first order.
         */
        RELATIVE_NEWTON_STEP("relative Newton step");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the measure in words, e.g. "relative duality gap" */
        public String label() {
            return label;
        }
    }

    public Certificate {
        Objects.requireNonNull(kind, "kind");
    }

    /** @return true when the measure is within the tolerance */
    public boolean met() {
        return value <= tolerance;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.3g (tolerance %.3g)%s", kind.label(), value, tolerance,
                Double.isNaN(distanceBound) ? ""
                        : String.format(Locale.ROOT, ", distance to the optimum <= %.3g", distanceBound));
    }
}
