package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticResult;

import java.util.Objects;

/**
 * A distributed binary logistic fit: the same {@link LogisticModel} as a single-machine fit (it scores, saves and
 * loads the same way), its report (iterations, convergence, the mean-scaled objective per iteration, notes), and
 * what the passes counted.
 *
 * @param model        the fitted model
 * @param report       as the single machine's, plus the distributed notes
 * @param rows         rows read
 * @param sumOfWeights Σ s_i, the effective weights (sample weight times class weight)
 * @param passes       Spark jobs over the data (label pass, every evaluation or Newton iteration, separation checks)
 */
public record DistributedLogisticResult(LogisticModel model, FitReport report, long rows, double sumOfWeights,
                                        int passes) implements dev.linea.models.FittedModel {
    public DistributedLogisticResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }

    /** @return the single machine's result type, for code written against {@link LogisticResult} */
    public LogisticResult toLogisticResult() {
        return new LogisticResult(model, report);
    }

    /** @return the probability predictor σ(b + xᵀβ) (binomial family, logit link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return model.predictor();
    }
}
