package dev.linea.models.scoring;

import dev.linea.kernels.RowDot;
import dev.linea.models.logistic.SoftmaxModel;
import java.util.List;
import java.util.Objects;

/**
 * A softmax model compiled for serving: {@code p_k = e^{z_k − max z} / Σ_c e^{z_c − max z}} with
 * {@code z_k = b_k + x·β_k}, each z_k on {@link RowDot#best()}. Immutable and thread-safe; no call allocates (the
 * caller's output array holds the logits, then the probabilities).
 */
public final class SoftmaxScorer {
    private final RowDot dot = RowDot.best();
    private final double[][] w;
    private final double[] b;
    private final List<String> inputs;

    private SoftmaxScorer(double[][] w, double[] b, List<String> inputs) {
        this.w = w;
        this.b = b;
        this.inputs = inputs;
    }

    public static SoftmaxScorer of(SoftmaxModel model) {
        Objects.requireNonNull(model, "model");
        return new SoftmaxScorer(model.coefficients(), model.intercepts(), model.featureNames());
    }

    /** @return the number of classes K */
    public int classes() {
        return b.length;
    }

    public List<String> inputs() {
        return inputs;
    }

    /**
     * @param row not modified; one value per input
     * @param out modified: K probabilities summing to 1
     */
    public void probabilities(double[] row, double[] out) {
        int n = inputs.size();
        if (row.length != n || out.length < b.length) {
            throw new IllegalArgumentException("row has " + row.length + " values and out " + out.length
                    + ", expected " + n + " values (the inputs " + inputs + ") and at least " + b.length + " outputs");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < b.length; k++) {
            out[k] = b[k] + dot.dot(w[k], row, 0, n);
            max = Math.max(max, out[k]);
        }
        double sum = 0;
        for (int k = 0; k < b.length; k++) {
            out[k] = Math.exp(out[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < b.length; k++) {
            out[k] /= sum;
        }
    }

    /**
     * @param row     not modified
     * @param scratch modified: at least K entries (left holding the probabilities)
     * @return the most probable class (the lowest index on ties)
     */
    public int predict(double[] row, double[] scratch) {
        probabilities(row, scratch);
        int best = 0;
        for (int k = 1; k < b.length; k++) {
            if (scratch[k] > scratch[best]) {
                best = k;
            }
        }
        return best;
    }
}
