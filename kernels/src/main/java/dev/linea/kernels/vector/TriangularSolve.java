package dev.linea.kernels.vector;

import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;

/** STUB: to be replaced by the SIMD triangular solve. */
final class TriangularSolve {
    private TriangularSolve() {
    }

    static void solve(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        dev.linea.kernels.ScalarBackend.INSTANCE.triangularSolve(uplo, trans, diag, n, nrhs, a, aOff, lda, b, bOff, ldb);
    }
}
