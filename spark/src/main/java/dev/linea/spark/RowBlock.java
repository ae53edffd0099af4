package dev.linea.spark;

import java.io.Serializable;

/**
 * Rows of one partition stacked row-major, the unit every executor-side kernel works on: {@code rows} samples of
 * {@code cols} features in {@code x}, their targets and (optionally) weights and offsets. Blocks are built once per
 * pass by {@link BlockReader}, or once per fit when an iterative estimator caches them.
 *
 * @param partition the Spark partition the rows came from
 * @param firstRow  index, within the partition, of the block's first row (0-based)
 * @param x         rows×cols, row-major
 * @param y         rows targets
 * @param w         rows weights ≥ 0, or null for unit weights
 * @param offset    rows finite offsets of the linear predictor ({@link DistributedData#withOffset}), or null for
 *                  none; only the GLM reads them (the other estimators refuse data with an offset)
 */
public record RowBlock(int partition, long firstRow, int rows, int cols, double[] x, double[] y, double[] w,
                       double[] offset) implements Serializable {

    /** A block without offsets. */
    public RowBlock(int partition, long firstRow, int rows, int cols, double[] x, double[] y, double[] w) {
        this(partition, firstRow, rows, cols, x, y, w, null);
    }
}
