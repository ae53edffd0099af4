package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

/** STUB: to be replaced by the register-blocked SIMD GEMM kernel. */
final class Gemm {
    private Gemm() {
    }

    static void gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        dev.linea.kernels.ScalarBackend.INSTANCE.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
