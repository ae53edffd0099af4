package dev.linea.models;

import java.util.List;

/**
 * What a fit produces for prediction, independent of the estimator that made it: a {@link LinearPredictor}
 * (b + xᵀβ through a {@link dev.linea.models.glm.Link}: least squares, ridge, lasso, Huber, GLMs, logistic
 * regression) or a {@link SoftmaxPredictor} (one linear predictor per class). Every fit result offers one through
 * {@link FittedModel#predictor()}; {@code ModelFiles} saves it, and {@code Scorer} / {@code SoftmaxScorer} compile
 * it for serving, with no rebuilding and no link spelled as a string.
 *
 * <p>A predictor takes the model's <em>features</em>: the columns after any preprocessing (polynomial expansion,
 * standardization). A model file records that preprocessing next to the predictor, and the scorer replays it.
 */
public sealed interface Predictor permits LinearPredictor, SoftmaxPredictor {

    /** @return the features the predictor reads, in order */
    List<String> featureNames();

    /** @return the number of features */
    default int featureCount() {
        return featureNames().size();
    }

    /** @return the report of the fit that produced this predictor, or null (built by hand, or loaded without one) */
    FitReport report();
}
