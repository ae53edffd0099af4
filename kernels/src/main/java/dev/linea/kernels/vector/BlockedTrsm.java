package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Triangular solves blocked onto the packed level-3 product: the triangle is split recursively in halves, and the
 * off-diagonal coupling becomes one {@link PackedProduct} call; blocks of at most {@value #NB} are solved directly.
 * All but about NB/n of the n²·nrhs flops run on the micro-kernel.
 */
final class BlockedTrsm {
    /** Largest triangle solved without recursion. */
    static final int NB = 32;
    /** Fewest right-hand sides worth a packed product (one pair of vectors wide); fewer go to TriangularSolve. */
    static final int MIN_RHS = 8;

    private BlockedTrsm() {
    }

    /**
     * The backend's triangular solve: blocked (a triangle of at most a block straight to the leaf) when B has at
     * least {@value #MIN_RHS} columns; otherwise (a few right-hand sides: dot products and AXPYs)
     * {@link TriangularSolve}.
     */
    static void solve(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb) {
        if (nrhs >= MIN_RHS) {
            solve(uplo == Triangle.LOWER, trans == Transpose.TRANSPOSE, diag == Diagonal.UNIT, n, nrhs, a, aOff, lda,
                    b, bOff, ldb, PackedProduct.Workspace.ofThisThread());
        } else {
            TriangularSolve.solve(uplo, trans, diag, n, nrhs, a, aOff, lda, b, bOff, ldb);
        }
    }

    /** {@code B ← L⁻¹·B} for L k×k lower triangular (non-unit) and B k×cols: Cholesky's panel solve. */
    static void leftLower(int k, int cols, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb,
                          PackedProduct.Workspace ws) {
        solve(true, false, false, k, cols, l, lOff, ldl, b, bOff, ldb, ws);
    }

    /**
     * {@code B ← op(A)⁻¹·B}, A n×n triangular (lower or upper, op = identity or transpose, unit diagonal or not),
     * B n×nrhs. With A split at k1, a forward substitution (op(A) lower) solves X1 = op(A11)⁻¹·B1, then
     * B2 ← B2 − op(A)21·X1 (one packed product), then X2 = op(A22)⁻¹·B2; a backward one (op(A) upper) mirrors it.
     * Blocks of at most {@value #NB} are solved directly, in every case, by {@link TriangularSolveLeaf}
     * (register-blocked strips of B).
     */
    static void solve(boolean lower, boolean trans, boolean unit, int n, int nrhs, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, PackedProduct.Workspace ws) {
        if (n == 0 || nrhs == 0) {
            return;
        }
        if (n <= NB) {
            TriangularSolveLeaf.solve(lower, trans, unit, n, nrhs, a, aOff, lda, b, bOff, ldb,
                    ws.leaf(TriangularSolveLeaf.scratch(n)));
            return;
        }
        int k1 = Cholesky.split(n);
        int k2 = n - k1;
        int a11 = aOff;
        int a22 = aOff + k1 * lda + k1;
        int a21 = aOff + k1 * lda; // stored k2×k1 below the diagonal block (lower)
        int a12 = aOff + k1;       // stored k1×k2 right of it (upper)
        int b1 = bOff;
        int b2 = bOff + k1 * ldb;
        if (lower != trans) {
            // op(A) is lower: forward. op(A)21 is A21 (lower) or A12ᵀ (upper, transposed).
            solve(lower, trans, unit, k1, nrhs, a, a11, lda, b, b1, ldb, ws);
            PackedProduct.multiply(false, k2, nrhs, k1, -1.0, a, lower ? a21 : a12, lda, trans, null, 0,
                    b, b1, ldb, false, false, b, b2, ldb, ws);
            solve(lower, trans, unit, k2, nrhs, a, a22, lda, b, b2, ldb, ws);
        } else {
            // op(A) is upper: backward. op(A)12 is A12 (upper) or A21ᵀ (lower, transposed).
            solve(lower, trans, unit, k2, nrhs, a, a22, lda, b, b2, ldb, ws);
            PackedProduct.multiply(false, k1, nrhs, k2, -1.0, a, lower ? a21 : a12, lda, trans, null, 0,
                    b, b2, ldb, false, false, b, b1, ldb, ws);
            solve(lower, trans, unit, k1, nrhs, a, a11, lda, b, b1, ldb, ws);
        }
    }
}
