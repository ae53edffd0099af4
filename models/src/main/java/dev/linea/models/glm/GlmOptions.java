package dev.linea.models.glm;

import java.util.Objects;

/**
 * Options of {@link GeneralizedLinearModel}, validated on construction.
 *
 * @param family        the response distribution
 * @param link          the link; null means the family's default ({@link Family#defaultLink()})
 * @param alpha         the L2 penalty α ≥ 0 (finite) of scikit-learn's objective
 *                      {@code 1/(2·Σs)·Σ s_i·d(y_i, μ_i) + α/2·‖β‖²} (PoissonRegressor, GammaRegressor,
 *                      TweedieRegressor); the intercept is not penalized. α = 0 is maximum likelihood (statsmodels)
 * @param fitIntercept  true to fit an unpenalized intercept b
 * @param maxIterations IRLS iterations at most, ≥ 1 (statsmodels' default 100)
 * @param tolerance     convergence when the objective's relative change
 *                      {@code |F_old − F|/(|F| + 0.1)} is below this and then the relative Newton decrement
 *                      {@code sqrt(ΔᵀHΔ/(|F| + 0.1))} of the next IRLS step is at most this (see {@link Irls}; finite,
 *                      &gt; 0; default 1e-8). F is the deviance plus {@code α·Σs·‖β‖²}
 */
public record GlmOptions(Family family, Link link, double alpha, boolean fitIntercept, int maxIterations,
                         double tolerance) {

    /** Default tolerance, statsmodels' {@code tol}. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /** Default iteration limit, statsmodels' {@code maxiter}. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    public GlmOptions {
        Objects.requireNonNull(family, "family");
        if (link == null) {
            link = family.defaultLink();
        }
        if (link == Link.LOGIT) {
            throw new IllegalArgumentException("link logit with the " + family.name() + " family, expected identity, "
                    + "log or inverse (the logit link is the binomial family's: LogisticRegression)");
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

    /** Maximum likelihood for this family with its default link, an intercept, 100 iterations, tol 1e-8. */
    public static GlmOptions of(Family family) {
        return new GlmOptions(family, null, 0, true, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    /** @return a copy with this link (null: the family's default) */
    public GlmOptions withLink(Link l) {
        return new GlmOptions(family, l, alpha, fitIntercept, maxIterations, tolerance);
    }

    /** @return a copy with this L2 penalty */
    public GlmOptions withAlpha(double a) {
        return new GlmOptions(family, link, a, fitIntercept, maxIterations, tolerance);
    }

    /** @return a copy with or without intercept */
    public GlmOptions withIntercept(boolean intercept) {
        return new GlmOptions(family, link, alpha, intercept, maxIterations, tolerance);
    }

    /** @return a copy with this iteration limit */
    public GlmOptions withMaxIterations(int n) {
        return new GlmOptions(family, link, alpha, fitIntercept, n, tolerance);
    }

    /** @return a copy with this tolerance */
    public GlmOptions withTolerance(double tol) {
        return new GlmOptions(family, link, alpha, fitIntercept, maxIterations, tol);
    }
}
