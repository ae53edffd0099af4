package dev.linea.models.glm;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Gamma responses: {@code V(μ) = μ²}, {@code d(y, μ) = 2·((y − μ)/μ − log(y/μ))}, y &gt; 0, dispersion estimated,
 * default (canonical) link inverse. With ν = 1/φ the log-density is statsmodels'
 * {@code ν·log(ν·y/μ) − ν·y/μ − log Γ(ν) − log y}.
 */
public record Gamma() implements Family {

    @Override
    public String name() {
        return "Gamma";
    }

    @Override
    public double variance(double mu) {
        return mu * mu;
    }

    @Override
    public double varianceDerivative(double mu) {
        return 2 * mu;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        return 2 * ((y - mu) / mu - Math.log(y / mu));
    }

    @Override
    public Link defaultLink() {
        return Link.INVERSE;
    }

    @Override
    public void checkResponse(int row, double y) {
        if (!(y > 0)) {
            throw new IllegalArgumentException("y has " + y + " at row " + (row + 1)
                    + " (1-based), expected y > 0 for the Gamma"
                    + " family");
        }
    }

    @Override
    public boolean validMean(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean estimatesDispersion() {
        return true;
    }

    @Override
    public double logDensity(double y, double mu, double scale) {
        double nu = 1 / scale;
        double r = y / mu;
        return nu * Math.log(nu * r) - nu * r - LogGamma.value(nu) - Math.log(y);
    }
}
