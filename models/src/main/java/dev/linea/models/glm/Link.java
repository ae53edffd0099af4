package dev.linea.models.glm;

import java.util.ArrayList;
import java.util.List;

/**
 * The link g of a linear predictor: {@code η = g(μ) = b + xᵀβ + offset}, so the model's mean (or probability) is
 * {@code μ = g⁻¹(η)}. The one place in the model layer that knows each link's inverse and derivatives: IRLS needs
 * g, g⁻¹, g'(μ) and (for the observed information of non-canonical links) g''(μ); the scorer and the model files
 * need g⁻¹ and the link's name. ({@code dev.linea.kernels.Logistic} keeps the kernels' own sigmoid for the fused
 * logistic gradients.)
 *
 * <p>The methods switch on the constant rather than overriding per constant, so a call site that serves several
 * links (a scorer per model in one process) stays a direct, inlinable call.
 */
public enum Link {
    /** {@code η = log μ}, {@code μ = e^η}, {@code g'(μ) = 1/μ}; canonical for Poisson. */
    LOG("log", "log"),
    /** {@code η = μ}; canonical for Gaussian: least squares, ridge, lasso, Huber. */
    IDENTITY("identity", "identity"),
    /**
     * {@code η = 1/μ}, {@code g'(μ) = −1/μ²}; canonical for Gamma (statsmodels' {@code inverse_power}, which uses
     * the same sign: its canonical parameter is −1/μ, but the link is 1/μ).
     */
    INVERSE("inverse", "inverse_power"),
    /**
     * {@code η = log(μ/(1 − μ))}, {@code μ = σ(η) = 1/(1 + e^{−η})} (evaluated without overflow for any η),
     * {@code g'(μ) = 1/(μ(1 − μ))}; canonical for the binomial family: logistic regression.
     */
    LOGIT("logit", "logit");

    private final String key;
    private final String label;

    Link(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** @return g(μ) */
    public double link(double mu) {
        return switch (this) {
            case LOG -> Math.log(mu);
            case IDENTITY -> mu;
            case INVERSE -> 1 / mu;
            case LOGIT -> Math.log(mu / (1 - mu));
        };
    }

    /** @return μ = g⁻¹(η) */
    public double inverse(double eta) {
        return switch (this) {
            case LOG -> Math.exp(eta);
            case IDENTITY -> eta;
            case INVERSE -> 1 / eta;
            case LOGIT -> sigmoid(eta);
        };
    }

    /**
     * σ(η) = 1/(1 + e^{−η}) for η ≥ 0 and e^η/(1 + e^η) below, so no e^{|η|} overflows: one exponential of −|η| and
     * a select instead of a branch on η's sign (a scorer's η is positive or negative at random, and a mispredicted
     * branch costs more than the rest of the function). Bit-identical to the two-branch form.
     */
    private static double sigmoid(double eta) {
        double e = Math.exp(-Math.abs(eta));
        return (eta >= 0 ? 1 : e) / (1 + e);
    }

    /** @return g'(μ) */
    public double derivative(double mu) {
        return switch (this) {
            case LOG -> 1 / mu;
            case IDENTITY -> 1;
            case INVERSE -> -1 / (mu * mu);
            case LOGIT -> 1 / (mu * (1 - mu));
        };
    }

    /** @return g''(μ) */
    public double secondDerivative(double mu) {
        return switch (this) {
            case LOG -> -1 / (mu * mu);
            case IDENTITY -> 0;
            case INVERSE -> 2 / (mu * mu * mu);
            case LOGIT -> {
                double v = mu * (1 - mu);
                yield (2 * mu - 1) / (v * v);
            }
        };
    }

    /** @return g⁻¹ written as a formula of η, for messages ("e^η", "σ(η)", …) */
    public String inverseFormula() {
        return switch (this) {
            case LOG -> "e^η";
            case IDENTITY -> "η";
            case INVERSE -> "1/η";
            case LOGIT -> "σ(η)";
        };
    }

    /** @return statsmodels' name of the link, for summaries ("log", "identity", "inverse_power", "logit"). */
    public String label() {
        return label;
    }

    /** @return the link's name in model files and on the command line: identity, log, inverse or logit */
    public String key() {
        return key;
    }

    /**
     * @param key a model file's (or the command line's) link name: identity, log, inverse or logit (any case)
     * @return that link
     * @throws IllegalArgumentException for any other name, listing the names
     */
    public static Link ofKey(String key) {
        for (Link l : values()) {
            if (l.key.equalsIgnoreCase(key)) {
                return l;
            }
        }
        List<String> keys = new ArrayList<>();
        for (Link l : values()) {
            keys.add(l.key);
        }
        throw new IllegalArgumentException("link '" + key + "', expected one of " + keys);
    }
}
