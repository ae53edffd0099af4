package dev.linea.models.inference;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.linalg.DoubleDouble;
import dev.linea.models.linalg.Residuals;
import dev.linea.models.linalg.SingularValues;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classical inference for a (weighted) least-squares fit, with statsmodels' OLS/WLS conventions. With n rows,
 * weights w (1 when unweighted), residuals e = y − X̃β, weighted residuals ẽ_i = sqrt(w_i)·e_i, rank p (intercept
 * included), c = 1 with an intercept and 0 without:
 * <pre>
 *   SSR = Σ w_i e_i²,   s² = SSR/(n − p),   se_j = s·sqrt(C_jj),   C = (X̃ᵀWX̃)⁻¹
 *   TSS = Σ w_i (y_i − ȳ_w)² with an intercept, Σ w_i y_i² without (uncentred, as statsmodels and NIST)
 *   R² = 1 − SSR/TSS,   adj R² = 1 − (n − c)/(n − p)·(1 − R²)
 *   F = ((TSS − SSR)/(p − c)) / (SSR/(n − p)),  p-value P(F_{p−c, n−p} &gt; F)
 *   log L = −n/2·log SSR − n/2·(1 + log(π/(n/2))) + ½·Σ log w_i,  AIC = −2 log L + 2p,  BIC = −2 log L + p·log n
 *   condition number = σ_max/σ_min of the weighted design W^{½}X̃ including the ones column (statsmodels'
 *   condition_number: singular values, not eigenvalues of XᵀX, whose small end is lost to rounding)
 *   VIF_j = C_jj·Σ w_i (x_ij − x̄_j)² (with intercept; uncentred without) = 1/(1 − R_j²) of x_j on the other
 *   columns and the constant: statsmodels' variance_inflation_factor on an exog that includes the constant (for
 *   a weighted fit, R_j² of the weighted regression; statsmodels' function itself ignores weights)
 *   leverage h_i = w_i·x̃_iᵀ C x̃_i (with an intercept computed as w_i·(1/Σw + (x_i − x̄)ᵀC_ff(x_i − x̄)))
 *   Cook's D_i = ẽ_i²/(p·s²·(1 − h_i)) · h_i/(1 − h_i)
 *   Durbin–Watson = Σ_{i&gt;0} (ẽ_i − ẽ_{i−1})² / Σ ẽ_i²;  skew, kurtosis, Jarque–Bera, Omnibus on ẽ (see NormalityTests)
 * </pre>
 * Quantities with n − p = 0 (an exact fit with no residual degrees of freedom) are NaN; the summary says so.
 * Immutable.
 */
public final class OlsInference {
    /** Rows per block of the leverage pass: 2^14 doubles (128 KiB) of centred rows, and as many of their product. */
    private static final int LEVERAGE_BLOCK_DOUBLES = 1 << 14;

    /** Singular values by Jacobi up to this many parameters; above, the condition number is estimated from R. */
    static final int JACOBI_MAX = 400;

    private final double alpha;
    private final List<CoefficientStats> coefficients;
    private final int nobs;
    private final int rank;
    private final boolean intercept;
    private final double dfModel;
    private final double dfResid;
    private final double ssr;
    private final double tss;
    private final double scale;
    private final double rSquared;
    private final double adjRSquared;
    private final double fStatistic;
    private final double fPValue;
    private final double logLikelihood;
    private final double aic;
    private final double bic;
    private final double conditionNumber;
    private final String conditionMethod;
    private final double durbinWatson;
    private final NormalityTests.Result normality;
    private final double[] vif;
    private final List<String> featureNames;
    private final double[] residuals;
    private final double[] leverage;
    private final double[] cooksDistance;
    private final String targetName;

