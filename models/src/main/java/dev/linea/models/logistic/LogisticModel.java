package dev.linea.models.logistic;

import dev.linea.kernels.Logistic;
import dev.linea.models.FitReport;
import java.util.List;
import java.util.Objects;

/**
 * A fitted binary logistic model: decision function {@code z = b + Σ_j β_j·x_j}, probability of class 1
 * {@code P(y = 1 | x) = σ(z) = 1/(1 + e^{−z})}, predicted class 1 when z &gt; 0 (probability above ½), else 0, as
 * scikit-learn decides. Immutable and thread-safe; single-row methods allocate nothing.
 */
public final class LogisticModel {
    private final double intercept;
    private final double[] coefficients;
    private final List<String> featureNames;
    private final FitReport report;

    /**
     * @param coefficients finite; not modified (copied)
     * @param featureNames null (x1, x2, …) or one name per coefficient
     * @param report       the fit report, or null for a model built by hand
     */
    public LogisticModel(double intercept, double[] coefficients, List<String> featureNames, FitReport report) {
        Objects.requireNonNull(coefficients, "coefficients");
        if (featureNames == null) {
            featureNames = new java.util.ArrayList<>();
            for (int j = 0; j < coefficients.length; j++) {
                featureNames.add("x" + (j + 1));
            }
        }
        this.featureNames = List.copyOf(featureNames);
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

    /** @return a copy of β, one per feature */
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

    /** @return the fit report, or null for a model built by hand */
    public FitReport report() {
        return report;
    }

    /**
     * @param row one value per feature; not modified
     * @return the log-odds z = b + βᵀ·row
     */
    public double decisionFunction(double[] row) {
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
     * @param row not modified
     * @return P(y = 1 | row) = σ(b + βᵀ·row), computed without overflow
     */
    public double predictProbability(double[] row) {
        return Logistic.sigmoid(decisionFunction(row));
    }

    /**
     * @param row not modified
     * @return 1 when b + βᵀ·row &gt; 0, else 0
     */
    public int predict(double[] row) {
        return decisionFunction(row) > 0 ? 1 : 0;
    }

    /**
     * Batch probabilities: {@code out[outOff + i] = σ(b + Σ_j β_j·x[xOff + i·ldx + j])} for i &lt; rows.
     *
     * @param x   not modified
     * @param out modified
     */
    public void predictProbability(int rows, double[] x, int xOff, int ldx, double[] out, int outOff) {
        int p = coefficients.length;
        if (rows < 0 || xOff < 0 || ldx < p || outOff < 0
                || (rows > 0 && (long) xOff + (long) (rows - 1) * ldx + p > x.length)
                || (long) outOff + rows > out.length) {
            throw new IllegalArgumentException("predictProbability: " + rows + " rows of " + p
                    + " features at offset " + xOff + " with stride " + ldx + " do not fit x of length " + x.length
                    + " / out of length " + out.length + " at offset " + outOff);
        }
        for (int i = 0; i < rows; i++) {
            int r = xOff + i * ldx;
            double s = intercept;
            for (int j = 0; j < p; j++) {
                s += coefficients[j] * x[r + j];
            }
            out[outOff + i] = Logistic.sigmoid(s);
        }
    }
}
