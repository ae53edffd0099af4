package dev.linea.models.scoring;

import dev.linea.kernels.RowDot;
import dev.linea.models.SoftmaxPredictor;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.preprocessing.Preprocessing;
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
    /** A formula's plan (null when there is none): then z_k = b_k + Σ_t w_k[t]·plan.value(t, x). */
    private final dev.linea.models.formula.DesignPlan plan;
    /** The model's encoding of typed columns (the named-values path), or null. */
    private final dev.linea.models.preprocessing.Encoding encoding;

    private SoftmaxScorer(double[][] w, double[] b, List<String> inputs) {
        this(w, b, inputs, null, null);
    }

    private SoftmaxScorer(double[][] w, double[] b, List<String> inputs, dev.linea.models.formula.DesignPlan plan,
                          dev.linea.models.preprocessing.Encoding encoding) {
        this.plan = plan;
        this.encoding = encoding;
        this.w = w;
        this.b = b;
        this.inputs = inputs;
    }

    /** A scorer of {@code model}'s own features. */
    public static SoftmaxScorer of(SoftmaxModel model) {
        Objects.requireNonNull(model, "model");
        return new SoftmaxScorer(model.coefficients(), model.intercepts(), model.featureNames());
    }

    /** A scorer of the predictor's own features (a softmax fit's {@code predictor()}). */
    public static SoftmaxScorer of(SoftmaxPredictor predictor) {
        return of(Objects.requireNonNull(predictor, "predictor").model());
    }

    /**
     * A scorer of a loaded softmax model file, its standardization (if any) folded into each class's coefficients.
     *
     * @throws IllegalArgumentException for a linear model file (use {@link Scorer#of(ModelFiles.Loaded)})
     */
    public static SoftmaxScorer of(ModelFiles.Loaded loaded) {
        Objects.requireNonNull(loaded, "loaded");
        if (!(loaded.predictor() instanceof SoftmaxPredictor sp)) {
            throw new IllegalArgumentException("a linear model file (link " + loaded.linear().link().key()
                    + "), expected a softmax one: use Scorer.of(loaded)");
        }
        return of(sp, loaded.preprocessing());
    }

    /**
     * A scorer over the raw inputs of a softmax predictor whose features are those inputs standardized (or the
     * inputs themselves): {@code z = (x − m)/s} is folded into each class's coefficients, as {@link Scorer} does.
     *
     * @throws IllegalArgumentException for a polynomial step or an offset (not supported for softmax), or steps
     *                                  that do not produce the predictor's features
     */
    public static SoftmaxScorer of(SoftmaxPredictor predictor, Preprocessing preprocessing) {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (preprocessing.polynomial().isPresent() || preprocessing.offset() != null) {
            throw new IllegalArgumentException("a softmax model with " + (preprocessing.offset() != null
                    ? "an offset" : "a polynomial step") + ", expected neither (not supported for softmax)");
        }
        if (!preprocessing.features().equals(predictor.featureNames())) {
            throw new IllegalArgumentException("the predictor's features " + predictor.featureNames()
                    + " are not what the preprocessing makes of the inputs " + preprocessing.inputs());
        }
        double[][] w = predictor.model().coefficients();
        double[] b = predictor.model().intercepts();
        preprocessing.standardization().ifPresent(z -> {
            double[] m = z.means();
            double[] sc = z.scales();
            for (int c = 0; c < w.length; c++) {
                for (int j = 0; j < m.length; j++) {
                    w[c][j] = w[c][j] / sc[j];
                    b[c] -= w[c][j] * m[j];
                }
            }
        });
        return new SoftmaxScorer(w, b, preprocessing.denseInputs(),
                preprocessing.terms().map(Preprocessing.Terms::plan).orElse(null),
                preprocessing.encoding().orElse(null));
    }

    private double planDot(double[] wk, double[] row) {
        double s = 0;
        for (int t = 0; t < wk.length; t++) {
            s += wk[t] * plan.value(t, row, 0);
        }
        return s;
    }

    /**
     * @return the raw columns a named row ({@link #probabilities(java.util.Map, double[])}) must provide: the
     *         encoding's columns, or the inputs when the model has none
     */
    public List<String> columns() {
        return encoding == null ? inputs : encoding.inputs();
    }

    /**
     * The probabilities of a row given by name, as {@link Scorer#score(java.util.Map)} takes it: raw values (numbers,
     * strings, booleans, null for missing), the model's encoding replayed. Allocates one dense row per call.
     *
     * @param values not modified
     * @param out    modified: K probabilities summing to 1
     * @throws IllegalArgumentException as {@link Scorer#score(java.util.Map)}
     */
    public void probabilities(java.util.Map<String, ?> values, double[] out) {
        double[] row = new double[inputs.size()];
        if (encoding != null) {
            encoding.encode(values, row, 0, dev.linea.models.preprocessing.Encoding.Unseen.ERROR);
        } else {
            for (int j = 0; j < row.length; j++) {
                String c = inputs.get(j);
                if (!values.containsKey(c)) {
                    throw new IllegalArgumentException("no value for column '" + c + "', expected the columns "
                            + inputs);
                }
                dev.linea.models.preprocessing.Encoding.Numeric.of(c).encode(values.get(c), row, j,
                        dev.linea.models.preprocessing.Encoding.Unseen.ERROR);
            }
        }
        probabilities(row, out);
    }

    /** @return the number of classes K */
    public int classes() {
        return b.length;
    }

    /** @return the raw inputs a row must hold, in order */
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
            out[k] = plan == null ? b[k] + dot.dot(w[k], row, 0, n) : b[k] + planDot(w[k], row);
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
