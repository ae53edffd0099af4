package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

/** STUB: to be replaced by the blocked SIMD Householder QR. */
final class HouseholderQr {
    private HouseholderQr() {
    }

    static void factor(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        dev.linea.kernels.ScalarBackend.INSTANCE.qr(m, n, a, aOff, lda, tau, tauOff);
    }

    static void multiplyQ(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                          double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        dev.linea.kernels.ScalarBackend.INSTANCE.qrMultiplyQ(trans, m, n, nrhs, qr, qrOff, ldqr, tau, tauOff, b, bOff, ldb);
    }
}
