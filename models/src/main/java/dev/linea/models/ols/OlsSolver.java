package dev.linea.models.ols;

/** How {@link LinearRegression} solves the least-squares problem. */
public enum OlsSolver {
    /**
     * Normal equations first (the fast path); falls back to {@link #QR} when the Cholesky factorization fails or the
     * estimated condition number of the centred, column-scaled design exceeds
     * {@link LinearRegression#NORMAL_EQUATIONS_MAX_CONDITION}, and from QR to {@link #PIVOTED_QR} when R's diagonal
     * shows (numerically) dependent columns. The report says what was chosen and why.
     */
    AUTO,
    /**
     * {@code (XᵀWX)·β = XᵀWy} on centred columns by Cholesky, refined with residuals in double-double. About m·n²
     * flops; loses accuracy like κ(X)²·2^-53, so only for well-conditioned designs. Fails (FitException) on a
     * singular Gram matrix.
     */
    NORMAL_EQUATIONS,
    /**
     * Householder QR of the column-scaled design with Björck's refinement of the augmented system (residuals in
     * double-double): accurate to about 2^-53 while κ(X)·2^-53 ≪ 1. About 2·m·n² flops plus a few passes per step.
     * Fails (FitException) when R has a zero or negligible diagonal entry.
     */
    QR,
    /**
     * Column-pivoted QR to find the numerical rank (relative tolerance {@link OlsOptions#rankTolerance()}), then
     * {@link #QR} on the independent columns: the basic solution, with the dependent columns' coefficients reported
     * as 0 and named in the report and {@link OlsResult#droppedFeatures()}.
     */
    PIVOTED_QR
}
