package dev.linea.models.gd;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;

import java.util.Objects;

/**
 * The outcome of {@link GradientDescent#fit}.
 *
 * @param model        the fitted model, coefficients on the original feature scale
 * @param report       estimator "gd", solver = the mode's name, iterations = epochs run, the stopping rule in
 *                     {@code status}, one loss per epoch, notes (learning rate, standardization, excluded columns)
 * @param learningRate the initial learning rate η0 actually used (given, or chosen automatically), in the working
 *                     (possibly standardized) parameter space
 */
public record GradientDescentResult(LinearModel model, FitReport report, double learningRate)
        implements dev.linea.models.FittedModel {

    public GradientDescentResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }

    /** @return the full-data mean loss at the end of each epoch (a copy). */
    public double[] lossHistory() {
        return report.lossHistory();
    }

    /** @return the predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }
}
