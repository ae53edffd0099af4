package dev.linea.models.ols;

/**
 * One pass over the data of a least-squares fit, for iterative refinement of a solution found from moments alone:
 * given the current intercept b and coefficients β, it forms every residual {@code r_i = y_i − b − x_iᵀβ} in
 * extended precision (double-double, so that ŷ agreeing with y to many digits loses nothing) and returns
 * <pre>
 *   out = (X − 1·cᵀ)ᵀ·W·r,    Σ w_i·r_i,    Σ w_i·r_i²
 * </pre>
 * with c the centre the moments were taken about (zeros for a fit without intercept). On one machine this is a loop
 * over the rows; on a cluster, one distributed job.
 */
@FunctionalInterface
public interface ResidualPass {

    /** The scalar sums of a pass. */
    record Sums(double weighted, double weightedSquares) {
    }

    /**
     * @param intercept b
     * @param beta      β, n values; not modified
     * @param centre    c, n values; not modified
     * @param out       n values; modified: overwritten with (X − 1·cᵀ)ᵀ·W·r
     * @return Σ w·r and Σ w·r²
     */
    Sums apply(double intercept, double[] beta, double[] centre, double[] out);
}
