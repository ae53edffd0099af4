package dev.linea.models.scoring;

import dev.linea.models.ClassLabels;
import dev.linea.models.LinearPredictor;
import dev.linea.models.SoftmaxPredictor;
import dev.linea.models.glm.Link;
import dev.linea.models.io.ModelFiles;

import java.util.List;
import java.util.Objects;

/**
 * A logistic or softmax model file compiled for serving by class label: {@link #predict} returns the most probable
 * class's label and fills one probability per class, in the order of {@link #labels()}. For a binary logistic model
 * the probabilities are {@code {1 − p, p}} with {@code p = σ(η)} the probability of the positive class
 * {@code labels().positive()}; the predicted class is the positive one when p &gt; 0.5 (a tie goes to the
 * negative class, as scikit-learn's {@code predict} does). For softmax the most probable class wins (the lowest index
 * on ties). Rows hold the raw inputs ({@link #inputs()}); immutable and thread-safe, no call allocates.
 */
public final class ClassifierScorer {
    private final Scorer binary;
    private final SoftmaxScorer softmax;
    private final ClassLabels labels;

    private ClassifierScorer(Scorer binary, SoftmaxScorer softmax, ClassLabels labels) {
        this.binary = binary;
        this.softmax = softmax;
        this.labels = labels;
    }

    /**
     * @throws IllegalArgumentException for a model file that is not a classifier (a link other than the logit)
     */
    public static ClassifierScorer of(ModelFiles.Loaded loaded) {
        Objects.requireNonNull(loaded, "loaded");
        ClassLabels labels = loaded.classLabels();
        return switch (loaded.predictor()) {
            case SoftmaxPredictor sp -> new ClassifierScorer(null, SoftmaxScorer.of(loaded), labels);
            case LinearPredictor lp -> {
                if (lp.link() != Link.LOGIT) {
                    throw new IllegalArgumentException("a model of the " + lp.family().key() + " family with the "
                            + lp.link().key() + " link, expected a classifier (logistic or softmax)");
                }
                yield new ClassifierScorer(Scorer.of(loaded), null, labels);
            }
        };
    }

    /** @return the classes, in the order of the probabilities */
    public ClassLabels labels() {
        return labels;
    }

    /**
     * @return the values a dense row must hold, in order: the model's inputs, or the encoded features of a model
     *         with an encoding step (as {@link Scorer#inputs()})
     */
    public List<String> inputs() {
        return binary != null ? binary.inputs() : softmax.inputs();
    }

    /** @return the raw columns a named row must provide (as {@link Scorer#columns()}) */
    public List<String> columns() {
        return binary != null ? binary.columns() : softmax.columns();
    }

    /**
     * A row given by name (raw values as {@link Scorer#score(java.util.Map)} takes them, the model's encoding
     * replayed): the predicted class's label, and one probability per class.
     *
     * @param values        not modified
     * @param probabilities modified: at least K entries, in label order
     * @throws IllegalArgumentException as {@link Scorer#score(java.util.Map)}
     */
    public String predict(java.util.Map<String, ?> values, double[] probabilities) {
        checkLength(probabilities);
        if (softmax != null) {
            softmax.probabilities(values, probabilities);
            int best = 0;
            for (int k = 1; k < labels.count(); k++) {
                if (probabilities[k] > probabilities[best]) {
                    best = k;
                }
            }
            return labels.label(best);
        }
        double p = binary.score(values);
        probabilities[0] = 1 - p;
        probabilities[1] = p;
        return labels.label(p > 0.5 ? 1 : 0);
    }

    private void checkLength(double[] probabilities) {
        if (probabilities.length < labels.count()) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length + " entries, expected at "
                    + "least " + labels.count() + " (one per class)");
        }
    }

    /**
     * @param row           not modified; one value per input
     * @param probabilities modified: at least K entries, the probability of each class in label order
     * @return the predicted class's label
     */
    public String predict(double[] row, double[] probabilities) {
        return labels.label(predictIndex(row, probabilities));
    }

    /** As {@link #predict}, returning the class index (into {@link #labels()}). */
    public int predictIndex(double[] row, double[] probabilities) {
        checkLength(probabilities);
        if (softmax != null) {
            return softmax.predict(row, probabilities);
        }
        double p = binary.score(row);
        probabilities[0] = 1 - p;
        probabilities[1] = p;
        return p > 0.5 ? 1 : 0;
    }
}
