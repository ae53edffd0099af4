package dev.linea.models.logistic;

/** How {@link LogisticRegression} minimizes its (smooth, convex) objective. */
public enum LogisticSolver {
    /**
     * L-BFGS ({@link dev.linea.models.optim.Lbfgs}, memory 10, strong-Wolfe line search): one fused loss-and-gradient
     * pass over X per evaluation; the default, as in scikit-learn.
     */
    LBFGS,
    /**
     * Newton's method, i.e. iteratively reweighted least squares: each step solves
     * {@code (XᵀDX + λI)·Δ = −∇f} with D = diag(s_i·σ_i·(1 − σ_i)) by the backend's weighted Gram and Cholesky
     * kernels (about m·n² + n³/3 flops), then halves the step until the penalized loss decreases enough (Armijo).
     * Quadratic convergence: the most accurate solver for moderate n.
     */
    NEWTON,
    /**
     * Gradient descent with a backtracking (Armijo) step that doubles after every accepted step: simple and
     * cheap per iteration but linear convergence, slow when the problem is ill-conditioned (large C).
     */
    GRADIENT_DESCENT
}
