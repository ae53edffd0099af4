package dev.linea.models.gd;

import dev.linea.kernels.Backend;

/**
 * {@link Objective} on CSR rows: every pass is one sparse kernel of the backend with the working design's affine map
 * (centre μ, scale 1/σ, 0 for excluded columns) applied implicitly — {@link Backend#sparseLeastSquaresGradient} for
 * the loss and gradient, {@link Backend#sparseTimes} and {@link Backend#sparseTransposeTimes} for the power
 * iteration. O(non-zeros + columns) per pass.
 */
final class SparseObjective extends Objective {
    private final SparseWorkingData d;
    private final Backend backend;
    private final double[] kernelScale;

    SparseObjective(SparseWorkingData d, Backend backend, double alpha) {
        super(d.m, d.n, d.intercept, d.s, d.sumW, d.penaltyScale, alpha);
        this.d = d;
        this.backend = backend;
        this.kernelScale = d.kernelScale();
    }

    @Override
    double dataGradient(double[] beta, double[] grad) {
        return backend.sparseLeastSquaresGradient(d.x, d.centre, kernelScale, beta, 0, d.intercept, d.y, 0, d.s, 0,
                grad, 0);
    }

    @Override
    void times(double[] v, double[] t) {
        backend.sparseTimes(d.x, d.centre, kernelScale, v, 0, 0, t, 0);
    }

    @Override
    void transposeTimes(double[] t, double[] hv) {
        backend.sparseTransposeTimes(d.x, d.centre, kernelScale, t, 0, hv, 0);
    }

    /** ‖x'_i‖² = Σ_j d_j²·c_j² (the row's zeros) corrected at its entries: O(entries of the row). */
    @Override
    double rowSquaredNorm(int i, double start) {
        int[] rp = d.x.rowPtrUnsafe();
        int[] ci = d.x.indicesUnsafe();
        double[] xv = d.x.valuesUnsafe();
        double sq = start + d.emptyRowSquare;
        for (int k = rp[i]; k < rp[i + 1]; k++) {
            int j = ci[k];
            double c = d.centre == null ? 0 : d.centre[j];
            double z = (xv[k] - c) * d.d[j];
            sq += z * z - c * c * d.d[j] * d.d[j];
        }
        return Math.max(start, sq);
    }
}
