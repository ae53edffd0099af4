package dev.linea.models.glm;

/**
 * Tweedie family with variance power p ∉ (0, 1): {@code V(μ) = μ^p}, and unit deviance (scikit-learn's and
 * statsmodels')
 * <pre>
 *   p = 0:  (y − μ)²
 *   p = 1:  2·(y·log(y/μ) − y + μ)
 *   p = 2:  2·(log(μ/y) + y/μ − 1)
 *   else:   2·(max(y, 0)^{2−p}/((1−p)(2−p)) − y·μ^{1−p}/(1−p) + μ^{2−p}/(2−p))
 * </pre>
 * Support of y: any real for p ≤ 0, y ≥ 0 for 1 ≤ p &lt; 2, y &gt; 0 for p ≥ 2; μ &gt; 0 unless p = 0. Default
 * link log; dispersion estimated. The log-likelihood is NaN, as statsmodels 0.13.5 reports it (its Tweedie
 * density is only implemented as extended quasi-likelihood).
 *
 * @param power the variance power p, finite and not in (0, 1)
 */
public record Tweedie(double power) implements Family {

    public Tweedie {
        if (!Double.isFinite(power) || (power > 0 && power < 1)) {
            throw new IllegalArgumentException("Tweedie power is " + power + ", expected a finite p <= 0 or p >= 1"
                    + " (no Tweedie distribution exists for 0 < p < 1)");
        }
    }

    @Override
    public String name() {
        return "Tweedie";
    }

    @Override
    public double variance(double mu) {
        return Math.pow(mu, power);
    }

    @Override
    public double varianceDerivative(double mu) {
        return power == 0 ? 0 : power * Math.pow(mu, power - 1);
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double p = power;
        if (p == 0) {
            return (y - mu) * (y - mu);
        }
        if (p == 1) {
            return 2 * ((y == 0 ? 0 : y * Math.log(y / mu)) - y + mu);
        }
        if (p == 2) {
            return 2 * (Math.log(mu / y) + y / mu - 1);
        }
        double yp = y > 0 ? Math.pow(y, 2 - p) : 0;
        return 2 * (yp / ((1 - p) * (2 - p)) - y * Math.pow(mu, 1 - p) / (1 - p) + Math.pow(mu, 2 - p) / (2 - p));
    }

    @Override
    public Link defaultLink() {
        return Link.LOG;
    }

    @Override
    public void checkResponse(int row, double y) {
        if (power >= 2 && !(y > 0)) {
            throw new IllegalArgumentException("y has " + y + " at row " + (row + 1)
                    + " (1-based), expected y > 0 for the Tweedie"
                    + " family with power " + power + " >= 2");
        }
        if (power >= 1 && power < 2 && !(y >= 0)) {
            throw new IllegalArgumentException("y has " + y + " at row " + (row + 1)
                    + " (1-based), expected y >= 0 for the Tweedie"
                    + " family with power " + power + " in [1, 2)");
        }
    }

    @Override
    public boolean validMean(double mu) {
        return power == 0 ? Double.isFinite(mu) : mu > 0 && mu < Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean estimatesDispersion() {
        return true;
    }

    @Override
    public double logDensity(double y, double mu, double scale) {
        return Double.NaN;
    }
}
