package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Triangular solves blocked onto the packed level-3 product: the triangle is split recursively in halves, and the
 * off-diagonal coupling becomes one {@link PackedProduct} call; blocks of at most {@value #NB} are solved directly.
 */
final class BlockedTrsm {
    /** Largest triangle solved without recursion. */
    static final int NB = Integer.getInteger("linea.tnb", 32);

    private BlockedTrsm() {
    }

    /**
     * {@code B ← B·L⁻ᵀ} for B rows×k and L k×k lower triangular (non-unit; only its lower triangle is read): the
     * panel solve of Cholesky, X·Lᵀ = B, each row of X independent.
     */
    static void rightLowerTranspose(int rows, int k, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb,
                                    PackedProduct.Workspace ws) {
        if (rows == 0 || k == 0) {
            return;
        }
        if (k <= NB) {
            rightLowerTransposeSmall(rows, k, l, lOff, ldl, b, bOff, ldb, ws);
            return;
        }
        int k1 = Cholesky.split(k);
        int k2 = k - k1;
        rightLowerTranspose(rows, k1, l, lOff, ldl, b, bOff, ldb, ws);
        // B2 ← B2 − X1·L21ᵀ, with L21 the k2×k1 block below L11.
        PackedProduct.multiply(false, rows, k2, k1, -1.0, b, bOff, ldb, false, null, 0,
                l, lOff + k1 * ldl, ldl, true, false, b, bOff + k1, ldb, ws);
        rightLowerTranspose(rows, k2, l, lOff + k1 * ldl + k1, ldl, b, bOff + k1, ldb, ws);
    }

    /**
     * The small case on the transposed block: L·Xᵀ = Bᵀ is a forward substitution whose "right-hand sides" are the
     * rows, so each step is an update of a long contiguous row of Bᵀ ({@link TriangularSolve}, four at a time).
     */
    private static void rightLowerTransposeSmall(int rows, int k, double[] l, int lOff, int ldl,
                                                 double[] b, int bOff, int ldb, PackedProduct.Workspace ws) {
        double[] t = ws.p(k * rows);
        for (int i = 0; i < rows; i++) {
            int src = bOff + i * ldb;
            for (int p = 0; p < k; p++) {
                t[p * rows + i] = b[src + p];
            }
        }
        TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, k, rows, l, lOff, ldl, t, 0, rows);
        for (int i = 0; i < rows; i++) {
            int dst = bOff + i * ldb;
            for (int p = 0; p < k; p++) {
                b[dst + p] = t[p * rows + i];
            }
        }
    }
}
