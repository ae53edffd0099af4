package dev.linea.models.logistic;

/**
 * How {@link LogisticRegression} minimizes its convex objective. LBFGS, NEWTON and GRADIENT_DESCENT need a smooth
 * objective (penalty NONE or L2); the non-smooth L1 and ELASTIC_NET penalties need COORDINATE_DESCENT.
 */
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
    GRADIENT_DESCENT,
    /**
     * glmnet's proximal Newton method for the binomial family (Friedman, Hastie &amp; Tibshirani 2010): the outer
     * loop replaces the log-loss by its quadratic (IRLS) approximation at the current θ, with weights
     * w_i = s_i·p_i·(1 − p_i); the inner loop minimizes that quadratic plus the penalty by cyclic coordinate descent
     * with soft-thresholding (covariance updates on the weighted Gram matrix; intercept unpenalized); the step to
     * the inner solution is then halved until the true penalized objective decreases. Handles every penalty, and is
     * the one used for L1 and ELASTIC_NET (chosen automatically in place of LBFGS there).
     */
    COORDINATE_DESCENT
}
