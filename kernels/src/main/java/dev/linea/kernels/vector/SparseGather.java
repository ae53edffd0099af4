package dev.linea.kernels.vector;

import dev.linea.kernels.internal.SparseFused;
import dev.linea.kernels.sparse.CsrMatrix;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sparse CSR kernels of the vector backend. Each row's margin {@code Σ_k x_k·v[idx_k]} is a gathered dot product
 * ({@code DoubleVector.fromArray(S, v, off, idx, k)}: one gather per lane group, FMA into one accumulator, fixed
 * reduction order); what a row adds to a gradient is a scatter, done lane by lane (the indices of one row are
 * distinct, but AVX2 has no scatter instruction and the emulated one lost to the scalar loop: bench/README,
 * "sparse kernels"). The centre/scale map is applied exactly as in the scalar reference (the O(n) shift and
 * finish), so only the summation order of each row's dot differs.
 */
final class SparseGather {
    private static final VectorSpecies<Double> S = Lanes.S;
    private static final int L = S.length();
    /** Rows shorter than this take the scalar loop: a gather of fewer lanes than this does not pay. */
    private static final int MIN_GATHER = 2 * L;

    private SparseGather() {
    }

    /** Σ_{k ∈ [from, to)} a[k]·v[vOff + idx[k]], gathered. */
    static double dot(double[] a, int[] idx, int from, int to, double[] v, int vOff) {
        int k = from;
        double sum = 0;
        if (to - from >= MIN_GATHER) {
            DoubleVector acc = DoubleVector.zero(S);
            for (; k + L <= to; k += L) {
                DoubleVector xv = DoubleVector.fromArray(S, a, k);
                DoubleVector gv = DoubleVector.fromArray(S, v, vOff, idx, k);
                acc = xv.fma(gv, acc);
            }
            sum = Lanes.sum(acc);
        }
        for (; k < to; k++) {
            sum += a[k] * v[vOff + idx[k]];
        }
        return sum;
    }

    /** Σ_k a[k]·(d[idx[k]]·v[vOff + idx[k]]), two gathers. */
    static double scaledDot(double[] a, int[] idx, int from, int to, double[] d, double[] v, int vOff) {
        int k = from;
        double sum = 0;
        if (to - from >= MIN_GATHER) {
            DoubleVector acc = DoubleVector.zero(S);
            for (; k + L <= to; k += L) {
                DoubleVector xv = DoubleVector.fromArray(S, a, k);
                DoubleVector dv = DoubleVector.fromArray(S, d, 0, idx, k);
                DoubleVector gv = DoubleVector.fromArray(S, v, vOff, idx, k);
                acc = xv.fma(dv.mul(gv), acc);
            }
            sum = Lanes.sum(acc);
        }
        for (; k < to; k++) {
            int j = idx[k];
            sum += a[k] * (d[j] * v[vOff + j]);
        }
        return sum;
    }

    static void times(CsrMatrix a, double[] centre, double[] scale, double[] v, int vOff, double bias,
                      double[] out, int outOff) {
        int[] rp = a.rowPtrUnsafe();
        int[] ci = a.indicesUnsafe();
        double[] av = a.valuesUnsafe();
        double b = bias - SparseFused.shift(a.cols(), centre, scale, v, vOff);
        for (int i = 0; i < a.rows(); i++) {
            double z = scale == null ? dot(av, ci, rp[i], rp[i + 1], v, vOff)
                    : scaledDot(av, ci, rp[i], rp[i + 1], scale, v, vOff);
            out[outOff + i] = z + b;
        }
    }

    /** The fused gradients of {@link SparseFused#gradient} with gathered margins (same arithmetic after them). */
    static double fused(boolean logistic, CsrMatrix x, double[] centre, double[] scale, double[] w, int wOff,
                        boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        return SparseFused.gradient(logistic, x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff,
                (i0, i1, b, zs) -> {
                    for (int i = i0; i < i1; i++) {
                        zs[i - i0] = b + (scale == null ? dot(xv, ci, rp[i], rp[i + 1], w, wOff)
                                : scaledDot(xv, ci, rp[i], rp[i + 1], scale, w, wOff));
                    }
                });
    }
}
