package dev.linea.models.glm;

import dev.linea.models.inference.CoefficientStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * statsmodels' statistics of a fitted GLM, from sums over its rows at the final μ (a loop in {@link GlmResult}, a
 * distributed pass in the spark module: both hand the sums here, so the formulas exist once). With weights s, Σs the
 * weighted number of observations, k parameters (intercept included), c = 1 with an intercept and 0 without:
 * <pre>
 *   deviance D = Σ s_i·d(y_i, μ_i);  null deviance D₀ the same for the intercept-only model (same offsets)
 *   Pearson χ² = Σ s_i·(y_i − μ_i)²/V(μ_i)
 *   dispersion φ = 1 (Poisson), χ²/(Σs − k) otherwise (statsmodels' default scale "x2")
 *   log L = Σ s_i·log f(y_i; μ_i, φ_L), φ_L = {@link #logLikelihoodScale}  (Tweedie: NaN, as statsmodels 0.13.5)
 *   AIC = −2·log L + 2·(k − c + 1)   (statsmodels: 2·(df_model + 1))
 *   Cov = φ·(AᵀWA)⁻¹ at the final μ, W_i = s_i/(g'(μ_i)²·V(μ_i)), A = [1, X]
 *   se_j = sqrt(Cov_jj),  z_j = β_j/se_j,  p_j = 2·P(Z &gt; |z_j|),  CI = β_j ± z_{1−α/2}·se_j  (normal)
 * </pre>
 * Inference needs the unscaled covariance, which is only computed for unpenalized fits (α = 0); without it the
 * standard errors, z, p and intervals are NaN. Parameters are ordered [intercept,] features. Immutable.
 */
public final class GlmStatistics {
    private final GlmOptions options;
    private final List<String> names;
    private final double[] params;
    private final double sumWeights;
    private final double deviance;
    private final double nullDeviance;
    private final double pearsonChi2;
    private final double dispersion;
    private final double logLikelihood;
    private final double[] unscaledCov;
    private final List<CoefficientStats> coefficients;

    /**
     * @param options            the options fitted with (the link resolved)
     * @param paramNames         k names, [intercept,] features
     * @param params             k values; not modified (copied)
     * @param sumOfWeights       Σs
     * @param deviance           D
     * @param nullDeviance       D₀ (NaN when not available)
     * @param pearsonChi2        Pearson χ²
     * @param logLikelihood      log L, computed with {@link #logLikelihoodScale}
     * @param unscaledCovariance (AᵀWA)⁻¹ (k×k row-major), or null when not computed; not modified (copied)
     */
    public GlmStatistics(GlmOptions options, List<String> paramNames, double[] params, double sumOfWeights,
                         double deviance, double nullDeviance, double pearsonChi2, double logLikelihood,
                         double[] unscaledCovariance) {
        this.options = options;
        this.names = List.copyOf(paramNames);
        this.params = params.clone();
        this.sumWeights = sumOfWeights;
        this.deviance = deviance;
        this.nullDeviance = nullDeviance;
        this.pearsonChi2 = pearsonChi2;
        this.dispersion = dispersion(options.family(), pearsonChi2, sumOfWeights, params.length);
        this.logLikelihood = logLikelihood;
        this.unscaledCov = unscaledCovariance == null ? null : unscaledCovariance.clone();
        this.coefficients = stats(0.05);
    }

    /** @return φ: 1 for a family with fixed dispersion (Poisson), else χ²/(Σs − k) */
    public static double dispersion(Family family, double pearsonChi2, double sumOfWeights, int k) {
        return family.estimatesDispersion() ? pearsonChi2 / (sumOfWeights - k) : 1;
    }

    /**
     * @param ssr Σ s_i·(y_i − μ_i)²
     * @return the scale log L is evaluated with: for the Gaussian family with identity link the MLE SSR/Σs (as
     *         statsmodels), else the dispersion φ
     */
    public static double logLikelihoodScale(Family family, Link link, double ssr, double sumOfWeights,
                                            double dispersion) {
        return family instanceof Gaussian && link == Link.IDENTITY ? ssr / sumOfWeights : dispersion;
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

    /** @return the coefficient table at 95% ([intercept,] features); {@code t()} holds z */
    public List<CoefficientStats> coefficients() {
        return coefficients;
    }

    public GlmOptions options() {
        return options;
    }

    /** @return the parameter names, [intercept,] features */
    public List<String> paramNames() {
        return names;
    }

    /** @return a copy of all parameters, [intercept,] features */
    public double[] params() {
        return params.clone();
    }

    /** @return Σs */
    public double sumOfWeights() {
        return sumWeights;
    }

    /** @return Σs − k (statsmodels' df_resid with frequency weights) */
    public double dfResid() {
        return sumWeights - params.length;
    }

    /** @return k − c (statsmodels' df_model) */
    public double dfModel() {
        return params.length - (options.fitIntercept() ? 1 : 0);
    }

    /** @return D = Σ s·d(y, μ) */
    public double deviance() {
        return deviance;
    }

    /** @return the deviance of the intercept-only model with the same offsets (NaN when not available) */
    public double nullDeviance() {
        return nullDeviance;
    }

    /** @return Σ s·(y − μ)²/V(μ) */
    public double pearsonChi2() {
        return pearsonChi2;
    }

    /** @return φ: 1 for Poisson, Pearson χ²/(Σs − k) otherwise (statsmodels' {@code scale}) */
    public double dispersion() {
        return dispersion;
    }

    /** @return log L as statsmodels computes it (see the class comment) */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** @return −2·log L + 2·(df_model + 1) */
    public double aic() {
        return -2 * logLikelihood + 2 * (dfModel() + 1);
    }

    /** @return a copy of (AᵀWA)⁻¹ (k×k row-major), or null when not computed */
    public double[] unscaledCovariance() {
        return unscaledCov == null ? null : unscaledCov.clone();
    }

    /** @return the covariance φ·(AᵀWA)⁻¹ (k×k row-major copy), or null when not computed */
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
}
