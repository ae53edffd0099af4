package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

import java.util.Arrays;

/**
 * GEMM {@code C ← α·op(A)·op(B) + β·C} on row-major storage: C is scaled by β once (β = 0 overwrites, so NaN in C
 * does not propagate), then the packed level-3 loop nest ({@link PackedProduct}) adds α·op(A)·op(B); either
 * transpose is absorbed by the packing, which reads the operand in whichever order it is stored.
 */
final class Gemm {
    private Gemm() {
    }

    static void gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return; // C is empty; with n = 0 its row offsets may even lie past the array's end
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, ci, ci + n, 0.0);
            } else if (beta != 1) {
                Level1.scal(n, beta, c, ci);
            }
        }
        PackedProduct.multiply(false, m, n, k, alpha, a, aOff, lda, transA == Transpose.TRANSPOSE, null, 0,
                b, bOff, ldb, transB == Transpose.TRANSPOSE, false, c, cOff, ldc);
    }
}
