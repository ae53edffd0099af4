package dev.linea.models.glm;

import dev.linea.models.Dataset;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.inference.CoefficientStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A fitted GLM with statsmodels' GLM results. With m rows, weights s, Σs the weighted number of observations, k
 * parameters (intercept included), c = 1 with an intercept and 0 without:
 * <pre>
 *   deviance D = Σ s_i·d(y_i, μ_i);  null deviance D₀ the same for the intercept-only model (same offsets)
 *   Pearson χ² = Σ s_i·(y_i − μ_i)²/V(μ_i)
 *   dispersion φ = 1 (Poisson), χ²/(Σs − k) otherwise (statsmodels' default scale "x2")
 *   log L = Σ s_i·log f(y_i; μ_i, φ)  (Gaussian with identity link: φ = Σ s_i(y_i − μ_i)²/Σs, the MLE, as
 *           statsmodels; Tweedie: NaN, as statsmodels 0.13.5)
 *   AIC = −2·log L + 2·(k − c + 1)   (statsmodels: 2·(df_model + 1))
 *   Cov = φ·(AᵀWA)⁻¹ at the final μ, W_i = s_i/(g'(μ_i)²·V(μ_i)), A = [1, X]
 *   se_j = sqrt(Cov_jj),  z_j = β_j/se_j,  p_j = 2·P(Z &gt; |z_j|),  CI = β_j ± z_{1−α/2}·se_j  (normal)
 * </pre>
 * Inference is only computed for unpenalized fits (α = 0); for α &gt; 0 the standard errors, z, p and intervals
 * are NaN. Parameters are ordered [intercept,] features. Immutable.
 */
public final class GlmResult implements dev.linea.models.FittedModel {
    private final GlmOptions options;
    private final LinearModel linear;
    private final double[] params;
    private final double[] fitted;
    private final List<String> names;
    private final int nobs;
    private final double sumWeights;
    private final double deviance;
    private final double nullDeviance;
    private final double pearsonChi2;
    private final double dispersion;
    private final double logLikelihood;
    private final double[] unscaledCov;
    private final List<CoefficientStats> coefficients;
    private final FitReport report;
    private final String targetName;

    GlmResult(GlmOptions options, Dataset data, double[] s, double[] offset, double[] beta, double[] mu,
              double deviance, double nullDeviance, double[] unscaledCov, List<String> names, FitReport report) {
        this.options = options;
        this.params = beta.clone();
        this.fitted = mu.clone();
        this.names = List.copyOf(names);
        this.report = report;
        this.targetName = data.targetName();
        this.nobs = data.rows();
        this.deviance = deviance;
        this.nullDeviance = nullDeviance;
        this.unscaledCov = unscaledCov;
        int o = options.fitIntercept() ? 1 : 0;
        this.linear = new LinearModel(o == 1 ? beta[0] : 0, Arrays.copyOfRange(beta, o, beta.length),
                data.featureNames(), report);
        Family family = options.family();
        double sw = 0;
        double chi2 = 0;
        double ssr = 0;
        for (int i = 0; i < nobs; i++) {
            double r = data.y(i) - mu[i];
            sw += s[i];
            chi2 += s[i] * r * r / family.variance(mu[i]);
            ssr += s[i] * r * r;
        }
        this.sumWeights = sw;
        this.pearsonChi2 = chi2;
        this.dispersion = family.estimatesDispersion() ? chi2 / (sw - beta.length) : 1;
        double llScale = family instanceof Gaussian && options.link() == Link.IDENTITY ? ssr / sw : dispersion;
        double ll = 0;
        for (int i = 0; i < nobs; i++) {
            ll += s[i] * family.logDensity(data.y(i), mu[i], llScale);
        }
        this.logLikelihood = ll;
        this.coefficients = stats(0.05);
    }

    /**
     * The coefficient table at confidence level 1 − α ({@link CoefficientStats#t()} holds z: the tests are normal,
     * as statsmodels' GLM).
     *
     * @param alpha 0 &lt; α &lt; 1
     */
    public List<CoefficientStats> coefficientStats(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", expected 0 < alpha < 1");
        }
        return alpha == 0.05 && coefficients != null ? coefficients : stats(alpha);
    }

    private List<CoefficientStats> stats(double alpha) {
        NormalDistribution z = NormalDistribution.of(0, 1);
        double q = z.inverseSurvivalProbability(alpha / 2);
        List<CoefficientStats> rows = new ArrayList<>();
        int k = params.length;
        for (int j = 0; j < k; j++) {
            double est = params[j];
            double se = unscaledCov == null ? Double.NaN : Math.sqrt(dispersion * unscaledCov[j * k + j]);
            double t = est / se;
            double p = Double.isNaN(t) ? Double.NaN : 2 * z.survivalProbability(Math.abs(t));
            rows.add(new CoefficientStats(names.get(j), est, se, t, p, est - q * se, est + q * se, true));
        }
        return List.copyOf(rows);
    }

    /** @return the coefficient table at 95% ([intercept,] features); {@code t()} holds z. */
    public List<CoefficientStats> coefficients() {
        return coefficients;
    }

    /** @return the linear predictor η − o = b + xᵀβ as a {@link LinearModel} (its report is this fit's). */
    public LinearModel linearPredictor() {
        return linear;
    }

    public double intercept() {
        return linear.intercept();
    }

    /** @return a copy of β, one per feature (without the intercept). */
    public double[] coefficientArray() {
        return linear.coefficients();
    }

    /** @return a copy of all parameters, [intercept,] features. */
    public double[] params() {
        return params.clone();
    }

    /** @return the parameter names, [intercept,] features. */
    public List<String> paramNames() {
        return names;
    }

    /**
     * The mean on the response scale, {@code μ = g⁻¹(b + rowᵀβ + offset)}.
     *
     * @param row one value per feature; not modified
     */
    public double predict(double[] row, double offset) {
        return options.link().inverse(linear.predict(row) + offset);
    }

    /** @return a copy of the fitted means μ_i of the training rows (offsets included). */
    public double[] fittedValues() {
        return fitted.clone();
    }

    /** {@link #predict(double[], double)} with offset 0 (exposure 1). */
    public double predict(double[] row) {
        return predict(row, 0);
    }

    public GlmOptions options() {
        return options;
    }

    public Family family() {
        return options.family();
    }

    public Link link() {
        return options.link();
    }

    public FitReport report() {
        return report;
    }

    public boolean converged() {
        return report.converged();
    }

    public int iterations() {
        return report.iterations();
    }

    /** @return m, the number of rows. */
    public int nobs() {
        return nobs;
    }

    /** @return Σs − k (statsmodels' df_resid with frequency weights). */
    public double dfResid() {
        return sumWeights - params.length;
    }

    /** @return k − c (statsmodels' df_model). */
    public double dfModel() {
        return params.length - (options.fitIntercept() ? 1 : 0);
    }

    /** @return D = Σ s·d(y, μ). */
    public double deviance() {
        return deviance;
    }

    /** @return the deviance of the intercept-only model with the same offsets (NaN when that fit failed). */
    public double nullDeviance() {
        return nullDeviance;
    }

    /** @return Σ s·(y − μ)²/V(μ). */
    public double pearsonChi2() {
        return pearsonChi2;
    }

    /** @return φ: 1 for Poisson, Pearson χ²/(Σs − k) otherwise (statsmodels' {@code scale}). */
    public double dispersion() {
        return dispersion;
    }

    /** @return log L as statsmodels computes it (see the class comment). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** @return −2·log L + 2·(df_model + 1). */
    public double aic() {
        return -2 * logLikelihood + 2 * (dfModel() + 1);
    }

    /** @return the covariance φ·(AᵀWA)⁻¹ (k×k row-major copy), or null when not computed. */
    public double[] covariance() {
        if (unscaledCov == null) {
            return null;
        }
        double[] c = unscaledCov.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= dispersion;
        }
        return c;
    }

    /** @return the name of the target, for summaries. */
    public String targetName() {
        return targetName;
    }

    /** @return a statsmodels-like text summary (see {@link GlmSummary}). */
    public String summary() {
        return GlmSummary.render(this);
    }

    /**
     * A JSON-friendly tree of maps, lists, strings, booleans and numbers (NaN and infinities become null), in a
     * fixed key order with statsmodels' names where it has one.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", targetName);
        root.put("family", family().name());
        if (family() instanceof Tweedie t) {
            root.put("var_power", t.power());
        }
        root.put("link", link().label());
        root.put("alpha", options.alpha());
        root.put("nobs", nobs);
        root.put("df_model", dfModel());
        root.put("df_resid", dfResid());
        root.put("converged", converged());
        root.put("iterations", iterations());
        List<Map<String, Object>> coefs = new ArrayList<>();
        for (CoefficientStats c : coefficients) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("estimate", num(c.estimate()));
            row.put("std_error", num(c.stdError()));
            row.put("z", num(c.t()));
            row.put("p_value", num(c.pValue()));
            row.put("ci_lower", num(c.lower()));
            row.put("ci_upper", num(c.upper()));
            coefs.add(row);
        }
        root.put("coefficients", coefs);
        root.put("deviance", num(deviance));
        root.put("null_deviance", num(nullDeviance));
        root.put("pearson_chi2", num(pearsonChi2));
        root.put("scale", num(dispersion));
        root.put("llf", num(logLikelihood));
        root.put("aic", num(aic()));
        return root;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** @return the predictor μ = g⁻¹(b + xᵀβ + offset), with this fit's link and family */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return new dev.linea.models.LinearPredictor(linear, options.link(), dev.linea.models.Distribution.of(family()));
    }

    /** @return the coefficient table at 95% ({@link #coefficients()}) */
    @Override
    public java.util.Optional<List<CoefficientStats>> coefficientTable() {
        return java.util.Optional.ofNullable(coefficients);
    }
}
