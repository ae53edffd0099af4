package dev.linea.models.metrics;

/**
 * All of {@link RegressionMetrics} at once, with the same definitions, weights and validation; where a metric is
 * undefined the report holds NaN instead of throwing.
 *
 * @param mse        mean squared error Σ w·(y − ŷ)² / Σ w
 * @param rmse       √mse
 * @param mae        mean absolute error Σ w·|y − ŷ| / Σ w
 * @param r2         coefficient of determination; NaN for a constant y (undefined)
 * @param adjustedR2 1 − (1 − R²)·(m − 1) / (m − p − 1); NaN when m ≤ p + 1 or R² is NaN
 * @param mape       mean absolute percentage error, a fraction; NaN when some y of positive weight is 0
 */
public record RegressionReport(double mse, double rmse, double mae, double r2, double adjustedR2, double mape) {

    /**
     * @param yTrue   the truth; not modified
     * @param yPred   the prediction; not modified
     * @param weights null (unweighted) or one weight ≥ 0 per row; not modified
     * @param p       predictors of the model, ≥ 0, not counting the intercept (for the adjusted R²)
     */
    public static RegressionReport of(double[] yTrue, double[] yPred, double[] weights, int p) {
        double total = RegressionMetrics.check(yTrue, yPred, weights);
        if (p < 0) {
            throw new IllegalArgumentException("p is " + p + ", expected a predictor count >= 0");
        }
        ScaledSquares residual = RegressionMetrics.residualSquares(yTrue, yPred, weights);
        double mse = residual.mean(total);
        double r2 = ScaledSquares.rSquared(yTrue, weights, true, residual);
        int m = yTrue.length;
        double adjusted = (long) m > (long) p + 1 ? RegressionMetrics.adjust(r2, m, p) : Double.NaN;
        double mape = RegressionMetrics.firstZeroTarget(yTrue, weights) >= 0 ? Double.NaN
                : RegressionMetrics.mapeUnchecked(yTrue, yPred, weights, total);
        return new RegressionReport(mse, residual.rootMean(total), RegressionMetrics.mae(yTrue, yPred, weights), r2,
                adjusted, mape);
    }
}
