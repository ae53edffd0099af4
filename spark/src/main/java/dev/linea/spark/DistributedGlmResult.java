package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Link;
import dev.linea.models.inference.CoefficientStats;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A distributed GLM fit, with what the single machine's {@link GlmResult} reports except the per-row fitted values
 * (they stay with the data): the linear predictor as the same {@link LinearModel} a single-machine fit returns from
 * {@link GlmResult#linearPredictor()} (it saves, loads and scores the same way; the mean is
 * {@code link.inverse(model.predict(row))}), the parameters, and statsmodels' statistics, defined as in
 * {@link GlmResult}. ({@link GlmResult} itself keeps the training rows' means, so it is not built here.)
 *
 * @param options            the options fitted with (the link resolved)
 * @param linearPredictor    η = b + xᵀβ
 * @param paramNames         [intercept,] features
 * @param params             in the order of {@code paramNames}
 * @param deviance           D = Σ s·d(y, μ)
 * @param nullDeviance       the deviance of the intercept-only model: μ = ȳ (weighted) without offsets; with
 *                           offsets, that of the intercept-only IRLS fit with the same offsets (NaN if it failed)
 * @param pearsonChi2        Σ s·(y − μ)²/V(μ)
 * @param dispersion         φ: 1 for Poisson, Pearson χ²/(Σs − k) otherwise
 * @param logLikelihood      Σ s·log f(y; μ, φ) as statsmodels (Gaussian identity: φ = SSR/Σs; Tweedie: NaN)
 * @param unscaledCovariance (AᵀWA)⁻¹ at the final μ (k×k row-major), or null when α &gt; 0 or singular
 * @param rows               rows read
 * @param sumOfWeights       Σs
 * @param report             iterations, convergence, the objective per iteration, notes
 * @param passes             Spark jobs over the data
 */
public record DistributedGlmResult(GlmOptions options, LinearModel linearPredictor, List<String> paramNames,
                                   double[] params, double deviance, double nullDeviance, double pearsonChi2,
                                   double dispersion, double logLikelihood, double[] unscaledCovariance, long rows,
                                   double sumOfWeights, FitReport report, int passes)
        implements dev.linea.models.FittedModel {

    public DistributedGlmResult {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(linearPredictor, "linearPredictor");
        Objects.requireNonNull(report, "report");
        paramNames = List.copyOf(paramNames);
        params = params.clone();
        unscaledCovariance = unscaledCovariance == null ? null : unscaledCovariance.clone();
    }

    @Override
    public double[] params() {
        return params.clone();
    }

    @Override
    public double[] unscaledCovariance() {
        return unscaledCovariance == null ? null : unscaledCovariance.clone();
    }

    public Family family() {
        return options.family();
    }

    public Link link() {
        return options.link();
    }

    public boolean converged() {
        return report.converged();
    }

    public int iterations() {
        return report.iterations();
    }

    /** @return the mean μ = g⁻¹(b + rowᵀβ) (offset 0) */
    public double predict(double[] row) {
        return options.link().inverse(linearPredictor.predict(row));
    }

    /** @return the mean μ = g⁻¹(offset + b + rowᵀβ), e.g. with offset = log(exposure) */
    public double predict(double[] row, double offset) {
        return options.link().inverse(offset + linearPredictor.predict(row));
    }

    /** @return Σs − k (statsmodels' df_resid with frequency weights) */
    public double dfResid() {
        return sumOfWeights - params.length;
    }

    /** @return k − c (statsmodels' df_model) */
    public double dfModel() {
        return params.length - (options.fitIntercept() ? 1 : 0);
    }

    /** @return −2·log L + 2·(df_model + 1) */
    public double aic() {
        return -2 * logLikelihood + 2 * (dfModel() + 1);
    }

    /** @return φ·(AᵀWA)⁻¹ (k×k row-major), or null when not computed */
    public double[] covariance() {
        if (unscaledCovariance == null) {
            return null;
        }
        double[] c = unscaledCovariance.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= dispersion;
        }
        return c;
    }

    /** @return the coefficient table at 95% ([intercept,] features; {@code t()} holds z, the tests are normal) */
    public List<CoefficientStats> coefficients() {
        NormalDistribution z = NormalDistribution.of(0, 1);
        double q = z.inverseSurvivalProbability(0.025);
        List<CoefficientStats> out = new ArrayList<>();
        int k = params.length;
        for (int j = 0; j < k; j++) {
            double est = params[j];
            double se = unscaledCovariance == null ? Double.NaN
                    : Math.sqrt(dispersion * unscaledCovariance[j * k + j]);
            double t = est / se;
            double p = Double.isNaN(t) ? Double.NaN : 2 * z.survivalProbability(Math.abs(t));
            out.add(new CoefficientStats(paramNames.get(j), est, se, t, p, est - q * se, est + q * se, true));
        }
        return List.copyOf(out);
    }

    /** @return the predictor μ = g⁻¹(b + xᵀβ + offset), with this fit's link and family */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return new dev.linea.models.LinearPredictor(linearPredictor, options.link(),
                dev.linea.models.Distribution.of(options.family()));
    }
}
