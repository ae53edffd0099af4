package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

/**
 * Householder QR in LAPACK's compact form with dlarfg's sign convention (identical storage to every backend),
 * applying each reflector by rows so that every access to the trailing matrix is contiguous: first
 * {@code w = vᵀ·A[j:m, j+1:n]} as a combination of rows (four rows per pass over w), then the rank-one update
 * {@code A[i, j+1:n] −= τ·v_i·w}. The column norm is scaled (as dnrm2 does) so that entries of 1e±300 neither
 * overflow nor underflow.
 */
final class HouseholderQr {
    private HouseholderQr() {
    }

    static void factor(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        double[] w = new double[Math.max(1, n)];
        for (int j = 0; j < n; j++) {
            int dj = aOff + j * lda + j;
            double alpha = a[dj];
            double xnorm = columnNorm(a, aOff, lda, j, j + 1, m);
            if (xnorm == 0) {
                tau[tauOff + j] = 0;
                continue;
            }
            double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
            double t = (beta - alpha) / beta;
            tau[tauOff + j] = t;
            double scale = 1 / (alpha - beta);
            for (int i = j + 1; i < m; i++) {
                a[aOff + i * lda + j] *= scale;
            }
            a[dj] = beta;
            apply(m, j, t, a, aOff, lda, j + 1, n - j - 1, a, aOff, lda, w);
        }
    }

    static void multiplyQ(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                          double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        if (n == 0 || nrhs == 0) {
            // Nothing to apply. (With m = n = 0 the argument checks cannot bound nrhs by b's length: a scratch
            // row of nrhs values could then be any size up to 2³¹ − 1; KernelArgumentFuzzTest found it.)
            return;
        }
        double[] w = new double[nrhs];
        for (int s = 0; s < n; s++) {
            int j = trans == Transpose.TRANSPOSE ? s : n - 1 - s;
            apply(m, j, tau[tauOff + j], qr, qrOff, ldqr, 0, nrhs, b, bOff, ldb, w);
        }
    }

    /**
     * Applies H = I − τ·v·vᵀ (v_j = 1, v_i = qr(i, j) below) to rows j…m−1 of the {@code width} columns of
     * {@code b} starting at column {@code c0}: w = vᵀ·B, then B −= τ·v·w.
     */
    private static void apply(int m, int j, double tau, double[] v, int vOff, int ldv, int c0, int width,
                              double[] b, int bOff, int ldb, double[] w) {
        if (tau == 0 || width == 0) {
            return;
        }
        System.arraycopy(b, bOff + j * ldb + c0, w, 0, width);
        int i = j + 1;
        for (; i + 4 <= m; i += 4) {
            int bi = bOff + i * ldb + c0;
            RowBlocks.update4(b, bi, bi + ldb, bi + 2 * ldb, bi + 3 * ldb, width, v[vOff + i * ldv + j],
                    v[vOff + (i + 1) * ldv + j], v[vOff + (i + 2) * ldv + j], v[vOff + (i + 3) * ldv + j], w, 0);
        }
        for (; i < m; i++) {
            RowBlocks.update1(b, bOff + i * ldb + c0, width, v[vOff + i * ldv + j], w, 0);
        }
        RowBlocks.update1(w, 0, width, -tau, b, bOff + j * ldb + c0);
        for (i = j + 1; i < m; i++) {
            RowBlocks.update1(w, 0, width, -tau * v[vOff + i * ldv + j], b, bOff + i * ldb + c0);
        }
    }

    /** ‖A[i0:i1, j]‖₂ with scaling: no overflow or underflow for any finite entries. */
    private static double columnNorm(double[] a, int aOff, int lda, int j, int i0, int i1) {
        double max = 0;
        for (int i = i0; i < i1; i++) {
            max = Math.max(max, Math.abs(a[aOff + i * lda + j]));
        }
        if (max == 0 || !Double.isFinite(max)) {
            return max;
        }
        // A power of two (exact) that brings the largest entry near 1, also when it is subnormal.
        double inv = Math.scalb(1.0, -Math.getExponent(max));
        double sum = 0;
        for (int i = i0; i < i1; i++) {
            double x = a[aOff + i * lda + j] * inv;
            sum += x * x;
        }
        return Math.sqrt(sum) / inv;
    }
}
