package dev.linea.models.logistic;

import dev.linea.models.FitReport;
import java.util.Objects;

/**
 * A multinomial fit.
 *
 * @param model  the fitted model
 * @param report L-BFGS iterations, convergence, the mean-scaled objective per iteration, notes
 */
public record SoftmaxResult(SoftmaxModel model, FitReport report) implements dev.linea.models.FittedModel {
    public SoftmaxResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }

    /** @return the softmax predictor over the model's classes */
    @Override
    public dev.linea.models.SoftmaxPredictor predictor() {
        return new dev.linea.models.SoftmaxPredictor(model);
    }
}
