package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;

import java.util.Arrays;

/**
 * GEMM {@code C ← α·op(A)·op(B) + β·C} on row-major storage, built from the row-blocked primitives. When op(B) = B,
 * each row of C is a combination of rows of B (contiguous): {@code c_i += Σ_p α·opA(i,p)·b_p}, four rows of B per
 * pass over c_i. When op(B) = Bᵀ and op(A) = A, each entry is a dot product of two contiguous rows, four at a time.
 * When both are transposed, A is transposed once into scratch (an m×k copy) and the second form applies.
 * C's rows stay in L1 while B streams from cache; this is a level-3 kernel for the sizes solvers need, not a
 * replacement for a packed GEMM at n in the thousands.
 */
final class Gemm {
    private Gemm() {
    }

    static void gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return; // C is empty; with n = 0 its row offsets may even lie past the array's end
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, ci, ci + n, 0.0);
            } else if (beta != 1) {
                Level1.scal(n, beta, c, ci);
            }
        }
        if (k == 0) {
            return;
        }
        boolean ta = transA == Transpose.TRANSPOSE;
        if (transB == Transpose.NONE) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                int p = 0;
                for (; p + 4 <= k; p += 4) {
                    int bp = bOff + p * ldb;
                    RowBlocks.update4(b, bp, bp + ldb, bp + 2 * ldb, bp + 3 * ldb, n,
                            alpha * opA(a, aOff, lda, ta, i, p), alpha * opA(a, aOff, lda, ta, i, p + 1),
                            alpha * opA(a, aOff, lda, ta, i, p + 2), alpha * opA(a, aOff, lda, ta, i, p + 3),
                            c, ci);
                }
                for (; p < k; p++) {
                    RowBlocks.update1(b, bOff + p * ldb, n, alpha * opA(a, aOff, lda, ta, i, p), c, ci);
                }
            }
            return;
        }
        double[] rowsA = a;
        int rOff = aOff;
        int ldr = lda;
        if (ta) {
            // op(A) = Aᵀ with A stored k×m: transpose once so that rows of op(A) are contiguous.
            rowsA = new double[m * k];
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < m; i++) {
                    rowsA[i * k + p] = a[aOff + p * lda + i];
                }
            }
            rOff = 0;
            ldr = Math.max(1, k);
        }
        double[] d = new double[4];
        for (int i = 0; i < m; i++) {
            int ai = rOff + i * ldr;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int bj = bOff + j * ldb;
                RowBlocks.dot4(b, bj, bj + ldb, bj + 2 * ldb, bj + 3 * ldb, k, rowsA, ai, d, 0);
                for (int q = 0; q < 4; q++) {
                    c[ci + j + q] += alpha * d[q];
                }
            }
            for (; j < n; j++) {
                c[ci + j] += alpha * RowBlocks.dot1(b, bOff + j * ldb, k, rowsA, ai);
            }
        }
    }

    private static double opA(double[] a, int aOff, int lda, boolean ta, int i, int p) {
        return ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }
}
