package dev.linea.kernels.sparse;

import java.util.Objects;

/**
 * A sparse m×n matrix in compressed sparse row form (rows are samples): the non-zeros of row i are
 * {@code values[k]} at columns {@code indices[k]} for {@code rowPtr[i] ≤ k < rowPtr[i+1]}, column indices strictly
 * increasing within a row (so no duplicates), every value finite. An empty row or column is allowed.
 *
 * <p>Immutable as a value: the constructor validates once and keeps the arrays (not copied, for data of hundreds of
 * megabytes); whoever hands them over must not modify them afterwards. The kernels read them through
 * {@link #rowPtrUnsafe()}, {@link #indicesUnsafe()} and {@link #valuesUnsafe()}, and never modify them.
 *
 * <p>Bytes: {@code 12·nnz + 4·(m + 1)}; a 1e6 × 2^20 design with 30 non-zeros per row is 360 MB, where dense it
 * would be 8 TB.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] indices;
    private final double[] values;

    /**
     * Validates and wraps the three arrays.
     *
     * @param rows    m ≥ 0
     * @param cols    n ≥ 0
     * @param rowPtr  m + 1 offsets, {@code rowPtr[0] = 0}, non-decreasing, {@code rowPtr[m] = nnz}; kept, not modified
     * @param indices nnz column indices in [0, n), strictly increasing within each row; kept, not modified
     * @param values  nnz finite values (explicit zeros are allowed); kept, not modified
     * @throws IllegalArgumentException naming the row and position of the first violation, the value found and the
     *                                  value expected
     */
    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] indices, double[] values) {
        Objects.requireNonNull(rowPtr, "rowPtr");
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a sparse matrix of " + rows + " × " + cols + ", expected sizes ≥ 0");
        }
        if (rowPtr.length != rows + 1) {
            throw new IllegalArgumentException("rowPtr has " + rowPtr.length + " entries, expected rows + 1 = "
                    + (rows + 1));
        }
        if (rowPtr[0] != 0) {
            throw new IllegalArgumentException("rowPtr[0] is " + rowPtr[0] + ", expected 0");
        }
        int nnz = rowPtr[rows];
        if (indices.length != nnz || values.length != nnz) {
            throw new IllegalArgumentException("rowPtr[" + rows + "] = " + nnz + " non-zeros, but indices has "
                    + indices.length + " and values " + values.length + " entries; expected all three equal");
        }
        // Offsets first: the entries of a row are read only once every offset is known to be in range.
        for (int i = 0; i < rows; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) {
                throw new IllegalArgumentException("rowPtr decreases at row " + i + ": " + rowPtr[i] + " then "
                        + rowPtr[i + 1] + ", expected non-decreasing offsets");
            }
        }
        for (int i = 0; i < rows; i++) {
            int from = rowPtr[i];
            int to = rowPtr[i + 1];
            int previous = -1;
            for (int k = from; k < to; k++) {
                int j = indices[k];
                if (j < 0 || j >= cols) {
                    throw new IllegalArgumentException("row " + i + " has column index " + j + " at position " + k
                            + ", expected 0 ≤ index < " + cols);
                }
                if (j <= previous) {
                    throw new IllegalArgumentException("row " + i + " has column index " + j + " after " + previous
                            + " (position " + k + "), expected strictly increasing indices (sorted, no duplicates)");
                }
                previous = j;
                double v = values[k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + ", column " + j + " holds " + v
                            + ", expected a finite value");
                }
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.indices = indices;
        this.values = values;
    }

    /** @return m, the number of rows (samples) */
    public int rows() {
        return rows;
    }

    /** @return n, the number of columns (features) */
    public int cols() {
        return cols;
    }

    /** @return the number of stored entries */
    public int nonZeros() {
        return rowPtr[rows];
    }

    /** @return the bytes the three arrays hold */
    public long bytes() {
        return 12L * nonZeros() + 4L * (rows + 1);
    }

    /** @return the row offsets, m + 1 of them; shared, must not be modified */
    public int[] rowPtrUnsafe() {
        return rowPtr;
    }

    /** @return the column indices; shared, must not be modified */
    public int[] indicesUnsafe() {
        return indices;
    }

    /** @return the values; shared, must not be modified */
    public double[] valuesUnsafe() {
        return values;
    }

    /**
     * The same matrix by columns, built anew at each call (one counting pass and one scatter pass, O(nnz + n);
     * {@code 12·nnz + 4·(n + 1)} bytes, no other temporary) and not kept: coordinate descent reads columns while
     * it runs, and a copy cached here would double this matrix's memory for as long as the matrix lives.
     *
     * @return a new CSC form, with row indices strictly increasing within each column
     */
    public CscMatrix csc() {
        return CscMatrix.transposeOf(this);
    }

    /**
     * The dense row-major copy, for tests and small data only.
     *
     * @return m·n values, row-major
     * @throws IllegalArgumentException when m·n exceeds the largest Java array
     */
    public double[] toDense() {
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a dense copy of " + rows + " × " + cols + " = " + size
                    + " values, expected at most " + (Integer.MAX_VALUE - 8));
        }
        double[] dense = new double[(int) size];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                dense[i * cols + indices[k]] = values[k];
            }
        }
        return dense;
    }

    /**
     * The CSR form of a dense row-major matrix, keeping only the non-zero entries.
     *
     * @param x m·n values, row-major; not modified
     * @throws IllegalArgumentException when x is not m·n long or holds a non-finite value
     */
    public static CsrMatrix fromDense(int rows, int cols, double[] x) {
        Objects.requireNonNull(x, "x");
        if (rows < 0 || cols < 0 || (long) rows * cols != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected rows × cols = " + rows
                    + " × " + cols);
        }
        int nnz = 0;
        for (double v : x) {
            if (v != 0) {
                nnz++;
            }
        }
        int[] ptr = new int[rows + 1];
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = x[i * cols + j];
                if (v != 0) {
                    idx[k] = j;
                    val[k++] = v;
                }
            }
            ptr[i + 1] = k;
        }
        return new CsrMatrix(rows, cols, ptr, idx, val);
    }
}
