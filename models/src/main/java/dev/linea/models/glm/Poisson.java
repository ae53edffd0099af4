package dev.linea.models.glm;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Poisson counts: {@code V(μ) = μ}, {@code d(y, μ) = 2·(y·log(y/μ) − (y − μ))} (y·log y = 0 at y = 0), y ≥ 0,
 * dispersion fixed at 1, default link log, {@code log f = y·log μ − μ − log Γ(y + 1)}.
 */
public record Poisson() implements Family {

    @Override
    public String name() {
        return "Poisson";
    }

    @Override
    public double variance(double mu) {
        return mu;
    }

    @Override
    public double varianceDerivative(double mu) {
        return 1;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double ylog = y == 0 ? 0 : y * Math.log(y / mu);
        return 2 * (ylog - (y - mu));
    }

    @Override
    public Link defaultLink() {
        return Link.LOG;
    }

    @Override
    public void checkResponse(int row, double y) {
        if (!(y >= 0)) {
            throw new IllegalArgumentException("y has " + y + " at row " + (row + 1)
                    + " (1-based), expected a count >= 0 for the "
                    + "Poisson family");
        }
    }

    @Override
    public boolean validMean(double mu) {
        return mu > 0 && mu < Double.POSITIVE_INFINITY;
    }

    @Override
    public boolean estimatesDispersion() {
        return false;
    }

    @Override
    public double logDensity(double y, double mu, double scale) {
        return (y == 0 ? 0 : y * Math.log(mu)) - mu - LogGamma.value(y + 1);
    }
}
