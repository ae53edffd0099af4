package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.ROWS;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * {@code y ← α·op(A)·x + β·y} for row-major A (m×n, lda), memory-bound: A is streamed once, in row blocks.
 * <ul>
 *   <li>NONE: 8 rows at a time share each load of x, each row with its own accumulator (8 independent FMA chains);
 *       the 8 row sums come out of one transposed reduction as a vector, so y is updated 8 lanes at once.</li>
 *   <li>TRANSPOSE: y(n) += Σ_i (α·x_i)·a_i over 8 rows per pass, so each chunk of y is loaded and stored once per
 *       8 rows rather than once per row.</li>
 * </ul>
 * With β = 0, y is only written (a NaN in y does not propagate), as the contract requires.
 */
final class Gemv {
    private Gemv() {
    }

    static void notTransposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        VectorMask<Double> tail = S.indexInRange(n - n % L, n);
        int i = 0;
        if (MemLanes.EIGHT) {
            DoubleVector av = DoubleVector.broadcast(S, alpha);
            for (; i <= m - ROWS; i += ROWS) {
                DoubleVector z = MemRows.dot8(n, tail, a, aOff + i * lda, lda, x, xOff).mul(av);
                if (beta != 0) {
                    z = DoubleVector.fromArray(S, y, yOff + i).fma(DoubleVector.broadcast(S, beta), z);
                }
                z.intoArray(y, yOff + i);
            }
        }
        for (; i < m; i++) {
            double z = alpha * MemRows.dot(n, tail, a, aOff + i * lda, x, xOff);
            y[yOff + i] = beta == 0 ? z : Math.fma(beta, y[yOff + i], z);
        }
    }

    static void transposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                           double[] x, int xOff, double beta, double[] y, int yOff) {
        if (beta == 0) {
            Level1.zero(n, y, yOff);
        } else if (beta != 1) {
            Level1.scal(n, beta, y, yOff);
        }
        VectorMask<Double> tail = S.indexInRange(n - n % L, n);
        int i = 0;
        if (MemLanes.EIGHT) {
            DoubleVector av = DoubleVector.broadcast(S, alpha);
            for (; i <= m - ROWS; i += ROWS) {
                DoubleVector c = DoubleVector.fromArray(S, x, xOff + i).mul(av);
                MemRows.axpy8(n, tail, c, a, aOff + i * lda, lda, y, yOff);
            }
        }
        for (; i < m; i++) {
            MemRows.axpy(n, tail, alpha * x[xOff + i], a, aOff + i * lda, y, yOff);
        }
    }
}
