package dev.linea.spark;

import dev.linea.kernels.sparse.CsrMatrix;

import java.io.Serializable;

/**
 * The features of a sparse {@link RowBlock}: the three CSR arrays of its rows (rows are samples), as
 * {@link BlockReader} read them from MLlib vectors, and the {@link CsrMatrix} over them that the sparse kernels take.
 * The arrays are what Spark serializes (a cached block spilled to disk, a block shipped to another executor);
 * the matrix is made from them once per JVM, on first use, and validated then (sorted, duplicate-free, in range,
 * finite: the reader has checked all of it already, naming the row).
 *
 * <p>Bytes: {@code 12·nnz + 4·(rows + 1)}, whatever the number of columns. Immutable as a value (internal arrays).
 */
public final class SparseRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] indices;
    private final double[] values;
    private transient volatile CsrMatrix matrix;

    /** @param rowPtr rows + 1 offsets; indices and values: rowPtr[rows] entries each (kept, not copied) */
    SparseRows(int rows, int cols, int[] rowPtr, int[] indices, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.indices = indices;
        this.values = values;
    }

    /** @return the rows as a validated CSR matrix (made once per JVM; its arrays are these, not copies) */
    CsrMatrix matrix() {
        CsrMatrix m = matrix;
        if (m == null) {
            m = new CsrMatrix(rows, cols, rowPtr, indices, values);
            matrix = m;
        }
        return m;
    }

    /** @return m, the rows */
    public int rows() {
        return rows;
    }

    /** @return n, the columns */
    public int cols() {
        return cols;
    }

    /** @return the stored entries */
    public int nonZeros() {
        return rowPtr[rows];
    }

    /** @return the rows + 1 offsets, the block's own array (do not modify) */
    int[] rowPtr() {
        return rowPtr;
    }

    /** @return the column indices, the block's own array (do not modify) */
    int[] indices() {
        return indices;
    }

    /** @return the values, the block's own array (do not modify) */
    double[] values() {
        return values;
    }

    /**
     * Rows {@code from … to − 1} densified, row-major (to − from)×cols: for the passes that need dense rows
     * (the tall-skinny QR, the residual passes), a few at a time, and only when the columns are few.
     */
    double[] dense(int from, int to) {
        double[] x = new double[(to - from) * cols];
        for (int i = from; i < to; i++) {
            int row = (i - from) * cols;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                x[row + indices[k]] = values[k];
            }
        }
        return x;
    }
}
