package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/**
 * Cholesky factorization by rows (the Crout order), which suits row-major storage: row i of L solves
 * {@code L[0:i,0:i]·l_iᵀ = a_i[0:i]} by forward substitution, each step a dot product of two contiguous row
 * prefixes, taken four rows of L at a time so that each load of l_i serves four dot products
 * ({@link RowBlocks#dot4}); the pivot is {@code a_ii − ‖l_i‖²}. Reads and writes only the lower triangle.
 */
final class Cholesky {
    private Cholesky() {
    }

    static int factor(int n, double[] a, int aOff, int lda) {
        double[] d = new double[4];
        for (int i = 0; i < n; i++) {
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
            double pivot = a[ri + i] - Level1.dot(i, a, ri, a, ri);
            if (!(pivot > 0)) {
                return i + 1;
            }
            a[ri + i] = Math.sqrt(pivot);
        }
        return 0;
    }

    static void solve(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        TriangularSolve.solve(Triangle.LOWER, Transpose.NONE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl, b, bOff, ldb);
        TriangularSolve.solve(Triangle.LOWER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, n, nrhs, l, lOff, ldl,
                b, bOff, ldb);
    }
}
