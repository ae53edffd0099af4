package dev.linea.models.logistic;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.glm.Link;
import java.util.List;

/**
 * A fitted binary logistic model: decision function {@code z = b + Σ_j β_j·x_j}, probability of class 1
 * {@code P(y = 1 | x) = σ(z) = 1/(1 + e^{−z})}, predicted class 1 when z &gt; 0 (probability above ½), else 0, as
 * scikit-learn decides. Immutable and thread-safe; single-row methods allocate nothing.
 */
public final class LogisticModel {
    /** The decision function z = b + βᵀx: validation, names, accessors and the row dot are LinearModel's. */
    private final LinearModel linear;

    /**
     * @param coefficients finite; not modified (copied)
     * @param featureNames null (x1, x2, …) or one name per coefficient
     * @param report       the fit report, or null for a model built by hand
     */
    public LogisticModel(double intercept, double[] coefficients, List<String> featureNames, FitReport report) {
        this.linear = new LinearModel(intercept, coefficients, featureNames, report);
    }

    public double intercept() {
        return linear.intercept();
    }

    /** @return a copy of β, one per feature */
    public double[] coefficients() {
        return linear.coefficients();
    }

    public double coefficient(int j) {
        return linear.coefficient(j);
    }

    public int featureCount() {
        return linear.featureCount();
    }

    public List<String> featureNames() {
        return linear.featureNames();
    }

    /**
     * @return this model as a {@link dev.linea.models.LinearPredictor} (binomial family, logit link): what
     *         {@code ModelFiles.save} and {@code Scorer.of} take
     */
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.logistic(linear);
    }

    /** @return the fit report, or null for a model built by hand */
    public FitReport report() {
        return linear.report();
    }

    /**
     * @param row one value per feature; not modified
     * @return the log-odds z = b + βᵀ·row
     */
    public double decisionFunction(double[] row) {
        return linear.predict(row);
    }

    /**
     * @param row not modified
     * @return P(y = 1 | row) = σ(b + βᵀ·row), computed without overflow
     */
    public double predictProbability(double[] row) {
        return Link.LOGIT.inverse(decisionFunction(row));
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
        int p = linear.featureCount();
        if (rows < 0 || xOff < 0 || ldx < p || outOff < 0
                || (rows > 0 && (long) xOff + (long) (rows - 1) * ldx + p > x.length)
                || (long) outOff + rows > out.length) {
            throw new IllegalArgumentException("predictProbability: " + rows + " rows of " + p
                    + " features at offset " + xOff + " with stride " + ldx + " do not fit x of length " + x.length
                    + " / out of length " + out.length + " at offset " + outOff);
        }
        linear.predict(rows, x, xOff, ldx, out, outOff);
        for (int i = 0; i < rows; i++) {
            out[outOff + i] = Link.LOGIT.inverse(out[outOff + i]);
        }
    }
}
