package dev.linea.kernels.vector;

import java.util.Arrays;

/**
 * Gram matrix {@code C = Aᵀ·diag(w)·A} of a row-major m×n matrix: {@code C(i, j) = Σ_p w_p·A(p, i)·A(p, j)}, a
 * SYRK on the packed level-3 loop nest ({@link PackedProduct}) with the summed dimension along A's rows. Only the
 * lower triangle is computed (tiles that reach it), then mirrored, so the result is exactly symmetric. Unweighted,
 * A is packed once and that one buffer serves as both operands; weighted, the broadcast operand is packed a second
 * time with each row multiplied by w_p while it is copied.
 */
final class Gram {
    private Gram() {
    }

    static void gram(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                     double[] c, int cOff, int ldc) {
        gram(m, n, a, aOff, lda, null, w, wOff, c, cOff, ldc);
    }

    /**
     * The centred Gram {@code Σ_p w_p·z_p·z_pᵀ} with {@code z_pj = (A(p, j) − shift_j)·scale_j}: the same loop nest,
     * with the map applied while A's row blocks are packed (each value is read from memory once per pack, as for
     * the plain Gram), so no centred copy of A exists.
     *
     * @param affine the map, or null for the plain Gram
     */
    static void gram(int m, int n, double[] a, int aOff, int lda, PackedProduct.Affine affine, double[] w, int wOff,
                     double[] c, int cOff, int ldc) {
        for (int i = 0; i < n; i++) {
            Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + i + 1, 0.0);
        }
        PackedProduct.multiply(true, n, n, m, 1.0, a, aOff, lda, true, w, wOff, a, aOff, lda, false, w == null,
                affine, c, cOff, ldc, PackedProduct.Workspace.ofThisThread());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[cOff + j * ldc + i] = c[cOff + i * ldc + j];
            }
        }
    }
}
