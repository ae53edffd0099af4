package dev.linea.models.glm;

/**
 * Normal responses (mainly for testing IRLS against least squares): {@code V(μ) = 1}, {@code d = (y − μ)²}, any
 * real y, dispersion estimated, default link identity,
 * {@code log f = −((y − μ)²/φ + log φ + log 2π)/2}.
 */
public record Gaussian() implements Family {

    @Override
    public String name() {
        return "Gaussian";
    }

    @Override
    public double variance(double mu) {
        return 1;
    }

    @Override
    public double varianceDerivative(double mu) {
        return 0;
    }

    @Override
    public double unitDeviance(double y, double mu) {
        double r = y - mu;
        return r * r;
    }

    @Override
    public Link defaultLink() {
        return Link.IDENTITY;
    }

    @Override
    public void checkResponse(int row, double y) {
        // every finite y is valid; Dataset has already rejected NaN and infinities
    }

    @Override
    public boolean validMean(double mu) {
        return Double.isFinite(mu);
    }

    @Override
    public boolean estimatesDispersion() {
        return true;
    }

    @Override
    public double logDensity(double y, double mu, double scale) {
        double r = y - mu;
        return -(r * r / scale + Math.log(scale) + Math.log(2 * Math.PI)) / 2;
    }
}
