package dev.linea.kernels.vector;

/** STUB: to be replaced by the SIMD fused gradients that read X once. */
final class FusedGradients {
    private FusedGradients() {
    }

    static double leastSquares(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                               boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        return dev.linea.kernels.ScalarBackend.INSTANCE.leastSquaresGradient(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    static double logistic(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                           boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        return dev.linea.kernels.ScalarBackend.INSTANCE.logisticGradient(m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }
}
