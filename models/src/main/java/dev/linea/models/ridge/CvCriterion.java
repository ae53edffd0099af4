package dev.linea.models.ridge;

/** What {@link RidgeCV} minimizes over the α grid; both come in closed form from one eigendecomposition. */
public enum CvCriterion {
    /**
     * Exact leave-one-out: the mean of {@code e_i² = (r̃_i / (1 − h_ii))²} with r̃ the (√w-scaled) residuals and
     * {@code h_ii} the leverages of {@code H = X̃(X̃ᵀX̃ + αI)⁻¹X̃ᵀ} plus the intercept's {@code w_i/Σw}: what
     * scikit-learn's {@code RidgeCV} computes by default.
     */
    LEAVE_ONE_OUT,
    /**
     * Generalized cross-validation (Golub, Heath &amp; Wahba): {@code (‖r̃‖²/m) / (1 − tr(H)/m)²}, leave-one-out
     * with every leverage replaced by their mean; invariant to rotations of the data.
     */
    GCV
}
