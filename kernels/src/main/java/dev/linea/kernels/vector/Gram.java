package dev.linea.kernels.vector;

/** STUB: to be replaced by the register-blocked SIMD Gram kernel. */
final class Gram {
    private Gram() {
    }

    static void gram(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                     double[] c, int cOff, int ldc) {
        dev.linea.kernels.ScalarBackend.INSTANCE.gram(m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
    }
}
