package dev.linea.models.huber;

/**
 * Options of {@link HuberRegression}, validated on construction (scikit-learn's {@code HuberRegressor}
 * parameters).
 *
 * @param epsilon       ε ≥ 1 (finite): residuals beyond ε·σ count as outliers and are penalized linearly
 *                      (scikit-learn's default 1.35: 95% efficiency at the normal)
 * @param alpha         the L2 penalty α ≥ 0 (finite) on the coefficients (not the intercept), scikit-learn's
 *                      default 1e-4
 * @param fitIntercept  true to fit an intercept
 * @param maxIterations Newton iterations at most, ≥ 1
 * @param tolerance     stop when the Newton step is below this, relative: {@code max_j |Δ_j| ≤ tol·(1 + max_j |p_j|)}
 *                      over the parameters p = (b, β, σ); finite, &gt; 0
 */
public record HuberOptions(double epsilon, double alpha, boolean fitIntercept, int maxIterations, double tolerance) {

    public HuberOptions {
        if (!(epsilon >= 1) || epsilon == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("epsilon is " + epsilon + ", expected a finite number >= 1");
        }
        if (!(alpha >= 0) || alpha == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("alpha is " + alpha + ", expected a finite number >= 0");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations is " + maxIterations + ", expected at least 1");
        }
        if (!(tolerance > 0) || tolerance == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("tolerance is " + tolerance + ", expected a finite number > 0");
        }
    }

    /** scikit-learn's defaults: ε = 1.35, α = 1e-4, intercept; 100 Newton iterations, tolerance 1e-10. */
    public static HuberOptions defaults() {
        return new HuberOptions(1.35, 1e-4, true, 100, 1e-10);
    }

    /** @return a copy with this ε */
    public HuberOptions withEpsilon(double e) {
        return new HuberOptions(e, alpha, fitIntercept, maxIterations, tolerance);
    }

    /** @return a copy with this α */
    public HuberOptions withAlpha(double a) {
        return new HuberOptions(epsilon, a, fitIntercept, maxIterations, tolerance);
    }

    /** @return a copy with or without intercept */
    public HuberOptions withIntercept(boolean intercept) {
        return new HuberOptions(epsilon, alpha, intercept, maxIterations, tolerance);
    }

    /** @return a copy with this iteration limit */
    public HuberOptions withMaxIterations(int n) {
        return new HuberOptions(epsilon, alpha, fitIntercept, n, tolerance);
    }

    /** @return a copy with this tolerance */
    public HuberOptions withTolerance(double tol) {
        return new HuberOptions(epsilon, alpha, fitIntercept, maxIterations, tol);
    }
}
