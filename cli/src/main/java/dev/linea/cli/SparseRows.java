package dev.linea.cli;

import dev.linea.kernels.sparse.CsrMatrix;

/** Row subsets of a CSR matrix: the training and held-out rows of a split, the folds of a cross-validation. */
final class SparseRows {
    private SparseRows() {
    }

    /**
     * @param x    not modified
     * @param rows row indices of x, in the order wanted (repeats allowed)
     * @return a new CSR matrix of those rows, with x's columns; O(non-zeros of the rows)
     */
    static CsrMatrix take(CsrMatrix x, int[] rows) {
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        int[] ptr = new int[rows.length + 1];
        long nnz = 0;
        for (int k = 0; k < rows.length; k++) {
            nnz += rp[rows[k] + 1] - rp[rows[k]];
            if (nnz > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the " + rows.length + " rows hold more than "
                        + (Integer.MAX_VALUE - 8) + " non-zeros, expected fewer (one Java array)");
            }
            ptr[k + 1] = (int) nnz;
        }
        int[] idx = new int[(int) nnz];
        double[] val = new double[(int) nnz];
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            int len = rp[i + 1] - rp[i];
            System.arraycopy(ci, rp[i], idx, ptr[k], len);
            System.arraycopy(xv, rp[i], val, ptr[k], len);
        }
        return new CsrMatrix(rows.length, x.cols(), ptr, idx, val);
    }
}