    private OlsInference(LeastSquaresFit fit, Backend backend, double alpha) {
        this.alpha = alpha;
        Dataset d = fit.data();
        int m = d.rows();
        int n = d.cols();
        int k = fit.size();
        int o = fit.intercept() ? 1 : 0;
        this.intercept = fit.intercept();
        this.nobs = m;
        this.rank = fit.rank();
        this.featureNames = d.featureNames();
        this.targetName = d.targetName();
        double[] beta = Arrays.copyOfRange(fit.parameters(), o, k);
        double b0 = o == 1 ? fit.parameter(0) : 0;
        residuals = Residuals.of(m, n, d.xUnsafe(), d.xLowUnsafe(), d.yUnsafe(), b0, beta);
        double[] we = new double[m];
        DoubleDouble acc = new DoubleDouble();
        double sumLogW = 0;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            double w = d.weight(i);
            we[i] = Math.sqrt(w) * residuals[i];
            acc.addProduct(w * residuals[i], residuals[i]);
            sumLogW += Math.log(w);
            sw += w;
        }
        ssr = acc.value();
        dfResid = m - rank;
        dfModel = rank - o;
        scale = dfResid > 0 ? ssr / dfResid : Double.NaN;
        tss = totalSumOfSquares(d, intercept, sw);
        // A constant target has no variance to explain: R² is undefined (NaN), not 1 − 0/0 or −∞. The ratio is
        // taken on scaled sums, so targets of 1e-310 (squares underflow) or 1e300 (squares overflow) get their R².
        rSquared = dev.linea.models.metrics.ScaledSquares.rSquared(d.yUnsafe(), d.weightsUnsafe(), intercept,
                dev.linea.models.metrics.ScaledSquares.of(residuals, d.weightsUnsafe()));
        adjRSquared = 1 - (m - o) / dfResid * (1 - rSquared);
        fStatistic = dfModel > 0 ? ((tss - ssr) / dfModel) / scale : Double.NaN;
        fPValue = Double.isFinite(fStatistic) && dfResid > 0
                ? FDistribution.of(dfModel, dfResid).survivalProbability(fStatistic) : Double.NaN;
        double half = m / 2.0;
        logLikelihood = -Math.log(ssr) * half - (1 + Math.log(Math.PI / half)) * half + 0.5 * sumLogW;
        aic = -2 * logLikelihood + 2 * rank;
        bic = -2 * logLikelihood + Math.log(m) * rank;

        TDistribution tdist = dfResid > 0 ? TDistribution.of(dfResid) : null;
        double q = tdist == null ? Double.NaN : tdist.inverseSurvivalProbability(alpha / 2);
        List<CoefficientStats> rows = new ArrayList<>();
        List<String> names = fit.parameterNames();
        for (int j = 0; j < k; j++) {
            double est = fit.parameter(j);
            if (!fit.isEstimated(j)) {
                rows.add(new CoefficientStats(names.get(j), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, false));
                continue;
            }
            double se = Math.sqrt(scale * fit.cov(j, j));
            double t = est / se;
            double p = tdist == null ? Double.NaN : 2 * tdist.survivalProbability(Math.abs(t));
            rows.add(new CoefficientStats(names.get(j), est, se, t, p, est - q * se, est + q * se, true));
        }
        coefficients = List.copyOf(rows);

