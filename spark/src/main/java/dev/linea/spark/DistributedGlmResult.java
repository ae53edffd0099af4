package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.GlmStatistics;
import dev.linea.models.glm.Link;

import java.util.Objects;

/**
 * A distributed GLM fit, with what the single machine's {@link GlmResult} reports except the per-row fitted values
 * (they stay with the data): the linear predictor as the same {@link LinearModel} a single-machine fit returns from
 * {@link GlmResult#linearPredictor()} (it saves, loads and scores the same way; the mean is
 * {@code link.inverse(model.predict(row))}), and the single machine's own {@link GlmStatistics} (parameters,
 * deviances, Pearson χ², dispersion, log-likelihood, AIC, the coefficient table), formed from the sums of the
 * statistics passes. ({@link GlmResult} itself keeps the training rows' means, so it is not built here.)
 *
 * @param linearPredictor η = b + xᵀβ
 * @param statistics      statsmodels' statistics, as {@link GlmResult#statistics()}; the null deviance with
 *                        offsets is that of the intercept-only IRLS fit with the same offsets (NaN if it failed)
 * @param rows            rows read
 * @param report          iterations, convergence, the objective per iteration, notes
 * @param passes          Spark jobs over the data
 */
public record DistributedGlmResult(LinearModel linearPredictor, GlmStatistics statistics, long rows,
                                   FitReport report, int passes)
        implements dev.linea.models.FittedModel {

    public DistributedGlmResult {
        Objects.requireNonNull(linearPredictor, "linearPredictor");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(report, "report");
    }

    /** @return the options fitted with (the link resolved) */
    public GlmOptions options() {
        return statistics.options();
    }

    public Family family() {
        return options().family();
    }

    public Link link() {
        return options().link();
    }

    public boolean converged() {
        return report.converged();
    }

    public int iterations() {
        return report.iterations();
    }

    /** @return the mean μ = g⁻¹(b + rowᵀβ) (offset 0) */
    public double predict(double[] row) {
        return link().inverse(linearPredictor.predict(row));
    }

    /** @return the mean μ = g⁻¹(offset + b + rowᵀβ), e.g. with offset = log(exposure) */
    public double predict(double[] row, double offset) {
        return link().inverse(offset + linearPredictor.predict(row));
    }

    /** @return the predictor μ = g⁻¹(b + xᵀβ + offset), with this fit's link and family */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return new dev.linea.models.LinearPredictor(linearPredictor, link(),
                dev.linea.models.Distribution.of(family()));
    }
}
