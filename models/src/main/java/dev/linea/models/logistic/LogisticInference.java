package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.glm.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Wald inference for a binary logistic fit, in statsmodels' {@code Logit} conventions: with the design
 * {@code X_a = [1, X]} and {@code W = diag(s_i·p_i·(1 − p_i))} at the fitted probabilities,
 * <pre>
 *   Cov(θ) = (X_aᵀ·W·X_a + P)⁻¹,   se = √diag,   z = θ/se,   p = 2·(1 − Φ(|z|)),   θ ± z_{1−α/2}·se
 *   odds ratio e^{β_j} with interval e^{β_j ± z_{1−α/2}·se_j}
 * </pre>
 * where P = 0 for an unpenalized fit (the maximum-likelihood covariance; pinned to statsmodels) and P = I/C on the
 * coefficients for an L2 fit (the inverse Hessian of the penalized objective: an approximation, as for any
 * penalized estimate, and said so in {@link #covarianceNote()}). The weighted Gram matrix runs on the backend.
 * Class weights enter as frequency weights (approximate as well). Log-likelihoods, AIC and McFadden's pseudo R²
 * come with it.
 */
public final class LogisticInference {
    private final List<String> names;
    private final double[] params;
    private final double[] se;
    private final double alpha;
    private final double zCrit;
    private final double llf;
    private final double llnull;
    private final String covarianceNote;

    private LogisticInference(List<String> names, double[] params, double[] se, double alpha, double llf,
                              double llnull, String note) {
        this.names = names;
        this.params = params;
        this.se = se;
        this.alpha = alpha;
        this.zCrit = NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
        this.llf = llf;
        this.llnull = llnull;
        this.covarianceNote = note;
    }

    /**
     * {@link #of(Design, LogisticModel, LogisticOptions, Backend, double)} on the dataset's no-copy design.
     *
     * @param data    the training data (labels 0/1, weights as fitted)
     * @param model   the fitted model
     * @param options the options it was fitted with (penalty and C, intercept)
     * @param alpha   1 − confidence level of the intervals, in (0, 1)
     */
    public static LogisticInference of(Dataset data, LogisticModel model, LogisticOptions options, Backend backend,
                                       double alpha) {
        return of(Design.of(data, options.fitIntercept()), model, options, backend, alpha);
    }

    /**
     * The inference of a fit from a design. X_a = [1, X] is never formed: the Hessian is the design's weighted Gram
     * matrix bordered by the intercept's row ({@link Design#borderedGram}), the margins one GEMV
     * ({@link Design#predictLinear}); the only m-sized arrays are the margins and the weights.
     *
     * @param design  the training design (labels 0/1 as y, weights as fitted, no affine map); not modified
     * @param model   the fitted model
     * @param options the options it was fitted with (penalty and C, intercept: the design's must agree)
     * @param alpha   1 − confidence level of the intervals, in (0, 1)
     * @throws IllegalArgumentException when α is outside (0, 1), or the design's intercept is not the options' or
     *                                  it carries an affine map
     */
    public static LogisticInference of(Design design, LogisticModel model, LogisticOptions options, Backend backend,
                                       double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", expected a number in (0, 1)");
        }
        boolean icpt = options.fitIntercept();
        if (design.intercept() != icpt || design.hasAffineMap()) {
            throw new IllegalArgumentException("the design has intercept = " + design.intercept()
                    + (design.hasAffineMap() ? " and an affine map" : "") + ", expected intercept = " + icpt
                    + " and no affine map (the model's coefficients are on the data as given)");
        }
        int m = design.rows();
        int n = design.cols();
        int o = icpt ? 1 : 0;
        int k = n + o;
        List<String> names = new ArrayList<>();
        double[] params = new double[k];
        if (icpt) {
            names.add("intercept");
            params[0] = model.intercept();
        }
        names.addAll(model.featureNames());
        for (int j = 0; j < n; j++) {
            params[o + j] = model.coefficient(j);
        }
        double[] margin = new double[m];
        design.predictLinear(backend, params, margin);
        double[] ys = design.yUnsafe();
        double[] ws = design.weightsUnsafe();
        double[] w = new double[m];
        double llf = 0;
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < m; i++) {
            double z = margin[i];
            double p = Link.LOGIT.inverse(z);
            double s = ws == null ? 1 : ws[i];
            w[i] = s * p * (1 - p);
            double y = ys[i];
            // log-likelihood without overflow: y·z − log(1 + e^z)
            llf += s * (y * z - (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))));
            sw += s;
            swy += s * y;
        }
        double pbar = swy / sw;
        double llnull = icpt ? (pbar > 0 && pbar < 1 ? sw * (pbar * Math.log(pbar) + (1 - pbar) * Math.log1p(-pbar))
                : 0) : sw * Math.log(0.5);
        double[] h = new double[k * k];
        design.borderedGram(backend, w, h, 0, k);
        String note = "maximum-likelihood covariance (X_aᵀWX_a)⁻¹";
        if (options.penalty() == Penalty.L2) {
            for (int j = o; j < k; j++) {
                h[j * k + j] += 1 / options.c();
            }
            note = "approximate covariance (X_aᵀWX_a + I/C)⁻¹ of the L2-penalized fit (C = " + options.c() + ")";
        }
        if (!options.classWeight().equals(ClassWeights.none())) {
            note += "; class weights treated as frequency weights";
        }
        double[] se = new double[k];
        int info = backend.cholesky(k, h, 0, k);
        if (info != 0) {
            java.util.Arrays.fill(se, Double.NaN);
            note = "the Hessian is singular (Cholesky pivot " + info + "): standard errors undefined";
        } else {
            double[] inv = new double[k * k];
            for (int j = 0; j < k; j++) {
                inv[j * k + j] = 1;
            }
            backend.choleskySolve(k, k, h, 0, k, inv, 0, k);
            for (int j = 0; j < k; j++) {
                se[j] = Math.sqrt(inv[j * k + j]);
            }
        }
        return new LogisticInference(List.copyOf(names), params, se, alpha, llf, llnull, note);
    }

    public List<String> names() {
        return names;
    }

    /** @return intercept first (when fitted), then the coefficients */
    public double[] params() {
        return params.clone();
    }

    public double[] standardErrors() {
        return se.clone();
    }

    /** @return z_j = θ_j / se_j */
    public double z(int j) {
        return params[j] / se[j];
    }

    /** @return the two-sided p-value 2·(1 − Φ(|z_j|)) */
    public double pValue(int j) {
        return 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z(j)));
    }

    public double lower(int j) {
        return params[j] - zCrit * se[j];
    }

    public double upper(int j) {
        return params[j] + zCrit * se[j];
    }

    /** @return e^{θ_j}: the factor on the odds per unit of feature j */
    public double oddsRatio(int j) {
        return Math.exp(params[j]);
    }

    public double oddsRatioLower(int j) {
        return Math.exp(lower(j));
    }

    public double oddsRatioUpper(int j) {
        return Math.exp(upper(j));
    }

    public double logLikelihood() {
        return llf;
    }

    /** @return the log-likelihood of the intercept-only model (of p = ½ without intercept) */
    public double nullLogLikelihood() {
        return llnull;
    }

    /** @return 2k − 2·llf */
    public double aic() {
        return 2 * params.length - 2 * llf;
    }

    /** @return McFadden's pseudo R², 1 − llf/llnull */
    public double pseudoRSquared() {
        return 1 - llf / llnull;
    }

    public String covarianceNote() {
        return covarianceNote;
    }

    /** The coefficient table with odds ratios, statsmodels-like. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        String ci = String.format(Locale.ROOT, "%.1f%%", 100 * (1 - alpha));
        b.append(String.format(Locale.ROOT, "Logistic regression: log-likelihood %.6g, null %.6g, pseudo R² %.4f, AIC %.6g%n",
                llf, llnull, pseudoRSquared(), aic()));
        b.append(String.format(Locale.ROOT, "%-20s %12s %10s %8s %8s %12s %12s %12s %12s%n", "", "coef", "std err", "z",
                "P>|z|", "[" + ci, "]", "odds ratio", "OR " + ci));
        for (int j = 0; j < params.length; j++) {
            b.append(String.format(Locale.ROOT, "%-20s %12.6g %10.4g %8.3f %8.3f %12.6g %12.6g %12.6g %s%n",
                    names.get(j), params[j], se[j], z(j), pValue(j), lower(j), upper(j), oddsRatio(j),
                    String.format(Locale.ROOT, "[%.4g, %.4g]", oddsRatioLower(j), oddsRatioUpper(j))));
        }
        b.append(covarianceNote).append('\n');
        return b.toString();
    }

    /** A JSON-friendly tree of the table. */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int j = 0; j < params.length; j++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", names.get(j));
            r.put("coef", params[j]);
            r.put("std_err", finite(se[j]));
            r.put("z", finite(z(j)));
            r.put("p_value", finite(pValue(j)));
            r.put("ci_lower", finite(lower(j)));
            r.put("ci_upper", finite(upper(j)));
            r.put("odds_ratio", finite(oddsRatio(j)));
            r.put("odds_ratio_lower", finite(oddsRatioLower(j)));
            r.put("odds_ratio_upper", finite(oddsRatioUpper(j)));
            rows.add(r);
        }
        root.put("coefficients", rows);
        root.put("log_likelihood", llf);
        root.put("null_log_likelihood", llnull);
        root.put("aic", aic());
        root.put("pseudo_r_squared", pseudoRSquared());
        root.put("covariance", covarianceNote);
        return root;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
