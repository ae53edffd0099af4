package dev.linea.kernels.vector;

/** STUB: to be replaced by the SIMD level-1 kernels. */
final class Level1 {
    private Level1() {
    }

    static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        return dev.linea.kernels.ScalarBackend.INSTANCE.dot(n, x, xOff, y, yOff);
    }

    static void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        dev.linea.kernels.ScalarBackend.INSTANCE.axpy(n, alpha, x, xOff, y, yOff);
    }

    static void scal(int n, double alpha, double[] x, int xOff) {
        dev.linea.kernels.ScalarBackend.INSTANCE.scal(n, alpha, x, xOff);
    }
}
