package dev.linea.models;

import dev.linea.models.glm.Family;
import dev.linea.models.glm.Gamma;
import dev.linea.models.glm.Gaussian;
import dev.linea.models.glm.Link;
import dev.linea.models.glm.Poisson;
import dev.linea.models.glm.Tweedie;
import java.util.ArrayList;
import java.util.List;

/**
 * The response distribution a {@link LinearPredictor} was fitted under, as its model file records it ("family"),
 * with the links Linea fits it with. Scoring needs only the link; the distribution says what the prediction is
 * (a mean count, a positive amount, a probability) and keeps a file from pairing a link with a family no estimator
 * fits together (a binomial mean through the identity link is not a probability).
 */
public enum Distribution {
    /** Least squares, ridge, lasso, elastic net, Huber, gradient descent, and the Gaussian GLM. */
    GAUSSIAN("gaussian", List.of(Link.IDENTITY, Link.LOG, Link.INVERSE)),
    /** Poisson GLM: counts and rates. */
    POISSON("poisson", List.of(Link.IDENTITY, Link.LOG, Link.INVERSE)),
    /** Gamma GLM: positive amounts. */
    GAMMA("gamma", List.of(Link.IDENTITY, Link.LOG, Link.INVERSE)),
    /** Tweedie GLM (the power is a fitting choice; scoring needs only the link). */
    TWEEDIE("tweedie", List.of(Link.IDENTITY, Link.LOG, Link.INVERSE)),
    /** Binary logistic regression: the probability of class 1. */
    BINOMIAL("binomial", List.of(Link.LOGIT));

    private final String key;
    private final List<Link> links;

    Distribution(String key, List<Link> links) {
        this.key = key;
        this.links = links;
    }

    /** @return the name in model files: gaussian, poisson, gamma, tweedie or binomial */
    public String key() {
        return key;
    }

    /** @return the links a linear predictor of this distribution may have */
    public List<Link> links() {
        return links;
    }

    /**
     * @param link a link
     * @throws IllegalArgumentException when no Linea estimator fits this distribution with that link
     */
    public void requireLink(Link link) {
        if (!links.contains(link)) {
            List<String> keys = new ArrayList<>();
            links.forEach(l -> keys.add(l.key()));
            throw new IllegalArgumentException("link " + (link == null ? "null" : link.key()) + " for the " + key
                    + " family, expected " + (keys.size() == 1 ? keys.get(0) : "one of " + keys));
        }
    }

    /** @return the distribution of a GLM family */
    public static Distribution of(Family family) {
        return switch (family) {
            case Gaussian g -> GAUSSIAN;
            case Poisson p -> POISSON;
            case Gamma g -> GAMMA;
            case Tweedie t -> TWEEDIE;
        };
    }

    /**
     * @param key a model file's family: gaussian, poisson, gamma, tweedie or binomial
     * @throws IllegalArgumentException for any other name, listing the names
     */
    public static Distribution ofKey(String key) {
        for (Distribution d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        List<String> keys = new ArrayList<>();
        for (Distribution d : values()) {
            keys.add(d.key);
        }
        throw new IllegalArgumentException("family '" + key + "', expected one of " + keys);
    }
}
