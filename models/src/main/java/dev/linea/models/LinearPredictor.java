package dev.linea.models;

import dev.linea.models.glm.Link;
import java.util.List;
import java.util.Objects;

/**
 * A linear predictor and its link: {@code η = b + Σ_j β_j·x_j (+ offset)}, prediction {@code μ = g⁻¹(η)}. The
 * identity link gives least squares' ŷ; the logit gives logistic regression's probability of class 1; the log link
 * a Poisson, Gamma or Tweedie mean. Immutable and thread-safe; {@link #predict(double[])} allocates nothing.
 *
 * @param model  b and β on the scale of the features the predictor reads
 * @param link   g, whose inverse maps η to the prediction
 * @param family the distribution it was fitted under; must admit the link ({@link Distribution#requireLink})
 */
public record LinearPredictor(LinearModel model, Link link, Distribution family) implements Predictor {

    /** @throws IllegalArgumentException when the family does not admit the link */
    public LinearPredictor {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(family, "family");
        family.requireLink(link);
    }

    /** @return the least-squares predictor ŷ = b + xᵀβ (Gaussian family, identity link) */
    public static LinearPredictor identity(LinearModel model) {
        return new LinearPredictor(model, Link.IDENTITY, Distribution.GAUSSIAN);
    }

    /** @return the logistic predictor P(y = 1 | x) = σ(b + xᵀβ) (binomial family, logit link) */
    public static LinearPredictor logistic(LinearModel model) {
        return new LinearPredictor(model, Link.LOGIT, Distribution.BINOMIAL);
    }

    /** @return a predictor with the same link and family and other coefficients (e.g. mapped to another scale) */
    public LinearPredictor withModel(LinearModel other) {
        return new LinearPredictor(other, link, family);
    }

    @Override
    public List<String> featureNames() {
        return model.featureNames();
    }

    @Override
    public FitReport report() {
        return model.report();
    }

    public double intercept() {
        return model.intercept();
    }

    /** @return a copy of β */
    public double[] coefficients() {
        return model.coefficients();
    }

    /**
     * @param row not modified; one value per feature
     * @return the linear predictor η = b + Σ β_j·row_j
     */
    public double linearPredictor(double[] row) {
        return model.predict(row);
    }

    /**
     * @param row not modified; one value per feature
     * @return the prediction g⁻¹(b + Σ β_j·row_j)
     */
    public double predict(double[] row) {
        return link.inverse(model.predict(row));
    }

    /**
     * @param row    not modified; one value per feature
     * @param offset the known part of η (log exposure, …)
     * @return g⁻¹(b + Σ β_j·row_j + offset)
     */
    public double predict(double[] row, double offset) {
        return link.inverse(model.predict(row) + offset);
    }
}
