package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Recursive blocked Cholesky {@code A = L·Lᵀ} for row-major storage, reading and writing only the lower triangle.
 * With A split at n1 ≈ n/2 into [A11 ·; A21 A22]: factor A11 = L11·L11ᵀ, solve L21 = A21·L11⁻ᵀ on the transposed
 * panel ({@link BlockedTrsm#leftLower}), update A22 ← A22 − L21·L21ᵀ (lower triangle only: a SYRK on the packed
 * micro-kernel, the panel packed once and read as both operands), factor A22. Almost all n³/3 flops land in the packed
 * products; blocks of at most {@value #NB} are factored by rows (Crout order, each entry a dot product of two
 * contiguous row segments, four rows of L at a time).
 */
final class Cholesky {
    /**
     * Largest block factored without recursion. The row-by-row leaf is the slowest part per flop (short dot
     * products, each ending in a horizontal sum): 16 beat 32 by 3% at n = 500 (AVX2, thread CPU time, alternating).
     */
    static final int NB = 16;

    private Cholesky() {
    }

    static int factor(int n, double[] a, int aOff, int lda) {
        int n1 = n > NB ? split(n) : 0;
        PackedProduct.Workspace ws = PackedProduct.Workspace.ofThisThread();
        // The largest panel; nested levels reuse it in turn. Kept in the thread's workspace: a new array per call
        // was 0.5 MB to allocate and clear at n = 500 (8 MB at n = 2000), and every element is written (by the
        // transpose) before it is read.
        double[] panel = ws.panel(n1 * (n - n1));
        return factor(n, a, aOff, lda, new double[4], panel, ws);
    }

    private static int factor(int n, double[] a, int aOff, int lda, double[] d, double[] panel,
                              PackedProduct.Workspace ws) {
        if (n <= NB) {
            return unblocked(n, a, aOff, lda, d);
        }
        int n1 = split(n);
        int n2 = n - n1;
        int info = factor(n1, a, aOff, lda, d, panel, ws);
        if (info != 0) {
            return info;
        }
        int a21 = aOff + n1 * lda;
        // The panel is solved transposed, P = A21ᵀ (n1×n2): L11·P = A21ᵀ is a forward substitution whose rows are
        // long and contiguous, and the update A22 − PᵀP is then a Gram matrix of P (packed along rows, vectorized).
        transpose(n2, n1, a, a21, lda, panel, 0, n2);
        BlockedTrsm.leftLower(n1, n2, a, aOff, lda, panel, 0, n2, ws);
        PackedProduct.multiply(true, n2, n2, n1, -1.0, panel, 0, n2, true, null, 0, panel, 0, n2, false, true,
                a, a21 + n1, lda, ws);
        transpose(n1, n2, panel, 0, n2, a, a21, lda);
        info = factor(n2, a, a21 + n1, lda, d, panel, ws);
        return info == 0 ? 0 : n1 + info;
    }

    /** Side of the square tiles of {@link #transpose}. */
    private static final int TILE = 32;

    /**
     * dst(j, i) = src(i, j) for i &lt; rows, j &lt; cols, in {@value #TILE}×{@value #TILE} tiles, four rows of src
     * at a time. A tile touches 32 rows of each side, so both stay in L1 and in the TLB: the former 8-row strips
     * across the whole width wrote to every row of dst per strip (thousands of pages at n = 2000) and ran at
     * 3 ns per element there, against 1.7 with tiles (1.2 against 0.6 at n = 500, in L2).
     */
    static void transpose(int rows, int cols, double[] src, int sOff, int lds, double[] dst, int dOff, int ldd) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    int s0 = sOff + i * lds;
                    int s1 = s0 + lds;
                    int s2 = s1 + lds;
                    int s3 = s2 + lds;
                    for (int j = j0; j < j1; j++) {
                        int d = dOff + j * ldd + i;
                        dst[d] = src[s0 + j];
                        dst[d + 1] = src[s1 + j];
                        dst[d + 2] = src[s2 + j];
                        dst[d + 3] = src[s3 + j];
                    }
                }
                for (; i < i1; i++) {
                    int s = sOff + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * ldd + i] = src[s + j];
                    }
                }
            }
        }
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
        BlockedTrsm.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl, b, bOff, ldb);
        BlockedTrsm.solve(Triangle.LOWER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl,
                b, bOff, ldb);
    }
}
