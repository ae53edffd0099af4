package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

/** STUB: to be replaced by the SIMD, row-blocked GEMV kernels. */
final class Gemv {
    private Gemv() {
    }

    static void notTransposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        dev.linea.kernels.ScalarBackend.INSTANCE.gemv(Transpose.NONE, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    static void transposed(int m, int n, double alpha, double[] a, int aOff, int lda,
                           double[] x, int xOff, double beta, double[] y, int yOff) {
        dev.linea.kernels.ScalarBackend.INSTANCE.gemv(Transpose.TRANSPOSE, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }
}
