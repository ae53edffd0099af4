package dev.linea.models.logistic;

import dev.linea.models.FitReport;
import java.util.Objects;

/**
 * A binary logistic fit.
 *
 * @param model  the fitted model
 * @param report solver, iterations, convergence, the mean-scaled objective f per iteration (see
 *               {@link LogisticRegression}), notes
 */
public record LogisticResult(LogisticModel model, FitReport report) implements dev.linea.models.FittedModel {
    public LogisticResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }

    /** @return the probability predictor σ(b + xᵀβ) (binomial family, logit link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return model.predictor();
    }
}
