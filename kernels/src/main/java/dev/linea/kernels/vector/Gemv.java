package dev.linea.kernels.vector;

import java.util.Arrays;

/**
 * SIMD GEMV on row-major A, blocked by four rows. {@code y ← α·A·x + β·y}: four row dot products share each load of
 * x. {@code y ← α·Aᵀ·x + β·y}: y is scaled once, then each block of four rows adds {@code Σ_k (α·x_k)·a_k} to y, so y
 * is loaded and stored once per four rows instead of once per row. When β = 0, y is overwritten without being read.
 */
final class Gemv {
    private Gemv() {
    }

    static void notTransposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        double[] d = new double[4];
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int p = aOff + i * lda;
            RowBlocks.dot4(a, p, p + lda, p + 2 * lda, p + 3 * lda, n, x, xOff, d, 0);
            for (int k = 0; k < 4; k++) {
                int yi = yOff + i + k;
                y[yi] = beta == 0 ? alpha * d[k] : alpha * d[k] + beta * y[yi];
            }
        }
        for (; i < m; i++) {
            double s = RowBlocks.dot1(a, aOff + i * lda, n, x, xOff);
            int yi = yOff + i;
            y[yi] = beta == 0 ? alpha * s : alpha * s + beta * y[yi];
        }
    }

    static void transposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                           double[] x, int xOff, double beta, double[] y, int yOff) {
        if (beta == 0) {
            Arrays.fill(y, yOff, yOff + n, 0.0);
        } else if (beta != 1) {
            Level1.scal(n, beta, y, yOff);
        }
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int p = aOff + i * lda;
            RowBlocks.update4(a, p, p + lda, p + 2 * lda, p + 3 * lda, n, alpha * x[xOff + i],
                    alpha * x[xOff + i + 1], alpha * x[xOff + i + 2], alpha * x[xOff + i + 3], y, yOff);
        }
        for (; i < m; i++) {
            RowBlocks.update1(a, aOff + i * lda, n, alpha * x[xOff + i], y, yOff);
        }
    }
}
