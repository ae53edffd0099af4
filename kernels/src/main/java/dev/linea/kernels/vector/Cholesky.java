package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Recursive blocked Cholesky {@code A = L·Lᵀ} for row-major storage, reading and writing only the lower triangle.
 * With A split at n1 ≈ n/2 into [A11 ·; A21 A22]: factor A11 = L11·L11ᵀ, solve L21 = A21·L11⁻ᵀ
 * ({@link BlockedTrsm#rightLowerTranspose}), update A22 ← A22 − L21·L21ᵀ (lower triangle only: a SYRK on the packed
 * micro-kernel, L21 packed once and read as both operands), factor A22. Almost all n³/3 flops land in the packed
 * products; blocks of at most {@value #NB} are factored by rows (Crout order, each entry a dot product of two
 * contiguous row segments, four rows of L at a time).
 */
final class Cholesky {
    /** Largest block factored without recursion. */
    static final int NB = Integer.getInteger("linea.nb", 32);

    private Cholesky() {
    }

    static int factor(int n, double[] a, int aOff, int lda) {
        return factor(n, a, aOff, lda, new double[4], new PackedProduct.Workspace());
    }

    private static int factor(int n, double[] a, int aOff, int lda, double[] d, PackedProduct.Workspace ws) {
        if (n <= NB) {
            return unblocked(n, a, aOff, lda, d);
        }
        int n1 = split(n);
        int n2 = n - n1;
        int info = factor(n1, a, aOff, lda, d, ws);
        if (info != 0) {
            return info;
        }
        int a21 = aOff + n1 * lda;
        BlockedTrsm.rightLowerTranspose(n2, n1, a, aOff, lda, a, a21, lda, ws);
        PackedProduct.multiply(true, n2, n2, n1, -1.0, a, a21, lda, false, null, 0, a, a21, lda, true, true,
                a, a21 + n1, lda, ws);
        info = factor(n2, a, a21 + n1, lda, d, ws);
        return info == 0 ? 0 : n1 + info;
    }

    /** The first block's size: about half, a multiple of 8 so that tiles of the products below stay whole. */
    static int split(int n) {
        return Math.max(8, (n / 2 + 4) & ~7);
    }

    /** Row-by-row (Crout) factorization of a small block; 0, or the order of the first non-positive minor. */
    private static int unblocked(int n, double[] a, int aOff, int lda, double[] d) {
        for (int i = 0; i < n; i++) {
            rowSolve(a, aOff, lda, i, d);
            int ri = aOff + i * lda;
            double pivot = a[ri + i] - Level1.dot(i, a, ri, a, ri);
            if (!(pivot > 0)) {
                return i + 1;
            }
            a[ri + i] = Math.sqrt(pivot);
        }
        return 0;
    }

    /** Row i of L left of the diagonal: {@code L(i,j) = (A(i,j) − Σ_{p<j} L(i,p)·L(j,p)) / L(j,j)}. */
    private static void rowSolve(double[] a, int aOff, int lda, int i, double[] d) {
        int ri = aOff + i * lda;
        int j = 0;
        for (; j + 4 <= i; j += 4) {
            int rj = aOff + j * lda;
            // Dot products over the common prefix [0, j); the small triangle j..j+3 is finished below.
            RowBlocks.dot4(a, rj, rj + lda, rj + 2 * lda, rj + 3 * lda, j, a, ri, d, 0);
            for (int q = 0; q < 4; q++) {
                int rq = rj + q * lda;
                double s = a[ri + j + q] - d[q];
                for (int k = j; k < j + q; k++) {
                    s -= a[ri + k] * a[rq + k];
                }
                a[ri + j + q] = s / a[rq + j + q];
            }
        }
        for (; j < i; j++) {
            int rj = aOff + j * lda;
            a[ri + j] = (a[ri + j] - Level1.dot(j, a, ri, a, rj)) / a[rj + j];
        }
    }

    static void solve(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl, b, bOff, ldb);
        TriangularSolve.solve(Triangle.LOWER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl,
                b, bOff, ldb);
    }
}
