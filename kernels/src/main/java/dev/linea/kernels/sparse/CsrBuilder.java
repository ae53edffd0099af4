package dev.linea.kernels.sparse;

import java.util.Arrays;

/**
 * Builds a {@link CsrMatrix} one row at a time from (column index, value) pairs given in any order.
 *
 * <p>Per row, the pairs are sorted by column index and <b>duplicates are summed</b> (as scipy's
 * {@code sum_duplicates} and scikit-learn's {@code FeatureHasher} do: two hashed values landing in one column add
 * up); an entry whose sum is exactly 0 (say +1 and −1 from signed hashing) is then <b>dropped</b>, so the matrix
 * stores no explicit zeros. The arrays grow by half as needed and are trimmed to their exact size by
 * {@link #build}; the builder may not be used after it.
 *
 * <p>Not thread-safe: one builder per thread.
 */
public final class CsrBuilder {
    private final int fixedCols;
    private int rows;
    private int[] rowPtr = new int[17];
    private int[] indices;
    private double[] values;
    private int nnz;
    private int maxIndex = -1;
    private boolean built;
    /** Scratch for sorting a long row: packed (index, position) keys. */
    private long[] keys = new long[0];

    /**
     * A builder whose matrix has {@code cols} columns: every index must be below it.
     *
     * @param cols       n ≥ 0, or −1 to take n = (largest index seen) + 1 at {@link #build}
     * @param nnzPerRow  a guess of the non-zeros per row, to size the first arrays (≥ 0)
     * @param rowsGuess  a guess of the rows (≥ 0)
     */
    public CsrBuilder(int cols, int rowsGuess, int nnzPerRow) {
        if (cols < -1) {
            throw new IllegalArgumentException("cols = " + cols + ", expected ≥ 0 (or −1: inferred)");
        }
        if (rowsGuess < 0 || nnzPerRow < 0) {
            throw new IllegalArgumentException("size guesses " + rowsGuess + " rows × " + nnzPerRow
                    + " non-zeros, expected ≥ 0");
        }
        this.fixedCols = cols;
        long cap = Math.min((long) rowsGuess * nnzPerRow, Integer.MAX_VALUE - 8);
        this.rowPtr = new int[Math.max(rowsGuess, 16) + 1];
        this.indices = new int[(int) Math.max(cap, 16)];
        this.values = new double[indices.length];
    }

    /** A builder whose column count is inferred: (largest index) + 1. */
    public CsrBuilder() {
        this(-1, 16, 16);
    }

    /** @return the rows added so far */
    public int rows() {
        return rows;
    }

    /** @return the entries stored so far (after merging duplicates and dropping zeros) */
    public int nonZeros() {
        return nnz;
    }

    /**
     * Adds a row: the first {@code count} pairs {@code (index[k], value[k])}, any order, duplicates summed.
     *
     * @param index 0-based column indices; not modified
     * @param value finite values; not modified
     * @return this builder
     * @throws IllegalArgumentException for a negative index, one beyond a fixed column count, a non-finite value, or
     *                                  a sum of duplicates that overflows to infinity; the message names the row
     *                                  (0-based) and the position; the row is then not added
     */
    public CsrBuilder addRow(int[] index, double[] value, int count) {
        if (built) {
            throw new IllegalStateException("build() was called: this builder is spent");
        }
        if (count < 0 || count > index.length || count > value.length) {
            throw new IllegalArgumentException("row " + rows + ": count " + count + " with " + index.length
                    + " indices and " + value.length + " values, expected 0 ≤ count ≤ both lengths");
        }
        ensure(nnz + count);
        int start = nnz;
        for (int k = 0; k < count; k++) {
            int j = index[k];
            double v = value[k];
            if (j < 0 || (fixedCols >= 0 && j >= fixedCols)) {
                throw new IllegalArgumentException("row " + rows + " has column index " + j + " at position " + k
                        + ", expected 0 ≤ index < " + (fixedCols >= 0 ? fixedCols : Integer.MAX_VALUE));
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("row " + rows + " has value " + v + " at position " + k
                        + " (column " + j + "), expected a finite value");
            }
            indices[start + k] = j;
            values[start + k] = v;
        }
        sort(start, count);
        // Merge runs of one index, dropping exact zeros, compacting in place.
        int out = start;
        int k = start;
        int end = start + count;
        int max = maxIndex;
        while (k < end) {
            int j = indices[k];
            double s = values[k++];
            while (k < end && indices[k] == j) {
                s += values[k++];
            }
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("row " + rows + ": the values at column " + j + " sum to " + s
                        + ", expected a finite sum");
            }
            if (s != 0) {
                indices[out] = j;
                values[out++] = s;
                max = Math.max(max, j);
            }
        }
        nnz = out;
        maxIndex = max;
        if (rows + 1 >= rowPtr.length) {
            rowPtr = Arrays.copyOf(rowPtr, grow(rowPtr.length));
        }
        rowPtr[++rows] = nnz;
        return this;
    }

    /**
     * @return the matrix; the builder is spent
     * @throws IllegalStateException when called twice
     */
    public CsrMatrix build() {
        if (built) {
            throw new IllegalStateException("build() was called already");
        }
        built = true;
        int cols = fixedCols >= 0 ? fixedCols : maxIndex + 1;
        int[] ptr = Arrays.copyOf(rowPtr, rows + 1);
        int[] idx = indices.length == nnz ? indices : Arrays.copyOf(indices, nnz);
        indices = null;
        double[] val = values.length == nnz ? values : Arrays.copyOf(values, nnz);
        values = null;
        return new CsrMatrix(rows, cols, ptr, idx, val);
    }

    /** Sorts {@code [start, start + count)} by index; stable, so duplicates are summed in the order given. */
    private void sort(int start, int count) {
        if (count <= 32) {
            for (int a = start + 1; a < start + count; a++) {
                int j = indices[a];
                double v = values[a];
                int b = a - 1;
                while (b >= start && indices[b] > j) {
                    indices[b + 1] = indices[b];
                    values[b + 1] = values[b];
                    b--;
                }
                indices[b + 1] = j;
                values[b + 1] = v;
            }
            return;
        }
        boolean sorted = true;
        for (int a = start + 1; a < start + count && sorted; a++) {
            sorted = indices[a - 1] <= indices[a];
        }
        if (sorted) {
            return;
        }
        if (keys.length < count) {
            keys = new long[count];
        }
        for (int a = 0; a < count; a++) {
            keys[a] = ((long) indices[start + a] << 32) | a; // index ≥ 0: the keys order as (index, position)
        }
        Arrays.sort(keys, 0, count);
        double[] v = new double[count];
        for (int a = 0; a < count; a++) {
            v[a] = values[start + (int) keys[a]];
        }
        for (int a = 0; a < count; a++) {
            indices[start + a] = (int) (keys[a] >>> 32);
            values[start + a] = v[a];
        }
    }

    private void ensure(long need) {
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(need + " non-zeros, expected at most " + (Integer.MAX_VALUE - 8)
                    + " (a CSR matrix holds them in Java arrays)");
        }
        if (need > indices.length) {
            int cap = (int) Math.max(need, grow(indices.length));
            indices = Arrays.copyOf(indices, cap);
            values = Arrays.copyOf(values, cap);
        }
    }

    private static int grow(int length) {
        return (int) Math.min((long) length + (length >> 1) + 16, Integer.MAX_VALUE - 8);
    }
}
