package dev.linea.models.scoring;

/** What a {@link Scorer} returns from the linear predictor η = b + xᵀβ: the model's inverse link. */
public enum Response {
    /** η itself: least squares, ridge, lasso, Huber, identity-link GLMs. */
    LINEAR,
    /** The probability σ(η) = 1 / (1 + e^{−η}) of binary logistic regression, without overflow for any η. */
    LOGISTIC,
    /** The mean e^η of a log-link GLM (Poisson, Gamma, Tweedie). */
    EXP,
    /** The mean 1/η of an inverse-link GLM (Gamma's canonical link). */
    INVERSE;

    /**
     * @param link a model file's link: identity, log, inverse or logit
     * @return the response that inverts it
     */
    public static Response ofLink(String link) {
        return switch (link) {
            case "identity" -> LINEAR;
            case "log" -> EXP;
            case "inverse" -> INVERSE;
            case "logit" -> LOGISTIC;
            default -> throw new IllegalArgumentException("link '" + link
                    + "', expected identity, log, inverse or logit");
        };
    }

    /**
     * @param eta the linear predictor η (with any offset already added)
     * @return the inverse link g⁻¹(η)
     */
    double apply(double eta) {
        return switch (this) {
            case LINEAR -> eta;
            case LOGISTIC -> eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
            case EXP -> Math.exp(eta);
            case INVERSE -> 1 / eta;
        };
    }
}
