package dev.linea.models.glm;

import dev.linea.models.Design;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.inference.CoefficientStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted GLM with statsmodels' GLM results: the linear predictor, the fitted means of the training rows, and the
 * statistics of {@link GlmStatistics} (deviance, null deviance, Pearson χ², dispersion, log-likelihood, AIC, the
 * coefficient table), formed from sums over the training rows at the final μ. Inference is only computed for
 * unpenalized fits (α = 0); for α &gt; 0 the standard errors, z, p and intervals are NaN. Parameters are ordered
 * [intercept,] features. Immutable.
 */
public final class GlmResult implements dev.linea.models.FittedModel {
    private final LinearModel linear;
    private final double[] fitted;
    private final int nobs;
    private final GlmStatistics stats;
    private final FitReport report;
    private final String targetName;

    /**
     * @param data the design fitted (its y, weights, names and row count are read)
     * @param mu   the fitted means; kept, not copied (the fit hands over its own array)
     */
    GlmResult(GlmOptions options, Design data, double[] beta, double[] mu, double deviance, double nullDeviance,
              double[] unscaledCov, List<String> names, FitReport report) {
        this(options, data.targetName(), data.rows(), data.featureNames(), data.yUnsafe(), data.weightsUnsafe(), beta,
                mu, deviance, nullDeviance, unscaledCov, names, report);
    }

    /**
     * The same from the roles of the data fitted, dense or sparse.
     *
     * @param rows         the number of training rows
     * @param featureNames the features' names
     * @param y            the responses; not modified
     * @param s            the sample weights, or null for ones; not modified
     */
    GlmResult(GlmOptions options, String targetName, int rows, List<String> featureNames, double[] y, double[] s,
              double[] beta, double[] mu, double deviance, double nullDeviance, double[] unscaledCov,
              List<String> names, FitReport report) {
        this.fitted = mu;
        this.report = report;
        this.targetName = targetName;
        this.nobs = rows;
        int o = options.fitIntercept() ? 1 : 0;
        this.linear = new LinearModel(o == 1 ? beta[0] : 0, Arrays.copyOfRange(beta, o, beta.length),
                featureNames, report);
        Family family = options.family();
        double sw = 0;
        double chi2 = 0;
        double ssr = 0;
        for (int i = 0; i < nobs; i++) {
            double si = s == null ? 1 : s[i];
            double r = y[i] - mu[i];
            sw += si;
            chi2 += si * r * r / family.variance(mu[i]);
            ssr += si * r * r;
        }
        double llScale = GlmStatistics.logLikelihoodScale(family, options.link(), ssr, sw,
                GlmStatistics.dispersion(family, chi2, sw, beta.length));
        double ll = 0;
        for (int i = 0; i < nobs; i++) {
            ll += (s == null ? 1 : s[i]) * family.logDensity(y[i], mu[i], llScale);
        }
        this.stats = new GlmStatistics(options, names, beta, sw, deviance, nullDeviance, chi2, ll, unscaledCov);
    }

    /** @return the statistics (also reachable one by one below) */
    public GlmStatistics statistics() {
        return stats;
    }

    /**
     * The coefficient table at confidence level 1 − α ({@link CoefficientStats#t()} holds z: the tests are normal,
     * as statsmodels' GLM).
     *
     * @param alpha 0 &lt; α &lt; 1
     */
    public List<CoefficientStats> coefficientStats(double alpha) {
        return stats.coefficientStats(alpha);
    }

    /** @return the coefficient table at 95% ([intercept,] features); {@code t()} holds z. */
    public List<CoefficientStats> coefficients() {
        return stats.coefficients();
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
        return stats.params();
    }

    /** @return the parameter names, [intercept,] features. */
    public List<String> paramNames() {
        return stats.paramNames();
    }

    /**
     * The mean on the response scale, {@code μ = g⁻¹(b + rowᵀβ + offset)}.
     *
     * @param row one value per feature; not modified
     */
    public double predict(double[] row, double offset) {
        return link().inverse(linear.predict(row) + offset);
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
        return stats.options();
    }

    public Family family() {
        return stats.options().family();
    }

    public Link link() {
        return stats.options().link();
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
        return stats.dfResid();
    }

    /** @return k − c (statsmodels' df_model). */
    public double dfModel() {
        return stats.dfModel();
    }

    /** @return D = Σ s·d(y, μ). */
    public double deviance() {
        return stats.deviance();
    }

    /** @return the deviance of the intercept-only model with the same offsets (NaN when that fit failed). */
    public double nullDeviance() {
        return stats.nullDeviance();
    }

    /** @return Σ s·(y − μ)²/V(μ). */
    public double pearsonChi2() {
        return stats.pearsonChi2();
    }

    /** @return φ: 1 for Poisson, Pearson χ²/(Σs − k) otherwise (statsmodels' {@code scale}). */
    public double dispersion() {
        return stats.dispersion();
    }

    /** @return log L as statsmodels computes it (see {@link GlmStatistics}). */
    public double logLikelihood() {
        return stats.logLikelihood();
    }

    /** @return −2·log L + 2·(df_model + 1). */
    public double aic() {
        return stats.aic();
    }

    /** @return the covariance φ·(AᵀWA)⁻¹ (k×k row-major copy), or null when not computed. */
    public double[] covariance() {
        return stats.covariance();
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
        root.put("alpha", options().alpha());
        root.put("nobs", nobs);
        root.put("df_model", dfModel());
        root.put("df_resid", dfResid());
        root.put("converged", converged());
        root.put("iterations", iterations());
        List<Map<String, Object>> coefs = new ArrayList<>();
        for (CoefficientStats c : coefficients()) {
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
        root.put("deviance", num(deviance()));
        root.put("null_deviance", num(nullDeviance()));
        root.put("pearson_chi2", num(pearsonChi2()));
        root.put("scale", num(dispersion()));
        root.put("llf", num(logLikelihood()));
        root.put("aic", num(aic()));
        return root;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** @return the predictor μ = g⁻¹(b + xᵀβ + offset), with this fit's link and family */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return new dev.linea.models.LinearPredictor(linear, link(), dev.linea.models.Distribution.of(family()));
    }

    /** @return the coefficient table at 95% ({@link #coefficients()}) */
    @Override
    public java.util.Optional<List<CoefficientStats>> coefficientTable() {
        return java.util.Optional.ofNullable(stats.coefficients());
    }
}
