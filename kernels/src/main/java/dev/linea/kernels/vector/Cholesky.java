package dev.linea.kernels.vector;


/** STUB: to be replaced by the blocked right-looking SIMD Cholesky. */
final class Cholesky {
    private Cholesky() {
    }

    static int factor(int n, double[] a, int aOff, int lda) {
        return dev.linea.kernels.ScalarBackend.INSTANCE.cholesky(n, a, aOff, lda);
    }

    static void solve(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        dev.linea.kernels.ScalarBackend.INSTANCE.choleskySolve(n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }
}
