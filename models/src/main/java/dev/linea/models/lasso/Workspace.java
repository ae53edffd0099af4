package dev.linea.models.lasso;

/**
 * The state coordinate descent updates, in the working (centred, scaled) coordinates, with normalized weights:
 * the gradient of the data term g_j = Σ w̄_i·x̃_ij·r_i (r = ỹ − X̃β) and the column norms v_j = Σ w̄_i·x̃_ij².
 */
sealed interface Workspace permits CovarianceWorkspace, NaiveWorkspace, SparseWorkspace {

    /** @return v_j = Σ w̄·x̃_j² */
    double norm(int j);

    /** @return the current g_j = Σ w̄·x̃_j·r */
    double gradient(int j);

    /** Records β_j ← β_j + delta: updates the residual or the gradients. */
    void update(int j, double delta);

    /**
     * Makes {@code g[j]} hold the current gradient of every column j with {@code skip[j]} false (one pass over
     * those columns of X in naive mode, a copy in covariance mode); other entries are left as they are.
     *
     * @param skip not modified; null = compute all
     * @param g    modified: p values
     */
    void gradients(boolean[] skip, double[] g);

    /**
     * Makes {@code out[j]} hold the current gradient of each column j in list[0..count) (a copy in covariance mode,
     * one dot product per column in naive mode); other entries are left as they are.
     *
     * @param list not modified
     * @param out  modified at the listed indices
     */
    void gradientsOf(int[] list, int count, double[] out);

    /**
     * Fills {@code out} (count×count, row-major) with Σ w̄·x̃_i·x̃_j for i, j in list[0..count): a copy in
     * covariance mode, count·(count+1)/2 dot products of length n in naive mode.
     *
     * @param list not modified
     * @param out  modified: count² values
     */
    void gramOf(int[] list, int count, double[] out);

    /**
     * As {@link #gramOf(int[], int, double[])}, where the entries (a, b) with {@code known[a] && known[b]} are already
     * in {@code out} (copied from an earlier Gram of the same columns) and only the others need computing. This
     * default computes every entry; a workspace whose entries cost a pass over data overrides it.
     *
     * @param list  not modified
     * @param known not modified: which positions of list hold columns whose mutual entries are in out
     * @param out   modified: the count² values
     */
    default void gramOf(int[] list, int count, boolean[] known, double[] out) {
        gramOf(list, count, out);
    }

    /**
     * {@code out[a] ← Σ_b G_{list[a], list[b]}·v[b]} for a, b &lt; count, with G = X̃ᵀW̄X̃: the product with the Gram
     * of the listed columns (in covariance mode a GEMV on G_AA gathered from the kept Gram, count² more doubles; in
     * the other modes two passes over the listed columns, G_AA never formed). The conjugate-gradient Newton step's
     * operator.
     *
     * @param list not modified
     * @param v    count values; not modified
     * @param out  modified: count values
     */
    void gramTimes(int[] list, int count, double[] v, double[] out);

    /** @return Σ w̄·ỹ·r, the inner product of the working target and the current residual */
    double targetDotResidual(double[] beta);

    /** @return Σ w̄·r², the deviance at the current β */
    double deviance(double[] beta);

    /** @return the solver's name for the report */
    String solver();
}
