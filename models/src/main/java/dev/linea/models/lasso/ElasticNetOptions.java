package dev.linea.models.lasso;

/**
 * Options of {@link ElasticNet}: the penalty mix, the λ path and the solver. Immutable; validated on construction
 * (an {@link IllegalArgumentException} names the option, the value found and what is expected).
 *
 * <p>The objective (glmnet's documented Gaussian objective; see {@link ElasticNet} for details):
 * <pre>
 *   minimize over b, β:  (1 / (2·Σw)) · Σ_i w_i·(y_i − b − x_iᵀβ)²  +  λ · Σ_j pf_j·( α·|β_j| + (1 − α)/2 · β_j² )
 * </pre>
 *
 * @param alpha          α, the l1 share of the penalty in [0, 1]: 1 = lasso, 0 = ridge (glmnet's {@code alpha},
 *                       scikit-learn's {@code l1_ratio})
 * @param nLambda        number of λ values on the default path (≥ 1); ignored when {@code lambdas} is given
 * @param lambdaMinRatio λ_min / λ_max of the default path, in (0, 1), or NaN for glmnet's default (1e-4 when
 *                       n ≥ p, else 1e-2)
 * @param lambdas        a user path (all finite, ≥ 0; fitted in decreasing order), or null for the default path;
 *                       not modified (copied)
 * @param penaltyFactors pf_j ≥ 0 per feature (0 = unpenalized), or null for all ones; rescaled at fit time to sum
 *                       to p as glmnet does; not modified (copied)
 * @param fitIntercept   fit an unpenalized intercept b (else b = 0)
 * @param standardize    solve on columns scaled to unit weighted variance (1/Σw convention) and return
 *                       coefficients on the original scale (glmnet's {@code standardize = TRUE})
 * @param threshold      the stopping tolerance ({@code --tol}): a λ is solved when the duality gap of the objective
 *                       above, computed after each full coordinate-descent pass, is at most threshold × (null
 *                       deviance Σw̄·(y − ȳ)², about 0 without intercept); default 1e-12, which puts well-posed
 *                       problems within about 1e-9 relative of the optimum in the coefficients; &gt; 0. Values below
 *                       about 1e-15 are beyond what double precision can certify: such a λ ends when a pass moves
 *                       nothing and counts as converged when its gap is within 1e-12 × null deviance. (Until issue 15
 *                       this was glmnet's {@code thresh} on max_j v_j·Δβ_j², which stops far from the optimum on
 *                       ill-conditioned problems.)
 * @param maxPasses      maximum coordinate-descent passes per λ ({@code --max-iter}, glmnet's {@code maxit}); ≥ 1. A
 *                       λ that does not meet the tolerance within it is reported as not converged, never hidden
 * @param mode           covariance or naive updates, or AUTO
 */
