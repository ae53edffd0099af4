package dev.linea.models.glm;

import java.io.Serializable;

/**
 * An exponential-dispersion family: the variance function V(μ), the unit deviance d(y, μ) (twice the
 * log-likelihood ratio of the saturated model, per unit weight and unit dispersion), the domain of y and μ, and
 * the log-likelihood as statsmodels 0.13.5 computes it.
 *
 * <p>The deviance of a fit is {@code D = Σ_i s_i·d(y_i, μ_i)} with s the sample (frequency) weights.
 *
 * <p>Families are immutable values and {@link Serializable}, so that a distributed fit can ship them to its workers.
 */
public sealed interface Family extends Serializable permits Poisson, Gamma, Tweedie, Gaussian {

    /** @return statsmodels' name of the family, for summaries. */
    String name();

    /** @return V(μ) */
    double variance(double mu);

    /** @return V'(μ), for the observed information of non-canonical links */
    double varianceDerivative(double mu);

    /** @return d(y, μ) ≥ 0, zero when y = μ */
    double unitDeviance(double y, double mu);

    /** @return the link used when none is given (Poisson, Tweedie: log; Gamma: inverse; Gaussian: identity) */
    Link defaultLink();

    /**
     * @param row for the message
     * @throws IllegalArgumentException when y is outside the family's support, naming the row and the value
     */
    void checkResponse(int row, double y);

    /** @return true when μ is a valid mean for this family (for example μ &gt; 0 for Poisson) */
    boolean validMean(double mu);

    /** @return true when the dispersion φ is estimated (Pearson χ²/(n − k)); false when it is fixed at 1 */
    boolean estimatesDispersion();

    /**
     * The log-density of one observation, {@code log f(y; μ, φ)}, as statsmodels' {@code loglike_obs} with unit
     * variance weight; NaN where statsmodels gives NaN (Tweedie without extended quasi-likelihood).
     */
    double logDensity(double y, double mu, double scale);
}
