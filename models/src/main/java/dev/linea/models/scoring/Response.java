package dev.linea.models.scoring;

/** What a {@link Scorer} returns from the linear predictor η = b + xᵀβ: the model's inverse link. */
public enum Response {
    /** η itself: least squares, ridge, lasso, Huber, identity-link GLMs. */
    LINEAR,
    /** The probability σ(η) = 1 / (1 + e^{−η}) of binary logistic regression, without overflow for any η. */
    LOGISTIC,
    /** The mean e^η of a log-link GLM (Poisson, Gamma, Tweedie). */
    EXP;

    double apply(double eta) {
        return switch (this) {
            case LINEAR -> eta;
            case LOGISTIC -> eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
            case EXP -> Math.exp(eta);
        };
    }
}
