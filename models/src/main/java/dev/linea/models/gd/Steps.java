package dev.linea.models.gd;

/**
 * The steps of one epoch of the stochastic modes: the rows in a given (shuffled) order, cut into consecutive
 * batches of b, one step per batch along (m/(b·Σw))·Σ_{i∈B} w_i·r_i·x'_i + α·β'/σ² (the intercept unpenalized),
 * every row of a batch read at the parameters from before the batch's step. Dense rows ({@link DenseSteps}) or CSR
 * rows with lazy updates ({@link SparseSteps}); one instance per fit, its buffers reused by every epoch.
 */
interface Steps {
    /**
     * Runs one epoch.
     *
     * @param order the rows' order for this epoch; not modified
     * @param eta   the learning rate of this epoch
     * @param beta  the working parameters (n coefficients, then the intercept); modified, complete on return
     */
    void epoch(int[] order, double eta, double[] beta);
}
