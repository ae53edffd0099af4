package dev.linea.models.ridge;

import java.util.List;

/**
 * The passes sparse ridge's conjugate gradients make over the rows, whatever holds them: a {@link
 * dev.linea.models.SparseDesign} in memory, or a distributed dataset's CSR blocks (each pass one job). With
 * {@code Z = X − 1·cᵀ} (the centre c applied implicitly, X keeps its zeros; c null: Z = X) and row weights w:
 * {@link Ridge#fit(SparseRidgeRows)} runs the same solver, stopping rule and certificate on either.
 */
public interface SparseRidgeRows {
    /** @return the n features' names */
    List<String> featureNames();

    /** @return the stored entries of X, for the report */
    long nonZeros();

    /**
     * One pass: Σw, the weighted column means {@code Σ w_i·x_ij / Σw}, the weighted variances
     * {@code max(0, Σ w_i·x_ij²/Σw − mean_j²)} and the weighted mean of y.
     */
    Summary summary();

    /**
     * One pass: {@code out ← Zᵀ·W·(y − ȳ)}.
     *
     * @param centre n values, or null for none; not modified
     * @param out    n values; modified (overwritten)
     */
    void rhs(double[] centre, double ybar, double[] out);

    /**
     * One pass: {@code out ← Zᵀ·W·Z·v}.
     *
     * @param centre n values, or null for none; not modified
     * @param v      n values; not modified
     * @param out    n values; modified (overwritten)
     */
    void gramTimes(double[] centre, double[] v, double[] out);

    /**
     * @param weightSum Σw &gt; 0
     * @param mean      n weighted column means
     * @param variance  n weighted (population) variances ≥ 0
     * @param ybar      the weighted mean of y
     */
    record Summary(double weightSum, double[] mean, double[] variance, double ybar) {
    }
}
