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
    static final int NB = 32;

    private BlockedTrsm() {
    }

    /**
     * {@code B ← L⁻¹·B} for L k×k lower triangular (non-unit; only its lower triangle is read) and B k×cols: with
     * L split at k1, X1 = L11⁻¹·B1, then B2 ← B2 − L21·X1 (one packed product), then X2 = L22⁻¹·B2.
     */
    static void leftLower(int k, int cols, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb,
                          PackedProduct.Workspace ws) {
        if (k == 0 || cols == 0) {
            return;
        }
        if (k <= NB) {
            TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, k, cols, l, lOff, ldl,
                    b, bOff, ldb);
            return;
        }
        int k1 = Cholesky.split(k);
        int k2 = k - k1;
        leftLower(k1, cols, l, lOff, ldl, b, bOff, ldb, ws);
        PackedProduct.multiply(false, k2, cols, k1, -1.0, l, lOff + k1 * ldl, ldl, false, null, 0,
                b, bOff, ldb, false, false, b, bOff + k1 * ldb, ldb, ws);
        leftLower(k2, cols, l, lOff + k1 * ldl + k1, ldl, b, bOff + k1 * ldb, ldb, ws);
    }
}
