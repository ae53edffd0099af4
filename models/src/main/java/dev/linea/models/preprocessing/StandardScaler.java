package dev.linea.models.preprocessing;

import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.LinearModel;

import java.util.Objects;

/**
 * A fitted standardization {@code z_ij = (x_ij − μ_j) / σ_j}, as scikit-learn's {@code StandardScaler} (with
 * {@code sample_weight} when the data are weighted). Immutable and thread-safe.
 *
 * <p>With weights w_i (all 1 when the dataset has none) and W = Σ_i w_i:
 * <pre>
 *   μ_j  = Σ_i w_i·x_ij / W
 *   σ_j² = Σ_i w_i·(x_ij − μ_j)² / W        (population variance, ddof 0)
 * </pre>
 * The variance is computed in two passes with the Chan–Golub–LeVeque correction term
 * ({@code Σ w·d² − (Σ w·d)² / W}, d = x − μ), as scikit-learn does.
 *
 * <p><b>Constant columns.</b> A column whose variance is indistinguishable from that of a constant —
 * σ_j² ≤ W·ε·σ_j² + (W·μ_j·ε)², ε = 2^-52, scikit-learn's bound — gets σ_j = 1, so it is only centred (it becomes 0)
 * instead of being divided by zero or by rounding noise; {@link #scales()} reports that 1.
 *
 * <p><b>Train/test.</b> Fit on the training data only. {@link #transform} and {@link #transformRow} always use the
 * training statistics μ and σ, so test data are mapped exactly as the training data were (their own means and
 * spreads are never looked at); this is what keeps test-set metrics honest.
 *
 * <p>With {@link ScalerOptions#withMean()} false the shift is 0 instead of μ_j; with {@link ScalerOptions#withStd()}
 * false the divisor is 1 instead of σ_j. {@link #means()} and {@link #scales()} still report the fitted statistics.
 */
public final class StandardScaler {
    private static final double EPS = Math.ulp(1.0);

    private final ScalerOptions options;
    private final double[] means;
    private final double[] scales;
    /** what transform subtracts: μ, or 0 without centring */
    private final double[] shift;
    /** what transform divides by: σ (1 for constant columns), or 1 without scaling */
    private final double[] divisor;

    private StandardScaler(ScalerOptions options, double[] means, double[] scales) {
        this.options = options;
        this.means = means;
        this.scales = scales;
        int p = means.length;
        shift = options.withMean() ? means : new double[p];
        divisor = new double[p];
        for (int j = 0; j < p; j++) {
            divisor[j] = options.withStd() ? scales[j] : 1;
        }
    }

    /** Fits with centring and scaling ({@link ScalerOptions#defaults()}); the dataset's weights are used. */
    public static StandardScaler fit(Dataset data) {
        return fit(data, ScalerOptions.defaults());
    }

