package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Blocked right-looking Cholesky for row-major storage, reading and writing only the lower triangle. For each
 * block of {@value #NB} columns: the diagonal block is factored by rows (Crout order: each entry a dot product of two
 * contiguous row segments, four rows of L at a time through {@link RowBlocks#dot4}); the rows below solve against
 * it as one multi-right-hand-side triangular solve on the transposed panel; and the trailing lower triangle loses {@code L21·L21ᵀ}, which is a Gram matrix of the transposed
 * panel and runs on the packed register-blocked Gram micro-kernel ({@link Gram#accumulateLower}) — the n³/3
 * flops are almost all there.
 */
final class Cholesky {
    /** Block size: the panel's rows stay in L1/L2 during their solves; the trailing update dominates above it. */
    static final int NB = 64;

    private Cholesky() {
    }

    static int factor(int n, double[] a, int aOff, int lda) {
        double[] d = new double[4];
        double[] panel = n > NB ? new double[NB * (n - NB)] : null;
        Gram.Workspace ws = new Gram.Workspace();
        for (int k0 = 0; k0 < n; k0 += NB) {
            int k1 = Math.min(n, k0 + NB);
            for (int i = k0; i < k1; i++) {
                rowSolve(a, aOff, lda, i, k0, i, d);
                int ri = aOff + i * lda;
                double pivot = a[ri + i] - Level1.dot(i - k0, a, ri + k0, a, ri + k0);
                if (!(pivot > 0)) {
                    return i + 1;
                }
                a[ri + i] = Math.sqrt(pivot);
            }
            if (k1 == n) {
                break;
            }
            int t = n - k1;
            int nb = k1 - k0;
            // Panel: L21 = A21·L11⁻ᵀ, solved as L11·P = A21ᵀ on the transposed panel P (nb × t, row-major), where
            // forward substitution runs on long contiguous rows of P (four at a time) instead of short dot products.
            for (int i = 0; i < t; i++) {
                int src = aOff + (k1 + i) * lda + k0;
                for (int p = 0; p < nb; p++) {
                    panel[p * t + i] = a[src + p];
                }
            }
            TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, nb, t,
                    a, aOff + k0 * lda + k0, lda, panel, 0, t);
            for (int i = 0; i < t; i++) {
                int dst = aOff + (k1 + i) * lda + k0;
                for (int p = 0; p < nb; p++) {
                    a[dst + p] = panel[p * t + i];
                }
            }
            // Trailing update A22 −= L21·L21ᵀ = Pᵀ·P, lower triangle only.
            Gram.accumulateLower(nb, t, panel, 0, t, null, 0, -1.0, a, aOff + k1 * lda + k1, lda, ws);
        }
        return 0;
    }

    /**
     * Row i of L on columns [k0, jEnd): {@code L(i,j) = (A(i,j) − Σ_{k0≤p<j} L(i,p)·L(j,p)) / L(j,j)}, with the
     * contributions of columns before k0 already subtracted by earlier trailing updates.
     */
    private static void rowSolve(double[] a, int aOff, int lda, int i, int k0, int jEnd, double[] d) {
        int ri = aOff + i * lda;
        int j = k0;
        for (; j + 4 <= jEnd; j += 4) {
            int rj = aOff + j * lda;
            // Dot products over the common prefix [k0, j); the small triangle j..j+3 is finished below.
            RowBlocks.dot4(a, rj + k0, rj + lda + k0, rj + 2 * lda + k0, rj + 3 * lda + k0, j - k0, a, ri + k0, d, 0);
            for (int q = 0; q < 4; q++) {
                int rq = rj + q * lda;
                double s = a[ri + j + q] - d[q];
                for (int k = j; k < j + q; k++) {
                    s -= a[ri + k] * a[rq + k];
                }
                a[ri + j + q] = s / a[rq + j + q];
            }
        }
        for (; j < jEnd; j++) {
            int rj = aOff + j * lda;
            a[ri + j] = (a[ri + j] - Level1.dot(j - k0, a, ri + k0, a, rj + k0)) / a[rj + j];
        }
    }

    static void solve(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl, b, bOff, ldb);
        TriangularSolve.solve(Triangle.LOWER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl,
                b, bOff, ldb);
    }
}
