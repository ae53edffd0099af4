package dev.linea.models.gd;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;

/**
 * {@link Objective} on dense working rows: the data term through the backend's fused
 * {@link Backend#leastSquaresGradient} kernel, the power iteration through {@link Backend#gemv} both ways.
 */
final class DenseObjective extends Objective {
    private final WorkingData d;
    private final Backend backend;

    DenseObjective(WorkingData d, Backend backend, double alpha) {
        super(d.m, d.n, d.intercept, d.s, d.sumW, d.penaltyScale, alpha);
        this.d = d;
        this.backend = backend;
    }

    @Override
    double dataGradient(double[] beta, double[] grad) {
        return backend.leastSquaresGradient(d.m, d.n, d.x, 0, d.ld, beta, 0, d.intercept, d.y, 0, d.s, 0, grad, 0);
    }

    @Override
    void times(double[] v, double[] t) {
        backend.gemv(Transpose.NONE, d.m, d.n, 1, d.x, 0, d.ld, v, 0, 0, t, 0);
    }

    @Override
    void transposeTimes(double[] t, double[] hv) {
        backend.gemv(Transpose.TRANSPOSE, d.m, d.n, 1, d.x, 0, d.ld, t, 0, 0, hv, 0);
    }

    @Override
    double rowSquaredNorm(int i, double start) {
        double sq = start;
        for (int j = 0; j < d.n; j++) {
            double v = d.x[i * d.n + j];
            sq += v * v;
        }
        return sq;
    }

    /**
     * Unbiased estimate of the full gradient from b rows held contiguously in the batch buffers: the data term is
     * scaled by m / (b·Σw), so its expectation over a uniformly drawn batch is the full data term.
     *
     * @param xb   b×n rows (leading dimension {@code d.ld}); not modified
     * @param yb   b targets; not modified
     * @param sb   b weights, or null when unweighted; not modified
     * @param beta not modified
     * @param grad modified: the estimate
     */
    void batch(int b, double[] xb, double[] yb, double[] sb, double[] beta, double[] grad) {
        double raw = backend.leastSquaresGradient(b, d.n, xb, 0, d.ld, beta, 0, d.intercept, yb, 0, sb, 0, grad, 0);
        finish(raw, (double) d.m / ((double) b * d.sumW), beta, grad);
    }
}
