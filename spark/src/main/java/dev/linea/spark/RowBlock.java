package dev.linea.spark;

import java.io.Serializable;

/**
 * Rows of one partition stacked row-major, the unit every executor-side kernel works on: {@code rows} samples of
 * {@code cols} features in {@code x}, their targets and (optionally) weights. Blocks are built once per pass by
 * {@link BlockReader}, or once per fit when an iterative estimator caches them.
 *
 * @param partition the Spark partition the rows came from
 * @param firstRow  index, within the partition, of the block's first row (0-based)
 * @param x         rows×cols, row-major
 * @param y         rows targets
 * @param w         rows weights ≥ 0, or null for unit weights
 */
public record RowBlock(int partition, long firstRow, int rows, int cols, double[] x, double[] y, double[] w)
        implements Serializable {
}