        vif = new double[n];
        double[] xbar = new double[n];
        double[] x = d.xUnsafe();
        for (int j = 0; j < n; j++) {
            if (intercept) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += d.weight(i) * x[i * n + j];
                }
                xbar[j] = s / sw;
            }
        }
        for (int j = 0; j < n; j++) {
            if (!fit.isEstimated(j + o)) {
                vif[j] = Double.NaN;
                continue;
            }
            double ss = 0;
            for (int i = 0; i < m; i++) {
                double v = x[i * n + j] - xbar[j];
                ss += d.weight(i) * v * v;
            }
            vif[j] = fit.cov(j + o, j + o) * ss;
        }

        leverage = leverage(fit, backend, xbar, sw);
        cooksDistance = new double[m];
        for (int i = 0; i < m; i++) {
            double h = leverage[i];
            cooksDistance[i] = we[i] * we[i] / (rank * scale * (1 - h)) * h / (1 - h);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < m; i++) {
            den += we[i] * we[i];
            if (i > 0) {
                double diff = we[i] - we[i - 1];
                num += diff * diff;
            }
        }
        durbinWatson = num / den;
        normality = NormalityTests.of(we);

        double[] sv = singularValues(fit, backend);
        if (sv == null) {
            conditionNumber = Double.NaN;
            conditionMethod = "not computed";
        } else {
            conditionNumber = sv[0] / sv[sv.length - 1];
            conditionMethod = k <= JACOBI_MAX ? "singular values of the weighted design incl. constant (QR + Jacobi)"
                    : "estimate max|R(j,j)|/min|R(j,j)| of the weighted design's QR (k > " + JACOBI_MAX + ")";
        }
    }

    /**
     * Inference at the 95% confidence level.
     *
     * @param backend runs the QR behind the condition number
     */
    public static OlsInference of(LeastSquaresFit fit, Backend backend) {
        return of(fit, backend, 0.05);
    }

    /**
     * @param alpha confidence intervals at level 1 − α, 0 &lt; α &lt; 1
     */
    public static OlsInference of(LeastSquaresFit fit, Backend backend, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", expected 0 < alpha < 1");
        }
        return new OlsInference(fit, backend, alpha);
    }

    private static double totalSumOfSquares(Dataset d, boolean centred, double sw) {
        int m = d.rows();
        double mean = 0;
        if (centred) {
            DoubleDouble s = new DoubleDouble();
            for (int i = 0; i < m; i++) {
                s.addProduct(d.weight(i), d.y(i));
            }
            mean = s.value() / sw;
        }
        DoubleDouble acc = new DoubleDouble();
        for (int i = 0; i < m; i++) {
            double v = d.y(i) - mean;
            acc.addProduct(d.weight(i) * v, v);
        }
        return acc.value();
    }

    /**
     * h_i = w_i·(c/Σw + z_iᵀ·C_ff·z_i) with z_i the centred (with intercept, c = 1) or raw (c = 0) feature row,
     * dropped columns zeroed; Z·C_ff for all rows at once through the backend's gemm.
     */
    private static double[] leverage(LeastSquaresFit fit, Backend backend, double[] xbar, double sw) {
        Dataset d = fit.data();
        int m = d.rows();
        int n = d.cols();
        int o = fit.intercept() ? 1 : 0;
        double[] x = d.xUnsafe();
        double[] h = new double[m];
        if (n == 0) {
            for (int i = 0; i < m; i++) {
                h[i] = d.weight(i) * (o == 1 ? 1 / sw : 0);
            }
            return h;
        }
        double[] cff = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                cff[a * n + b] = fit.cov(a + o, b + o);
            }
        }
        // One block of about 128 KiB of centred rows at a time (Z·C_ff by gemm, then the row dots): the m×n
        // centred matrix and its product are never formed.
        int block = Math.max(1, Math.min(m, LEVERAGE_BLOCK_DOUBLES / n));
        double[] z = new double[block * n];
        double[] zc = new double[block * n];
        for (int i0 = 0; i0 < m; i0 += block) {
            int rows = Math.min(block, m - i0);
            for (int i = 0; i < rows; i++) {
                int r = (i0 + i) * n;
                for (int j = 0; j < n; j++) {
                    z[i * n + j] = fit.isEstimated(j + o) ? x[r + j] - xbar[j] : 0;
                }
            }
            backend.gemm(dev.linea.kernels.Transpose.NONE, dev.linea.kernels.Transpose.NONE, rows, n, n, 1, z, 0,
                    n, cff, 0, n, 0, zc, 0, n);
            for (int i = 0; i < rows; i++) {
                double s = backend.dot(n, z, i * n, zc, i * n);
                h[i0 + i] = d.weight(i0 + i) * (s + (o == 1 ? 1 / sw : 0));
            }
        }
        return h;
    }

    private static double[] singularValues(LeastSquaresFit fit, Backend backend) {
        Dataset d = fit.data();
        int m = d.rows();
        int n = d.cols();
        int o = fit.intercept() ? 1 : 0;
        int k = fit.size();
        double[] given = fit.rFactor();
        if (given != null) {
            return k <= JACOBI_MAX ? SingularValues.of(k, k, given) : diagonalRange(given, k);
        }
        double[] x = d.xUnsafe();
        if (m < k) {
            double[] a = new double[m * k];
            weightedRows(d, x, n, o, 0, m, a, 0, k);
            return k <= JACOBI_MAX ? SingularValues.of(m, k, a) : null;
        }
        // R of W^½·[1, X] by a stacked (TSQR) Householder QR over blocks of about 1 MiB of rows: each block is
        // factorized under the R so far, so no m×k copy is made; R is the same up to the signs of its rows.
        int block = Math.max(k, 8 * LEVERAGE_BLOCK_DOUBLES / k);
        double[] a = new double[(k + block) * k];
        double[] tau = new double[k];
        int top = 0;
        for (int i0 = 0; i0 < m; i0 += block) {
            int rows = Math.min(block, m - i0);
            weightedRows(d, x, n, o, i0, rows, a, top, k);
            backend.qr(top + rows, k, a, 0, k, tau, 0);
            for (int i = 1; i < k; i++) {
                java.util.Arrays.fill(a, i * k, i * k + i, 0); // the reflectors below R's diagonal
            }
            top = k;
        }
        double[] r = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a, i * k + i, r, i * k + i, k - i);
        }
        return k <= JACOBI_MAX ? SingularValues.of(k, k, r) : diagonalRange(r, k);
    }

    /** Rows i0 … i0+rows−1 of W^½·[1, X] (the ones column with an intercept, o = 1) into a from row {@code at}. */
    private static void weightedRows(Dataset d, double[] x, int n, int o, int i0, int rows, double[] a, int at,
                                     int k) {
        for (int i = 0; i < rows; i++) {
            double sq = Math.sqrt(d.weight(i0 + i));
            int r = (at + i) * k;
            if (o == 1) {
                a[r] = sq;
            }
            for (int j = 0; j < n; j++) {
                a[r + j + o] = sq * x[(i0 + i) * n + j];
            }
        }
    }

    private static double[] diagonalRange(double[] r, int k) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, Math.abs(r[i * k + i]));
            min = Math.min(min, Math.abs(r[i * k + i]));
        }
        return new double[] {max, min};
    }

    /** @return the coefficient table, one row per parameter ([intercept,] features). */
    public List<CoefficientStats> coefficients() {
        return coefficients;
    }

    /** @return α of the confidence intervals (level 1 − α). */
    public double alpha() {
        return alpha;
    }

    /** @return n, the number of rows (zero-weight rows included, as statsmodels counts them). */
    public int nobs() {
        return nobs;
    }

    /** @return the rank p of the design (intercept included). */
    public int rank() {
        return rank;
    }

    /** @return p − c (model degrees of freedom). */
    public double dfModel() {
        return dfModel;
    }

    /** @return n − p. */
    public double dfResid() {
        return dfResid;
    }

    /** @return SSR = Σ w·e². */
    public double ssr() {
        return ssr;
    }

    /** @return TSS (centred with an intercept, uncentred without). */
    public double tss() {
        return tss;
    }

    /** @return s² = SSR/(n − p). */
    public double scale() {
        return scale;
    }

    /** @return the residual standard error s. */
    public double residualStdError() {
        return Math.sqrt(scale);
    }

    /** @return R² = 1 − SSR/TSS. */
    public double rSquared() {
        return rSquared;
    }

    /** @return 1 − (n − c)/(n − p)·(1 − R²). */
    public double adjustedRSquared() {
        return adjRSquared;
    }

    /** @return F = ((TSS − SSR)/(p − c)) / s² (NaN when p − c = 0). */
    public double fStatistic() {
        return fStatistic;
    }

    /** @return P(F_{p−c, n−p} &gt; F). */
    public double fPValue() {
        return fPValue;
    }

    /** @return log L = −n/2·log SSR − n/2·(1 + log(π/(n/2))) + ½·Σ log w_i (Gaussian errors, σ² at its MLE). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** @return AIC = −2·log L + 2p. */
    public double aic() {
        return aic;
    }

    /** @return BIC = −2·log L + p·log n. */
    public double bic() {
        return bic;
    }

    /** @return σ_max/σ_min of the weighted design with the constant column; see {@link #conditionMethod()}. */
    public double conditionNumber() {
        return conditionNumber;
    }

    /** @return how {@link #conditionNumber()} was computed. */
    public String conditionMethod() {
        return conditionMethod;
    }

    /** @return Σ_{i&gt;0}(ẽ_i − ẽ_{i−1})² / Σ ẽ_i² on the weighted residuals in row order. */
    public double durbinWatson() {
        return durbinWatson;
    }

    /** @return JB = n/6·(S² + (K − 3)²/4). */
    public double jarqueBera() {
        return normality.jarqueBera();
    }

    /** @return P(χ²₂ &gt; JB). */
    public double jarqueBeraPValue() {
        return normality.jarqueBeraP();
    }

    /** @return the skew of the weighted residuals (population moments). */
    public double skew() {
        return normality.skew();
    }

    /** @return the Pearson kurtosis of the weighted residuals (3 for normal data). */
    public double kurtosis() {
        return normality.kurtosis();
    }

    /** @return D'Agostino–Pearson K² (NaN when n &lt; 8). */
    public double omnibus() {
        return normality.omnibus();
    }

    /** @return P(χ²₂ &gt; K²) (NaN when n &lt; 8). */
    public double omnibusPValue() {
        return normality.omnibusP();
    }

    /** @return VIF per feature (NaN for a dropped column). */
    public double[] vif() {
        return vif.clone();
    }

    /** @return raw residuals y − ŷ (not weighted). */
    public double[] residuals() {
        return residuals.clone();
    }

    /** @return the hat-matrix diagonal. */
    public double[] leverage() {
        return leverage.clone();
    }

    /** @return Cook's D_i = ẽ_i²/(p·s²·(1 − h_i))·h_i/(1 − h_i). */
    public double[] cooksDistance() {
        return cooksDistance.clone();
    }

    /** @return the statsmodels-like text summary (see {@link SummaryTable}). */
    public String summary() {
        return SummaryTable.render(this, targetName);
    }

    List<String> featureNames() {
        return featureNames;
    }

    boolean intercept() {
        return intercept;
    }

    /**
     * A JSON-friendly tree of maps, lists, strings and numbers (NaN and infinities become null), in a fixed key
     * order; per-observation arrays (residuals, leverage, Cook's distance) are included only when asked.
     */
    public Map<String, Object> toMap(boolean perObservation) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", targetName);
        root.put("nobs", nobs);
        root.put("rank", rank);
        root.put("df_model", dfModel);
        root.put("df_resid", dfResid);
        root.put("confidence_level", 1 - alpha);
        List<Map<String, Object>> coefs = new ArrayList<>();
        for (CoefficientStats c : coefficients) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("estimate", num(c.estimate()));
            row.put("std_error", num(c.stdError()));
            row.put("t", num(c.t()));
            row.put("p_value", num(c.pValue()));
            row.put("ci_lower", num(c.lower()));
            row.put("ci_upper", num(c.upper()));
            row.put("estimated", c.estimated());
            coefs.add(row);
        }
        root.put("coefficients", coefs);
        root.put("residual_std_error", num(residualStdError()));
        root.put("ssr", num(ssr));
        root.put("r_squared", num(rSquared));
        root.put("adj_r_squared", num(adjRSquared));
        root.put("f_statistic", num(fStatistic));
        root.put("f_p_value", num(fPValue));
        root.put("log_likelihood", num(logLikelihood));
        root.put("aic", num(aic));
        root.put("bic", num(bic));
        root.put("condition_number", num(conditionNumber));
        root.put("condition_method", conditionMethod);
        root.put("durbin_watson", num(durbinWatson));
        root.put("jarque_bera", num(jarqueBera()));
        root.put("jarque_bera_p_value", num(jarqueBeraPValue()));
        root.put("skew", num(skew()));
        root.put("kurtosis", num(kurtosis()));
        root.put("omnibus", num(omnibus()));
        root.put("omnibus_p_value", num(omnibusPValue()));
        Map<String, Object> v = new LinkedHashMap<>();
        for (int j = 0; j < vif.length; j++) {
            v.put(featureNames.get(j), num(vif[j]));
        }
        root.put("vif", v);
        if (perObservation) {
            root.put("residuals", list(residuals));
            root.put("leverage", list(leverage));
            root.put("cooks_distance", list(cooksDistance));
        }
        return root;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Object> list(double[] v) {
        List<Object> l = new ArrayList<>(v.length);
        for (double d : v) {
            l.add(num(d));
        }
        return l;
    }
}
