package dev.linea.models.logistic;

import dev.linea.models.FitReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitted multinomial model over K classes: logits {@code z_k = b_k + Σ_j W_kj·x_j}, probabilities
 * {@code p_k = e^{z_k} / Σ_c e^{z_c}} (computed shifted by max z, so nothing overflows), predicted class
 * {@code argmax_k z_k} (the first on ties). Immutable and thread-safe; {@link #predict(double[])} and the
 * {@code out} forms allocate nothing.
 */
public final class SoftmaxModel {
    private final int k;
    private final int n;
    /** K×n row-major. */
    private final double[] w;
    private final double[] b;
    private final List<String> featureNames;
    private final FitReport report;

    /**
     * @param coefficients K rows of n finite values (K ≥ 2); not modified (copied)
     * @param intercepts   K finite values; not modified (copied)
     * @param featureNames null (x1, x2, …) or n names
     * @param report       the fit report, or null for a model built by hand
     */
    public SoftmaxModel(double[][] coefficients, double[] intercepts, List<String> featureNames, FitReport report) {
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(intercepts, "intercepts");
        k = coefficients.length;
        if (k < 2) {
            throw new IllegalArgumentException(k + " coefficient rows, expected one per class, at least 2");
        }
        n = coefficients[0].length;
        if (intercepts.length != k) {
            throw new IllegalArgumentException(intercepts.length + " intercepts, expected " + k + " (one per class)");
        }
        w = new double[k * n];
        for (int c = 0; c < k; c++) {
            if (coefficients[c].length != n) {
                throw new IllegalArgumentException("coefficient row " + c + " has " + coefficients[c].length
                        + " values, expected " + n + " (the length of row 0)");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(coefficients[c][j])) {
                    throw new IllegalArgumentException("coefficient (" + c + ", " + j + ") is " + coefficients[c][j]
                            + ", expected a finite number");
                }
            }
            System.arraycopy(coefficients[c], 0, w, c * n, n);
        }
        for (int c = 0; c < k; c++) {
            if (!Double.isFinite(intercepts[c])) {
                throw new IllegalArgumentException("intercept " + c + " is " + intercepts[c]
                        + ", expected a finite number");
            }
        }
        b = intercepts.clone();
        if (featureNames == null) {
            featureNames = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                featureNames.add("x" + (j + 1));
            }
        }
        this.featureNames = List.copyOf(featureNames);
        if (this.featureNames.size() != n) {
            throw new IllegalArgumentException(this.featureNames.size() + " feature names, expected " + n);
        }
        this.report = report;
    }

    public int classCount() {
        return k;
    }

    public int featureCount() {
        return n;
    }

    /** @return a copy of W, K rows of n */
    public double[][] coefficients() {
        double[][] c = new double[k][n];
        for (int r = 0; r < k; r++) {
            System.arraycopy(w, r * n, c[r], 0, n);
        }
        return c;
    }

    /** @return a copy of the K intercepts */
    public double[] intercepts() {
        return b.clone();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the fit report, or null for a model built by hand */
    public FitReport report() {
        return report;
    }

    /**
     * @param row n values; not modified
     * @param out modified: the K logits z_k = b_k + W_k·row
     */
    public void decisionFunction(double[] row, double[] out) {
        check(row, out);
        for (int c = 0; c < k; c++) {
            double s = b[c];
            int off = c * n;
            for (int j = 0; j < n; j++) {
                s += w[off + j] * row[j];
            }
            out[c] = s;
        }
    }

    /**
     * @param row not modified
     * @return the K class probabilities (a new array, summing to 1)
     */
    public double[] predictProbabilities(double[] row) {
        double[] p = new double[k];
        predictProbabilities(row, p);
        return p;
    }

    /**
     * @param row not modified
     * @param out modified: the K class probabilities, summing to 1
     */
    public void predictProbabilities(double[] row, double[] out) {
        decisionFunction(row, out);
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, out[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < k; c++) {
            out[c] /= sum;
        }
    }

    /**
     * @param row not modified
     * @return the class with the largest logit (the lowest index on ties)
     */
    public int predict(double[] row) {
        check(row, null);
        int best = 0;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = b[c];
            int off = c * n;
            for (int j = 0; j < n; j++) {
                s += w[off + j] * row[j];
            }
            if (s > top) {
                top = s;
                best = c;
            }
        }
        return best;
    }

    private void check(double[] row, double[] out) {
        if (row.length != n) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + n
                    + " (the model's feature count)");
        }
        if (out != null && out.length != k) {
            throw new IllegalArgumentException("out has " + out.length + " values, expected " + k
                    + " (one per class)");
        }
    }
}
