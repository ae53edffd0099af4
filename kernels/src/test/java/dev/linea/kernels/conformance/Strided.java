package dev.linea.kernels.conformance;

import java.util.Random;

/**
 * A row-major {@code rows × cols} matrix (or, with one row, a vector) at offset {@code off} with leading dimension
 * {@code ld}, inside an array whose every other element (before the offset, in the padding between {@code cols}
 * and {@code ld}, after the last row) holds {@link #SENTINEL}. Lets a test check that a kernel wrote only where it
 * may and read nothing it should not.
 */
final class Strided {
    /** Filler outside the matrix: a value no kernel computes by accident. */
    static final double SENTINEL = -0x1.5eedp77;
    /** Sentinel elements after the last row. */
    static final int TAIL = 3;

    final int rows;
    final int cols;
    final int off;
    final int ld;
    final double[] data;

    private Strided(int rows, int cols, int off, int ld, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.off = off;
        this.ld = ld;
        this.data = data;
    }

    /** A matrix whose rows are {@code pad} elements longer than {@code cols}; every element set to the sentinel. */
    static Strided matrix(int rows, int cols, int off, int pad) {
        int ld = Math.max(1, cols + pad);
        int extent = rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
        double[] data = new double[off + extent + TAIL];
        java.util.Arrays.fill(data, SENTINEL);
        return new Strided(rows, cols, off, ld, data);
    }

    /** A contiguous vector of n elements at {@code off}. */
    static Strided vector(int n, int off) {
        return matrix(1, n, off, 0);
    }

    int index(int i, int j) {
        return off + i * ld + j;
    }

    double get(int i, int j) {
        return data[index(i, j)];
    }

    void set(int i, int j, double v) {
        data[index(i, j)] = v;
    }

    /** Vector element i (row 0). */
    double at(int i) {
        return data[off + i];
    }

    /** Fills the matrix with uniform values in [-1, 1). */
    Strided random(Random rnd) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                set(i, j, 2 * rnd.nextDouble() - 1);
            }
        }
        return this;
    }

    /** Fills the matrix with one value (e.g. NaN, for outputs that must be overwritten without being read). */
    Strided fill(double v) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                set(i, j, v);
            }
        }
        return this;
    }

    /** Non-negative weights in [0, 2), about one in seven exactly zero. */
    Strided weights(Random rnd) {
        for (int j = 0; j < cols; j++) {
            set(0, j, rnd.nextInt(7) == 0 ? 0 : 2 * rnd.nextDouble());
        }
        return this;
    }

    Strided copy() {
        return new Strided(rows, cols, off, ld, data.clone());
    }

    /** Same layout, elementwise absolute values (sentinels included, which nothing reads). */
    Strided abs() {
        double[] d = data.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(d[i]);
        }
        return new Strided(rows, cols, off, ld, d);
    }

    boolean inside(int idx) {
        if (rows == 0 || cols == 0 || idx < off) {
            return false;
        }
        int rel = idx - off;
        return rel / ld < rows && rel % ld < cols;
    }

    /** Records a failure for every element outside the matrix that is not bit-identical to {@code before}. */
    void requireOutsideUnchanged(Strided before, String array, Failures failures, String context) {
        int changed = 0;
        int first = -1;
        for (int i = 0; i < data.length; i++) {
            if (!inside(i) && Double.doubleToRawLongBits(data[i]) != Double.doubleToRawLongBits(before.data[i])) {
                if (changed++ == 0) {
                    first = i;
                }
            }
        }
        if (changed > 0) {
            failures.add(context + ": wrote " + changed + " element(s) of " + array + " outside its " + rows + "×"
                    + cols + " region (offset " + off + ", ld " + ld + "); first at array index " + first
                    + ": " + before.data[first] + " became " + data[first]);
        }
    }

    /** Records a failure if any element of the array (an input the kernel must not modify) changed. */
    void requireUnchanged(Strided before, String array, Failures failures, String context) {
        for (int i = 0; i < data.length; i++) {
            if (Double.doubleToRawLongBits(data[i]) != Double.doubleToRawLongBits(before.data[i])) {
                failures.add(context + ": modified input " + array + " at array index " + i + ": "
                        + before.data[i] + " became " + data[i]);
                return;
            }
        }
    }
}
