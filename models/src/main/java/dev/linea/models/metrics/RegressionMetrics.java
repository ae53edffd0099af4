package dev.linea.models.metrics;

/**
 * Regression metrics of a prediction ŷ against the truth y, as scikit-learn's {@code sklearn.metrics} computes them,
 * optionally with sample weights w_i (null means all 1). With W = Σ_i w_i over the m rows:
 * <pre>
 *   MSE  = Σ w_i·(y_i − ŷ_i)² / W                 RMSE = √MSE
 *   MAE  = Σ w_i·|y_i − ŷ_i| / W
 *   R²   = 1 − Σ w_i·(y_i − ŷ_i)² / Σ w_i·(y_i − ȳ)²,   ȳ = Σ w_i·y_i / W
 *   R̄²   = 1 − (1 − R²)·(m − 1) / (m − p − 1)      (p predictors, not counting the intercept; m &gt; p + 1)
 *   MAPE = Σ w_i·|y_i − ŷ_i| / |y_i| / W           (a fraction: 0.05 is 5 %)
 * </pre>
 *
 * <p><b>Constant y.</b> When all y_i of positive weight are equal, R²'s denominator is 0 and R² is undefined: NaN,
 * as scikit-learn's {@code r2_score(force_finite=False)} for a perfect prediction (it gives −∞ for an imperfect one;
 * Linea's NaN says "undefined" in both cases). scikit-learn's default {@code force_finite=True} reports 1.0 or 0.0
 * instead, which reads as a perfect or a useless model where there was nothing to explain.
 *
 * <p><b>Extreme scales.</b> The sums of squares are taken on values divided by a power of two near their maximum
 * ({@link ScaledSquares}), so a target of 1e-310 (whose squares underflow) or 1e300 (whose squares overflow) gets
 * the R² and RMSE of the same data at scale 1; only MSE itself can overflow, when it exceeds the double range.
 *
 * <p><b>MAPE at y = 0</b> is undefined. scikit-learn divides by max(|y|, 2^-52) there, which turns a single zero
 * target into an enormous but finite value that silently dominates the mean; Linea throws an
 * {@link IllegalArgumentException} naming the first such row instead. Rows of weight 0 contribute nothing and are
 * not checked. {@link RegressionReport} reports NaN in that case.
 *
 * <p><b>Validation</b> (every method): the arrays are non-null, equally long (both lengths named), non-empty and
 * finite (the first NaN or ±Inf is named with its index); weights, when given, are as long, finite, ≥ 0 and not all
 * zero. No array is modified. MAE and MAPE are plain left-to-right sums in double; the
 * sums of squares are double-double sums of scaled values.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /**
     * Mean squared error, unweighted.
     *
     * @param yTrue not modified
     * @param yPred not modified
     */
    public static double mse(double[] yTrue, double[] yPred) {
        return mse(yTrue, yPred, null);
    }

    /**
     * Weighted mean squared error Σ w·(y − ŷ)² / Σ w.
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     */
    public static double mse(double[] yTrue, double[] yPred, double[] weights) {
        double total = check(yTrue, yPred, weights);
        return residualSquares(yTrue, yPred, weights).mean(total);
    }

    /**
     * Σ w·(y − ŷ)², scaled: the residuals are formed in units of the power of two above max(|y|, |ŷ|), so even
     * y − ŷ of ±1e308 and ∓1e308 does not overflow. Inputs already checked.
     */
    static ScaledSquares residualSquares(double[] yTrue, double[] yPred, double[] weights) {
        double max = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (w(weights, i) > 0) {
                max = Math.max(max, Math.max(Math.abs(yTrue[i]), Math.abs(yPred[i])));
            }
        }
        int k = max == 0 ? 0 : ScaledSquares.exponentAbove(max);
        double[] r = new double[yTrue.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.scalb(yTrue[i], -k) - Math.scalb(yPred[i], -k);
        }
        return ScaledSquares.of(r, weights, k);
    }

    /**
     * Root mean squared error √MSE, unweighted.
     *
     * @param yTrue not modified
     * @param yPred not modified
     */
    public static double rmse(double[] yTrue, double[] yPred) {
        return rmse(yTrue, yPred, null);
    }

    /**
     * Weighted root mean squared error √(Σ w·(y − ŷ)² / Σ w).
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     */
    public static double rmse(double[] yTrue, double[] yPred, double[] weights) {
        double total = check(yTrue, yPred, weights);
        return residualSquares(yTrue, yPred, weights).rootMean(total);
    }

    /**
     * Mean absolute error, unweighted.
     *
     * @param yTrue not modified
     * @param yPred not modified
     */
    public static double mae(double[] yTrue, double[] yPred) {
        return mae(yTrue, yPred, null);
    }

    /**
     * Weighted mean absolute error Σ w·|y − ŷ| / Σ w.
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     */
    public static double mae(double[] yTrue, double[] yPred, double[] weights) {
        double total = check(yTrue, yPred, weights);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            s += w(weights, i) * Math.abs(yTrue[i] - yPred[i]);
        }
        return s / total;
    }

    /**
     * Coefficient of determination R², unweighted.
     *
     * @param yTrue not modified
     * @param yPred not modified
     */
    public static double r2(double[] yTrue, double[] yPred) {
        return r2(yTrue, yPred, null);
    }

    /**
     * Weighted R² = 1 − Σ w·(y − ŷ)² / Σ w·(y − ȳ)² with the weighted mean ȳ; NaN for a constant y (undefined, see
     * the class comment). Can be negative: a prediction worse than ȳ.
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     */
    public static double r2(double[] yTrue, double[] yPred, double[] weights) {
        check(yTrue, yPred, weights);
        return ScaledSquares.rSquared(yTrue, weights, true, residualSquares(yTrue, yPred, weights));
    }

    /**
     * Adjusted R², unweighted.
     *
     * @param yTrue not modified
     * @param yPred not modified
     * @param p     predictors, ≥ 0, not counting the intercept; the length m must exceed p + 1
     */
    public static double adjustedR2(double[] yTrue, double[] yPred, int p) {
        return adjustedR2(yTrue, yPred, null, p);
    }

    /**
     * Adjusted R̄² = 1 − (1 − R²)·(m − 1) / (m − p − 1) on the weighted R², with m the number of rows (rows of
     * weight 0 included, as statsmodels' WLS counts them).
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     * @param p       predictors, ≥ 0, not counting the intercept; m must exceed p + 1
     */
    public static double adjustedR2(double[] yTrue, double[] yPred, double[] weights, int p) {
        double r2 = r2(yTrue, yPred, weights);
        checkPredictors(yTrue.length, p);
        return adjust(r2, yTrue.length, p);
    }

    /**
     * Mean absolute percentage error, unweighted.
     *
     * @param yTrue not modified
     * @param yPred not modified
     */
    public static double mape(double[] yTrue, double[] yPred) {
        return mape(yTrue, yPred, null);
    }

    /**
     * Weighted mean absolute percentage error Σ w·|y − ŷ| / |y| / Σ w, as a fraction (0.05 is 5 %).
     *
     * @param yTrue   not modified
     * @param yPred   not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     * @throws IllegalArgumentException when some y_i of positive weight is 0 (MAPE is undefined there; see the
     *                                  class comment), naming the first such row
     */
    public static double mape(double[] yTrue, double[] yPred, double[] weights) {
        double total = check(yTrue, yPred, weights);
        int zero = firstZeroTarget(yTrue, weights);
        if (zero >= 0) {
            throw new IllegalArgumentException("yTrue is 0 at index " + zero + ": MAPE is undefined there"
                    + " (it divides by |yTrue|); expected nonzero targets, or use MAE");
        }
        return mapeUnchecked(yTrue, yPred, weights, total);
    }

    static double mapeUnchecked(double[] yTrue, double[] yPred, double[] weights, double total) {
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double wi = w(weights, i);
            if (wi > 0) {
                s += wi * (Math.abs(yTrue[i] - yPred[i]) / Math.abs(yTrue[i]));
            }
        }
        return s / total;
    }

    /** @return the first row of positive weight with y = 0, or −1 */
    static int firstZeroTarget(double[] yTrue, double[] weights) {
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == 0 && w(weights, i) > 0) {
                return i;
            }
        }
        return -1;
    }

    static double adjust(double r2, int m, int p) {
        return 1 - (1 - r2) * (m - 1.0) / ((double) m - p - 1);
    }

    static void checkPredictors(int m, int p) {
        if (p < 0) {
            throw new IllegalArgumentException("p is " + p + ", expected a predictor count >= 0");
        }
        if ((long) m <= (long) p + 1) {
            throw new IllegalArgumentException("adjusted R² needs more rows than predictors + 1: found " + m
                    + " rows and p = " + p + ", expected at least " + ((long) p + 2) + " rows");
        }
    }

    private static double w(double[] weights, int i) {
        return weights == null ? 1 : weights[i];
    }

    /**
     * Validates the inputs (see the class comment).
     *
     * @return the total weight W (the length when unweighted)
     */
    static double check(double[] yTrue, double[] yPred, double[] weights) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException((yTrue == null ? "yTrue" : "yPred") + " is null, expected an array");
        }
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("yTrue has " + yTrue.length + " values but yPred has "
                    + yPred.length + ", expected equal lengths");
        }
        if (yTrue.length == 0) {
            throw new IllegalArgumentException("yTrue and yPred are empty, expected at least 1 value");
        }
        finite("yTrue", yTrue);
        finite("yPred", yPred);
        if (weights == null) {
            return yTrue.length;
        }
        if (weights.length != yTrue.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values but yTrue has "
                    + yTrue.length + ", expected equal lengths");
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            double v = weights[i];
            if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("weights has " + v + " at index " + i
                        + ", expected a finite weight >= 0");
            }
            total += v;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights are all zero, expected at least one positive weight");
        }
        return total;
    }

    private static void finite(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " has " + a[i] + " at index " + i
                        + ", expected a finite number");
            }
        }
    }
}
