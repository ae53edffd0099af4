package dev.linea.models.logistic;

/** The penalty on the coefficients (never on the intercept). */
public enum Penalty {
    /** Maximum likelihood: no penalty (fails with a {@link dev.linea.models.FitException} on separable data). */
    NONE,
    /** ½·‖β‖², weighted against the data term by C: {@code C·Σ s_i·ℓ_i + ½‖β‖²}. */
    L2
}
