package dev.linea.models.ridge;

/** How {@link Ridge} solves {@code (X_cᵀ·W·X_c + α·I)·β = X_cᵀ·W·y_c}. */
public enum RidgeSolver {
    /** {@link #CHOLESKY}; when the system is not numerically positive definite, {@link #EIGEN}, which reports why. */
    AUTO,
    /** Gram matrix plus α on the diagonal, Cholesky factor and two triangular solves: about m·n² + n³/3 flops. */
    CHOLESKY,
    /**
     * Eigendecomposition {@code X_cᵀWX_c = V·Λ·Vᵀ}, then {@code β = V·(Λ + αI)⁻¹·Vᵀ·X_cᵀWy_c}: about m·n² + 6·n³
     * flops once, then O(n²) per further α. What regularization paths and {@link RidgeCV} use; also gives the
     * condition number {@code (λ_max + α) / (λ_min + α)} of the system.
     */
    EIGEN
}
