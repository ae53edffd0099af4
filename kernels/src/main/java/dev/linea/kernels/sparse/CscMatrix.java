package dev.linea.kernels.sparse;

/**
 * A sparse m×n matrix in compressed sparse column form: the non-zeros of column j are {@code values[k]} at rows
 * {@code indices[k]} for {@code colPtr[j] ≤ k < colPtr[j+1]}, row indices strictly increasing within a column. Made
 * from a {@link CsrMatrix} ({@link CsrMatrix#csc()}, a new one per call), so already validated. Immutable; the arrays
 * are shared and must not be modified.
 */
public final class CscMatrix {
    private final int rows;
    private final int cols;
    private final int[] colPtr;
    private final int[] indices;
    private final double[] values;

    private CscMatrix(int rows, int cols, int[] colPtr, int[] indices, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.colPtr = colPtr;
        this.indices = indices;
        this.values = values;
    }

    /**
     * Counting sort of the CSR entries by column; rows come out increasing because CSR is scanned in row order. The
     * column offsets double as the scatter cursors (each ends at the next column's start, then all shift back by
     * one), so the only arrays allocated are the result's.
     */
    static CscMatrix transposeOf(CsrMatrix a) {
        int m = a.rows();
        int n = a.cols();
        int[] rp = a.rowPtrUnsafe();
        int[] ci = a.indicesUnsafe();
        double[] av = a.valuesUnsafe();
        int nnz = a.nonZeros();
        int[] ptr = new int[n + 1];
        for (int k = 0; k < nnz; k++) {
            ptr[ci[k] + 1]++;
        }
        for (int j = 0; j < n; j++) {
            ptr[j + 1] += ptr[j];
        }
        // ptr[j] = start of column j; used as its cursor it ends at the start of column j + 1
        int[] ri = new int[nnz];
        double[] val = new double[nnz];
        for (int i = 0; i < m; i++) {
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                int dst = ptr[ci[k]]++;
                ri[dst] = i;
                val[dst] = av[k];
            }
        }
        for (int j = n; j > 0; j--) {
            ptr[j] = ptr[j - 1];
        }
        ptr[0] = 0;
        return new CscMatrix(m, n, ptr, ri, val);
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
        return colPtr[cols];
    }

    /** @return the column offsets, n + 1 of them; shared, must not be modified */
    public int[] colPtrUnsafe() {
        return colPtr;
    }

    /** @return the row indices; shared, must not be modified */
    public int[] indicesUnsafe() {
        return indices;
    }

    /** @return the values; shared, must not be modified */
    public double[] valuesUnsafe() {
        return values;
    }
}
