package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticResult;

import java.util.Objects;

/**
 * A distributed binary logistic fit: the single machine's {@link LogisticResult} (the same {@link LogisticModel},
 * which scores, saves and loads the same way, and its report: iterations, convergence, the mean-scaled objective per
 * iteration, the certificate, notes), and what the passes counted.
 *
 * @param result       what {@link dev.linea.models.logistic.LogisticRegression#fit(
 *                     dev.linea.models.logistic.LogisticData)} returned, its report with the distributed notes
 * @param rows         rows read
 * @param sumOfWeights Σ s_i, the effective weights (sample weight times class weight)
 * @param passes       Spark jobs over the data (label pass, every evaluation or Newton iteration, the certificate,
 *                     separation checks)
 */
public record DistributedLogisticResult(LogisticResult result, long rows, double sumOfWeights, int passes)
        implements dev.linea.models.FittedModel {
    public DistributedLogisticResult {
        Objects.requireNonNull(result, "result");
    }

    public LogisticModel model() {
        return result.model();
    }

    public FitReport report() {
        return result.report();
    }

    /** @return the single machine's result type, for code written against {@link LogisticResult} */
    public LogisticResult toLogisticResult() {
        return result;
    }

    /** @return the probability predictor σ(b + xᵀβ) (binomial family, logit link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return result.model().predictor();
    }
}
