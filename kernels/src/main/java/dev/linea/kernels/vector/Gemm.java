package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

import java.util.Arrays;

/**
 * GEMM {@code C ← α·op(A)·op(B) + β·C} on row-major storage: C is scaled by β once, then the packed level-3 loop
 * nest ({@link PackedProduct}) adds α·op(A)·op(B); with β = 0 the product's first pass overwrites C instead (C is
 * not read, so NaN in C does not propagate, and there is no separate clearing pass); either
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
        boolean ta = transA == Transpose.TRANSPOSE;
        boolean tb = transB == Transpose.TRANSPOSE;
        if (beta == 0 && k > 0) {
            // C is overwritten by the product's first block of k instead of cleared first.
            PackedProduct.multiplyOverwrite(m, n, k, alpha, a, aOff, lda, ta, b, bOff, ldb, tb, c, cOff, ldc);
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, ci, ci + n, 0.0);
            } else if (beta != 1) {
                Level1.scal(n, beta, c, ci);
            }
        }
        PackedProduct.multiply(false, m, n, k, alpha, a, aOff, lda, ta, null, 0, b, bOff, ldb, tb, false,
                c, cOff, ldc);
    }
}
