package dev.linea.models;

import dev.linea.models.logistic.SoftmaxModel;
import java.util.List;
import java.util.Objects;

/**
 * A softmax (multinomial) predictor over K classes: logits {@code z_k = b_k + x·β_k}, probabilities
 * {@code p_k = e^{z_k} / Σ_c e^{z_c}}. The family is multinomial and the link softmax; nothing else varies.
 *
 * @param model the K linear predictors
 */
public record SoftmaxPredictor(SoftmaxModel model) implements Predictor {

    public SoftmaxPredictor {
        Objects.requireNonNull(model, "model");
    }

    @Override
    public List<String> featureNames() {
        return model.featureNames();
    }

    @Override
    public FitReport report() {
        return model.report();
    }

    /** @return K, the number of classes */
    public int classCount() {
        return model.classCount();
    }
}
