package dev.linea.models;

import java.util.List;
import java.util.Objects;

/**
 * A fitted linear predictor {@code ŷ = b + Σ_j β_j·x_j}, with coefficients on the original feature scale.
 * Immutable and thread-safe; {@link #predict(double[])} and the batch form allocate nothing.
 */
public final class LinearModel {
    private final double intercept;
    private final double[] coefficients;
    private final List<String> featureNames;
    private final FitReport report;

    /**
     * @param coefficients not modified (copied)
     */
    public LinearModel(double intercept, double[] coefficients, List<String> featureNames, FitReport report) {
        Objects.requireNonNull(coefficients, "coefficients");
        this.featureNames = featureNames == null ? Dataset.defaultNames(coefficients.length)
                : featureNames instanceof GeneratedNames g ? g : List.copyOf(featureNames); // immutable already
        if (this.featureNames.size() != coefficients.length) {
            throw new IllegalArgumentException(this.featureNames.size() + " feature names, expected "
                    + coefficients.length + " (one per coefficient)");
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new IllegalArgumentException("coefficient " + j + " ('" + this.featureNames.get(j) + "') is "
                        + coefficients[j] + ", expected a finite number");
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept is " + intercept + ", expected a finite number");
        }
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.report = report;
    }

    public double intercept() {
        return intercept;
    }

    /** @return a copy of the coefficients, one per feature. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public double coefficient(int j) {
        return coefficients[j];
    }

    public int featureCount() {
        return coefficients.length;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the fit report, or null for a model built by hand or loaded without one. */
    public FitReport report() {
        return report;
    }

    /**
     * @param row not modified; one value per feature
     * @return b + Σ β_j·row_j
     */
    public double predict(double[] row) {
        if (row.length != coefficients.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected "
                    + coefficients.length + " (the model's feature count)");
        }
        double s = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            s += coefficients[j] * row[j];
        }
        return s;
    }

    /**
     * Batch prediction: {@code out[outOff + i] = b + Σ_j β_j·x[xOff + i·ldx + j]} for i &lt; rows.
     *
     * @param x   not modified
     * @param out modified
     */
    public void predict(int rows, double[] x, int xOff, int ldx, double[] out, int outOff) {
        int p = coefficients.length;
        if (rows < 0 || xOff < 0 || ldx < p || outOff < 0
                || (rows > 0 && (long) xOff + (long) (rows - 1) * ldx + p > x.length)
                || (long) outOff + rows > out.length) {
            throw new IllegalArgumentException("predict: " + rows + " rows of " + p + " features at offset " + xOff
                    + " with stride " + ldx + " do not fit x of length " + x.length + " / out of length "
                    + out.length + " at offset " + outOff);
        }
        for (int i = 0; i < rows; i++) {
            int r = xOff + i * ldx;
            double s = intercept;
            for (int j = 0; j < p; j++) {
                s += coefficients[j] * x[r + j];
            }
            out[outOff + i] = s;
        }
    }
}
