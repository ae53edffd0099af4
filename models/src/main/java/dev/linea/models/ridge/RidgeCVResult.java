package dev.linea.models.ridge;

import dev.linea.models.LinearModel;
import java.util.Objects;

/**
 * The outcome of {@link RidgeCV}: the score of every α and the model refitted at the best.
 *
 * @param alphas    the grid, as given
 * @param scores    the criterion per α (mean squared leave-one-out error, or GCV); +∞ where it is undefined
 *                  (α = 0 on a singular design, or a row with leverage 1)
 * @param bestIndex index of the smallest score (the first one on ties)
 * @param criterion what was minimized
 * @param model     fitted at alphas[bestIndex] on all the data
 */
public record RidgeCVResult(double[] alphas, double[] scores, int bestIndex, CvCriterion criterion,
                            LinearModel model) implements dev.linea.models.FittedModel {
    public RidgeCVResult {
        alphas = alphas.clone();
        scores = scores.clone();
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(model, "model");
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** @return the chosen α */
    public double alpha() {
        return alphas[bestIndex];
    }

    /** @return the chosen α's score */
    public double bestScore() {
        return scores[bestIndex];
    }

    /** @return the predictor refitted at the chosen α (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }

    /** @return the report of the refit at the chosen α */
    @Override
    public dev.linea.models.FitReport report() {
        return model.report();
    }
}
