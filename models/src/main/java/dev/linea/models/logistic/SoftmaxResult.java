package dev.linea.models.logistic;

import dev.linea.models.FitReport;
import java.util.Objects;

/**
 * A multinomial fit.
 *
 * @param model  the fitted model
 * @param report L-BFGS iterations, convergence, the mean-scaled objective per iteration, notes
 */
public record SoftmaxResult(SoftmaxModel model, FitReport report) {
    public SoftmaxResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }
}
