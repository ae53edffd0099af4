package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Triangular solve {@code op(A)·X = B} on row-major storage, always reading A by rows (contiguous):
 * <ul>
 *   <li>op(A) = A: row i of A gives x_i = (b_i − Σ_k A(i,k)·x_k) / A(i,i), where x_k are rows of X: the sum is a
 *       combination of rows of X ({@link RowBlocks#update4}); with one right-hand side it is a dot product.</li>
 *   <li>op(A) = Aᵀ: column i of Aᵀ is row i of A, so once x_i is known every remaining b_k loses A(i,k)·x_i:
 *       an AXPY over rows of B.</li>
 * </ul>
 * Forward or backward order follows from the triangle and the transpose.
 */
final class TriangularSolve {
    private TriangularSolve() {
    }

    static void solve(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        boolean lower = uplo == Triangle.LOWER;
        boolean unit = diag == Diagonal.UNIT;
        if (trans == Transpose.NONE) {
            byRows(lower, unit, n, nrhs, a, aOff, lda, b, bOff, ldb);
        } else {
            byColumns(lower, unit, n, nrhs, a, aOff, lda, b, bOff, ldb);
        }
    }

    /** op(A) = A: x_i from row i of A and the x_k already solved. */
    private static void byRows(boolean lower, boolean unit, int n, int nrhs, double[] a, int aOff, int lda,
                               double[] b, int bOff, int ldb) {
        double[] neg = new double[4];
        for (int s = 0; s < n; s++) {
            int i = lower ? s : n - 1 - s;
            int row = aOff + i * lda;
            int bi = bOff + i * ldb;
            int k0 = lower ? 0 : i + 1;
            int k1 = lower ? i : n;
            if (nrhs == 1 && ldb == 1) {
                b[bi] -= Level1.dot(k1 - k0, a, row + k0, b, bOff + k0);
            } else {
                int k = k0;
                for (; k + 4 <= k1; k += 4) {
                    for (int q = 0; q < 4; q++) {
                        neg[q] = -a[row + k + q];
                    }
                    int bk = bOff + k * ldb;
                    RowBlocks.update4(b, bk, bk + ldb, bk + 2 * ldb, bk + 3 * ldb, nrhs, neg[0], neg[1], neg[2],
                            neg[3], b, bi);
                }
                for (; k < k1; k++) {
                    RowBlocks.update1(b, bOff + k * ldb, nrhs, -a[row + k], b, bi);
                }
            }
            if (!unit) {
                Level1.scal(nrhs, 1 / a[row + i], b, bi);
            }
        }
    }

    /** op(A) = Aᵀ: solve x_i, then remove its contribution from the right-hand sides still to solve. */
    private static void byColumns(boolean lower, boolean unit, int n, int nrhs, double[] a, int aOff, int lda,
                                  double[] b, int bOff, int ldb) {
        // Aᵀ is upper when A is lower: solve backward; Aᵀ lower (A upper): forward.
        for (int s = 0; s < n; s++) {
            int i = lower ? n - 1 - s : s;
            int row = aOff + i * lda;
            int bi = bOff + i * ldb;
            if (!unit) {
                Level1.scal(nrhs, 1 / a[row + i], b, bi);
            }
            int k0 = lower ? 0 : i + 1;
            int k1 = lower ? i : n;
            if (nrhs == 1 && ldb == 1) {
                Level1.axpy(k1 - k0, -b[bi], a, row + k0, b, bOff + k0);
            } else {
                for (int k = k0; k < k1; k++) {
                    RowBlocks.update1(b, bi, nrhs, -a[row + k], b, bOff + k * ldb);
                }
            }
        }
    }
}
