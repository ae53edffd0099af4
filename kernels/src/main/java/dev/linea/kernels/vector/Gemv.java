package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;

import static dev.linea.kernels.vector.MemLanes.ROWS;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * {@code y ← α·op(A)·x + β·y} for row-major A (m×n, lda), memory-bound: A is streamed once, in row blocks.
 * <ul>
 *   <li>NONE: 8 rows at a time share each load of x, each row with its own accumulator (8 independent FMA chains);
 *       the 8 row sums come out of one transposed reduction, so y is updated 8 lanes at once: on 8 lanes, for
 *       at most 16 columns. Other widths (AVX2), and wider A on 8 lanes ({@link MemLanes#consecutiveRows}), take
 *       8 rows at a time, one from each eighth of A (8 memory streams at once).</li>
 *   <li>TRANSPOSE: y(n) += Σ_i (α·x_i)·a_i, 4 rows per pass so that each chunk of y is loaded and stored once per
 *       4 rows (reading row after row instead measured slower at 1e5×100: 16 vs 25 GB/s), on 8 lanes for at most
 *       16 columns. Other widths (AVX2), and wider A on 8 lanes: 8 rows per pass, one from each eighth of A.</li>
 * </ul>
 * With β = 0, y is only written (a NaN in y does not propagate), as the contract requires.
 */
final class Gemv {
    private Gemv() {
    }

    static void notTransposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        int i = 0;
        if (MemLanes.consecutiveRows(n)) {
            int mBlocks = MemRows.blockRows(m, n, a, aOff, lda);
            double[] xp = MemRows.paddedCopy(n, x, xOff);
            double[] z = new double[ROWS];
            double[] scratch = new double[ROWS * MemLanes.L];
            for (; i < mBlocks; i += ROWS) {
                MemRows.dot8(n, a, aOff + i * lda, lda, xp, 0, z, 0, scratch);
                DoubleVector zv = DoubleVector.fromArray(S, z, 0).mul(alpha);
                if (beta != 0) {
                    zv = DoubleVector.fromArray(S, y, yOff + i).fma(DoubleVector.broadcast(S, beta), zv);
                }
                zv.intoArray(y, yOff + i);
            }
        } else {
            i = notTransposed8(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        }
        for (; i < m; i++) {
            double z = alpha * MemRows.dot(n, a, aOff + i * lda, x, xOff);
            y[yOff + i] = beta == 0 ? z : Math.fma(beta, y[yOff + i], z);
        }
    }

    /**
     * Species other than 8 lanes (AVX2: 4), and more than 16 columns on 8: blocks of 8 rows, one from each eighth
     * of the rows (rows j, q + j, …, 7q + j), 8 independent FMA chains sharing each load of x, the partial vectors
     * reduced 4 at a time ({@link MemLanes#sum4}). The eighths make A 8 sequential streams read at once, which one core of the AVX2
     * EPYC needs to approach its bandwidth: 1e4×1e3 ran at 7.8 ms row by row, 5.0 ms with 4 consecutive rows,
     * 4.9 with 4 quarters and 4.1 with 8 eighths (1e5×100: 9.0, 11, 5.6, 4.7 ms). Returns the number of rows done
     * (the rest go row by row).
     */
    private static int notTransposed8(int m, int n, double alpha, double[] a, int aOff, int lda,
                                      double[] x, int xOff, double beta, double[] y, int yOff) {
        int mBlocks = MemRows.blockRows(m, n, a, aOff, lda);
        int q = mBlocks / 8;
        double[] xp = MemRows.paddedCopy(n, x, xOff);
        double[] acc = new double[8 * MemLanes.L];
        double[] z = new double[8];
        for (int j = 0; j < q; j++) {
            MemRows.dot8(n, a, aOff + j * lda, q * lda, xp, 0, acc);
            MemLanes.sum4(acc, 0, z, 0);
            MemLanes.sum4(acc, 4 * MemLanes.L, z, 4);
            for (int k = 0; k < 8; k++) {
                int i = yOff + j + k * q;
                double zk = alpha * z[k];
                y[i] = beta == 0 ? zk : Math.fma(beta, y[i], zk);
            }
        }
        return mBlocks;
    }

    /**
     * acc += Σ_i (α·x_i)·a_i for species other than 8 lanes (AVX2: 4), in blocks of 8 rows, one from each eighth of
     * A (rows j, q + j, …, 7q + j: 8 memory streams at once), each chunk of acc loaded and stored once per block
     * ({@link MemRows#axpy8Rows}). Row by row this ran at 7.0 ms on 1e4×1e3 and 1e5×100, 4 quarters at 4.5 to 5.0,
     * 8 eighths at 3.55 (22.5 GB/s). Returns the number of rows done (the rest go row by row).
     */
    private static int transposed8(int m, int n, double alpha, double[] a, int aOff, int lda,
                                   double[] x, int xOff, double[] acc) {
        int mBlocks = MemRows.blockRows(m, n, a, aOff, lda);
        int q = mBlocks / 8;
        double[] c = new double[8];
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < 8; k++) {
                c[k] = alpha * x[xOff + j + k * q];
            }
            MemRows.axpy8Rows(n, c, a, aOff + j * lda, q * lda, acc, 0);
        }
        return mBlocks;
    }

    static void transposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                           double[] x, int xOff, double beta, double[] y, int yOff) {
        // accumulate Σ_i (α·x_i)·a_i in a zeroed, padded array (every chunk fits), then y ← acc + β·y
        double[] acc = new double[MemRows.padded(n)];
        int i = 0;
        if (MemLanes.consecutiveRows(n)) {
            int mBlocks = MemRows.blockRows(m, n, a, aOff, lda);
            double[] c = new double[ROWS];
            for (; i < mBlocks; i += ROWS) {
                DoubleVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(c, 0);
                MemRows.axpy8(n, c, 0, a, aOff + i * lda, lda, acc, 0);
            }
        } else {
            i = transposed8(m, n, alpha, a, aOff, lda, x, xOff, acc);
        }
        for (; i < m; i++) {
            MemRows.axpy(n, alpha * x[xOff + i], a, aOff + i * lda, acc, 0);
        }
        if (beta == 0) {
            System.arraycopy(acc, 0, y, yOff, n);
        } else {
            Level1.axpy(n, beta, y, yOff, acc, 0); // acc ← β·y + acc, then copied back
            System.arraycopy(acc, 0, y, yOff, n);
        }
    }
}
