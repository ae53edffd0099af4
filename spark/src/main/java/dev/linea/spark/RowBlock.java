package dev.linea.spark;

import dev.linea.kernels.sparse.CsrMatrix;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows of one partition stacked as one block, the unit every executor-side kernel works on: {@code rows} samples of
 * {@code cols} features, their targets and (optionally) weights and offsets. The features are either dense
 * ({@code x}, row-major) or sparse ({@code sparse}, CSR: {@link DistributedData#withSparseRows}); exactly one of the
 * two is set. Blocks are built once per pass by {@link BlockReader}, or once per fit when an iterative estimator
 * caches them.
 *
 * @param partition the Spark partition the rows came from
 * @param firstRow  index, within the partition, of the block's first row (0-based)
 * @param x         rows×cols, row-major; null when the block is sparse
 * @param y         rows targets
 * @param w         rows weights ≥ 0, or null for unit weights
 * @param offset    rows finite offsets of the linear predictor ({@link DistributedData#withOffset}), or null for
 *                  none; only the GLM reads them (the other estimators refuse data with an offset)
 * @param sparse    the features as CSR rows, or null when the block is dense
 */
public record RowBlock(int partition, long firstRow, int rows, int cols, double[] x, double[] y, double[] w,
                       double[] offset, SparseRows sparse) implements Serializable {

    /** A dense block. */
    public RowBlock(int partition, long firstRow, int rows, int cols, double[] x, double[] y, double[] w,
                    double[] offset) {
        this(partition, firstRow, rows, cols, x, y, w, offset, null);
    }

    /** A dense block without offsets. */
    public RowBlock(int partition, long firstRow, int rows, int cols, double[] x, double[] y, double[] w) {
        this(partition, firstRow, rows, cols, x, y, w, null, null);
    }

    /** A sparse block: the features as CSR rows. */
    static RowBlock sparse(int partition, long firstRow, SparseRows rows, double[] y, double[] w, double[] offset) {
        return new RowBlock(partition, firstRow, rows.rows(), rows.cols(), null, y, w, offset, rows);
    }

    /** @return whether the features are CSR rows ({@link #csr()}) rather than dense ones ({@link #x()}) */
    public boolean isSparse() {
        return sparse != null;
    }

    /** @return the features as a CSR matrix (validated once per JVM); only for a sparse block */
    CsrMatrix csr() {
        return sparse.matrix();
    }

    /**
     * This block as dense blocks of at most {@code maxRows} rows each, made one at a time as they are iterated (so
     * that one piece of about 4 MB is alive at once), or itself when it is dense: for the passes that need dense
     * rows, which the estimators run on sparse data only when the columns are few
     * ({@link DistributedData#requireFewColumns}). The pieces keep the partition and the rows' numbers.
     */
    Iterable<RowBlock> denseChunks(int maxRows) {
        if (sparse == null) {
            return List.of(this);
        }
        return () -> new Iterator<>() {
            private int from;

            @Override
            public boolean hasNext() {
                return from < rows;
            }

            @Override
            public RowBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(rows, from + maxRows);
                RowBlock piece = new RowBlock(partition, firstRow + from, to - from, cols, sparse.dense(from, to),
                        Arrays.copyOfRange(y, from, to), w == null ? null : Arrays.copyOfRange(w, from, to),
                        offset == null ? null : Arrays.copyOfRange(offset, from, to));
                from = to;
                return piece;
            }
        };
    }
}
