package dev.linea.models.logistic;

/**
 * The penalty on the coefficients (never on the intercept). With the scikit-learn objective
 * <pre>  C·Σ_i s_i·ℓ_i + (1 − ρ)/2·‖β‖² + ρ·‖β‖₁</pre>
 * L2 is ρ = 0, L1 is ρ = 1 and ELASTIC_NET takes ρ from {@link LogisticOptions#l1Ratio()}.
 * L1 and ELASTIC_NET make the objective non-smooth; they are fitted by
 * {@link LogisticSolver#COORDINATE_DESCENT} in {@link LogisticRegression} and by accelerated proximal gradient in
 * {@link SoftmaxRegression} (ρ from {@link SoftmaxOptions#l1Ratio()} there).
 */
public enum Penalty {
    /** Maximum likelihood: no penalty (fails with a {@link dev.linea.models.FitException} on separable data). */
    NONE,
    /** ½·‖β‖², weighted against the data term by C: {@code C·Σ s_i·ℓ_i + ½‖β‖²}. */
    L2,
    /** The lasso penalty ‖β‖₁ = Σ_j |β_j|: {@code C·Σ s_i·ℓ_i + ‖β‖₁}; sets coefficients exactly to zero. */
    L1,
    /**
     * The elastic net {@code (1 − ρ)/2·‖β‖² + ρ·‖β‖₁} with ρ = {@link LogisticOptions#l1Ratio()} ∈ [0, 1]
     * (ρ = 0 is L2, ρ = 1 is L1), as scikit-learn's {@code penalty="elasticnet", l1_ratio=ρ}.
     */
    ELASTIC_NET
}