public record ElasticNetOptions(double alpha, int nLambda, double lambdaMinRatio, double[] lambdas,
                                double[] penaltyFactors, boolean fitIntercept, boolean standardize,
                                double threshold, int maxPasses, Mode mode) {

    /** How coordinate descent keeps its gradient up to date. */
    public enum Mode {
        /** covariance when p ≤ 500, or n &gt; 5·p and p ≤ 4096 (Gram matrix ≤ 128 MB); else naive. */
        AUTO,
        /** precomputed ⟨x_j, x_k⟩ (one Gram matrix per fit): an update costs O(p), independent of n. */
        COVARIANCE,
        /** a maintained residual: an update costs O(n); no p×p memory. */
        NAIVE
    }

    public ElasticNetOptions {
        if (!(alpha >= 0 && alpha <= 1)) {
            // named as users meet it (--l1-ratio, scikit-learn's l1_ratio): "alpha" reads as the penalty strength
            throw new IllegalArgumentException("l1_ratio is " + alpha + " (the l1 share of the penalty: --l1-ratio, "
                    + "glmnet's alpha), expected a value in [0, 1]");
        }
        if (nLambda < 1) {
            throw new IllegalArgumentException("nLambda is " + nLambda + " (the number of λ on the path: --n-lambda), "
                    + "expected at least 1");
        }
        if (!Double.isNaN(lambdaMinRatio) && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
            throw new IllegalArgumentException("lambdaMinRatio is " + lambdaMinRatio
                    + ", expected a value in (0, 1) or NaN for the default");
        }
        if (lambdas != null) {
            if (lambdas.length == 0) {
                throw new IllegalArgumentException("lambdas is empty, expected at least one value (or null)");
            }
            lambdas = lambdas.clone();
            for (int k = 0; k < lambdas.length; k++) {
                if (!(lambdas[k] >= 0) || lambdas[k] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("lambdas[" + k + "] is " + lambdas[k]
                            + ", expected a finite value >= 0");
                }
            }
        }
        if (penaltyFactors != null) {
            penaltyFactors = penaltyFactors.clone();
            boolean anyPositive = false;
            for (int j = 0; j < penaltyFactors.length; j++) {
                double v = penaltyFactors[j];
                if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("penaltyFactors[" + j + "] is " + v
                            + ", expected a finite value >= 0");
                }
                anyPositive |= v > 0;
            }
            if (!anyPositive && penaltyFactors.length > 0) {
                throw new IllegalArgumentException("penaltyFactors are all zero, expected at least one > 0"
                        + " (an unpenalized fit is ordinary least squares)");
            }
        }
        if (!(threshold > 0) || threshold == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("threshold (--tol) is " + threshold + ", expected a finite value > 0 "
                    + "(a duality gap relative to the null deviance, default " + DEFAULT_TOL + ")");
        }
        if (maxPasses < 1) {
            throw new IllegalArgumentException("maxPasses (--max-iter) is " + maxPasses + ", expected at least 1");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is null, expected AUTO, COVARIANCE or NAIVE");
        }
    }

    /** Default relative duality-gap tolerance: well-posed problems land within about 1e-9 of the optimum. */
    public static final double DEFAULT_TOL = 1e-12;
    /** Default maximum passes per λ (glmnet's {@code maxit}). */
    public static final int DEFAULT_MAX_PASSES = 100_000;

    /**
     * The lasso (α = 1) with glmnet's path defaults (100 λ, intercept, standardization) and the duality-gap
     * tolerance {@link #DEFAULT_TOL}.
     */
    public static ElasticNetOptions lasso() {
        return elasticNet(1);
    }

    /** Elastic net with l1 share α, glmnet's path defaults and the duality-gap tolerance {@link #DEFAULT_TOL}. */
    public static ElasticNetOptions elasticNet(double alpha) {
        return new ElasticNetOptions(alpha, 100, Double.NaN, null, null, true, true, DEFAULT_TOL,
                DEFAULT_MAX_PASSES, Mode.AUTO);
    }

    @Override
    public double[] lambdas() {
        return lambdas == null ? null : lambdas.clone();
    }

    @Override
    public double[] penaltyFactors() {
        return penaltyFactors == null ? null : penaltyFactors.clone();
    }

    public ElasticNetOptions withAlpha(double a) {
        return new ElasticNetOptions(a, nLambda, lambdaMinRatio, lambdas, penaltyFactors, fitIntercept, standardize,
                threshold, maxPasses, mode);
    }

    public ElasticNetOptions withPath(int n, double ratio) {
        return new ElasticNetOptions(alpha, n, ratio, null, penaltyFactors, fitIntercept, standardize, threshold,
                maxPasses, mode);
    }

    /** @param values not modified (copied) */
    public ElasticNetOptions withLambdas(double[] values) {
        return new ElasticNetOptions(alpha, nLambda, lambdaMinRatio, values, penaltyFactors, fitIntercept,
                standardize, threshold, maxPasses, mode);
    }

    /** @param pf not modified (copied) */
    public ElasticNetOptions withPenaltyFactors(double[] pf) {
        return new ElasticNetOptions(alpha, nLambda, lambdaMinRatio, lambdas, pf, fitIntercept, standardize,
                threshold, maxPasses, mode);
    }

    public ElasticNetOptions withIntercept(boolean on) {
        return new ElasticNetOptions(alpha, nLambda, lambdaMinRatio, lambdas, penaltyFactors, on, standardize,
                threshold, maxPasses, mode);
    }

    public ElasticNetOptions withStandardize(boolean on) {
        return new ElasticNetOptions(alpha, nLambda, lambdaMinRatio, lambdas, penaltyFactors, fitIntercept, on,
                threshold, maxPasses, mode);
    }

    public ElasticNetOptions withThreshold(double t, int passes) {
        return new ElasticNetOptions(alpha, nLambda, lambdaMinRatio, lambdas, penaltyFactors, fitIntercept,
                standardize, t, passes, mode);
    }

    public ElasticNetOptions withMode(Mode m) {
        return new ElasticNetOptions(alpha, nLambda, lambdaMinRatio, lambdas, penaltyFactors, fitIntercept,
                standardize, threshold, maxPasses, m);
    }
}