    /**
     * Fits the weighted means and population standard deviations of the columns of X (y is ignored).
     *
     * @param data the training data; its weights, if any, weight the statistics
     */
    public static StandardScaler fit(Dataset data, ScalerOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        int n = data.rows();
        int p = data.cols();
        double[] x = data.xUnsafe();
        double total = 0;
        double[] mean = new double[p];
        for (int i = 0; i < n; i++) {
            double w = data.weight(i);
            total += w;
            int r = i * p;
            for (int j = 0; j < p; j++) {
                mean[j] += w * x[r + j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= total;
        }
        double[] sq = new double[p];
        double[] lin = new double[p];
        for (int i = 0; i < n; i++) {
            double w = data.weight(i);
            int r = i * p;
            for (int j = 0; j < p; j++) {
                double d = x[r + j] - mean[j];
                lin[j] += w * d;
                sq[j] += w * (d * d);
            }
        }
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double var = (sq[j] - lin[j] * lin[j] / total) / total;
            double noise = total * mean[j] * EPS;
            boolean constant = var <= total * EPS * var + noise * noise;
            scale[j] = constant ? 1 : Math.sqrt(var);
        }
        return new StandardScaler(options, mean, scale);
    }

    /** @return the options this scaler was fitted with. */
    public ScalerOptions options() {
        return options;
    }

    /** @return the number of columns this scaler was fitted on. */
    public int columns() {
        return means.length;
    }

    /** @return a copy of the fitted (weighted) column means μ_j, whether or not centring is on. */
    public double[] means() {
        return means.clone();
    }

    /**
     * @return a copy of the fitted (weighted, population) standard deviations σ_j, with 1 for constant columns,
     *         whether or not scaling is on
     */
    public double[] scales() {
        return scales.clone();
    }

    /**
     * This standardization as the affine map of a design, without a copy of X: the view {@code z_ij = (x_ij −
     * m_j)·(1/s_j)} (m_j the shift, s_j the divisor) that the kernels apply to each block of rows in cache
     * ({@link Design#withAffine}). The estimators that read a design's map (its Gram matrix
     * {@link Design#gram}, its products {@link Design#transposeTimes}) then see the standardized columns; the
     * scale is the divisor's reciprocal, so a mapped value may differ from {@link #transform}'s quotient in the
     * last bit.
     *
     * @param design a design with {@link #columns()} columns and no affine map; not modified
     * @return the same rows, roles and intercept, with this map
     * @throws IllegalArgumentException when the column count differs or the design already carries a map
     */
    public Design apply(Design design) {
        Objects.requireNonNull(design, "design");
        checkColumns("design", design.cols(), "columns");
        if (design.hasAffineMap()) {
            throw new IllegalArgumentException("the design already carries an affine map, expected none (a "
                    + "standardization is applied once)");
        }
        double[] inverse = new double[divisor.length];
        for (int j = 0; j < inverse.length; j++) {
            inverse[j] = 1 / divisor[j];
        }
        return design.withAffine(shift, inverse);
    }

    /**
     * Standardizes X with the fitted statistics into a new dataset: {@code z_ij = (x_ij − μ_j) / σ_j}, an m×n copy
     * (for the callers that need the standardized values themselves; {@link #apply(Design)} maps a design without
     * one). y, the weights, the feature names and the target name are kept; double-double low parts
     * ({@link Dataset#withLowParts}) are dropped.
     *
     * @param d data with {@link #columns()} columns, for example the test set (its own statistics are not used)
     */
    public Dataset transform(Dataset d) {
        Objects.requireNonNull(d, "d");
        checkColumns("dataset", d.cols(), "columns");
        int n = d.rows();
        int p = d.cols();
        double[] x = d.copyX();
        for (int i = 0; i < n; i++) {
            int r = i * p;
            for (int j = 0; j < p; j++) {
                x[r + j] = (x[r + j] - shift[j]) / divisor[j];
            }
        }
        return Dataset.of(n, p, x, d.yUnsafe(), d.weightsUnsafe(), d.featureNames(), d.targetName());
    }

    /**
     * Standardizes one row: {@code out_j = (row_j − μ_j) / σ_j}.
     *
     * @param row {@link #columns()} values; not modified
     * @param out {@link #columns()} values, modified; may be {@code row} itself, or null to allocate
     * @return out (or the new array)
     */
    public double[] transformRow(double[] row, double[] out) {
        Objects.requireNonNull(row, "row");
        checkColumns("row", row.length, "values");
        double[] o = out == null ? new double[row.length] : out;
        if (o.length != row.length) {
            throw new IllegalArgumentException("out has " + o.length + " values, expected " + row.length);
        }
        for (int j = 0; j < row.length; j++) {
            o[j] = (row[j] - shift[j]) / divisor[j];
        }
        return o;
    }

    /**
     * Maps a model fitted on standardized features back to the original scale, so it predicts on raw rows exactly
     * what the scaled model predicts on standardized rows. With the shift m_j (μ_j, or 0 without centring) and
     * divisor s_j (σ_j, 1 for constant columns or without scaling):
     * <pre>
     *   ŷ = b' + Σ_j β'_j·(x_j − m_j)/s_j = b + Σ_j β_j·x_j,   β_j = β'_j / s_j,   b = b' − Σ_j β_j·m_j
     * </pre>
     * The feature names and fit report of the scaled model are kept.
     *
     * @param scaledModel a model with {@link #columns()} features, fitted on {@link #transform}ed data
     */
    public LinearModel toOriginalScale(LinearModel scaledModel) {
        Objects.requireNonNull(scaledModel, "scaledModel");
        int p = means.length;
        if (scaledModel.featureCount() != p) {
            throw new IllegalArgumentException("model has " + scaledModel.featureCount()
                    + " features, expected " + p + " (the scaler's column count)");
        }
        double[] beta = new double[p];
        double b = scaledModel.intercept();
        for (int j = 0; j < p; j++) {
            beta[j] = scaledModel.coefficient(j) / divisor[j];
            b -= beta[j] * shift[j];
        }
        return new LinearModel(b, beta, scaledModel.featureNames(), scaledModel.report());
    }

    private void checkColumns(String what, int found, String unit) {
        if (found != means.length) {
            throw new IllegalArgumentException(what + " has " + found + " " + unit + ", expected " + means.length
                    + " (the columns the scaler was fitted on)");
        }
    }
}
