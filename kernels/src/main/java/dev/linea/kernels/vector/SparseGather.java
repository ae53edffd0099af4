package dev.linea.kernels.vector;

import dev.linea.kernels.Logistic;
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
    /** Rows per block of the fused gradients' two phases, as the scalar kernel's: 2 KB of margins. */
    private static final int FUSED_BLOCK = 256;

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

    static double shift(int n, double[] centre, double[] scale, double[] v, int vOff) {
        if (centre == null) {
            return 0;
        }
        double t = 0;
        for (int j = 0; j < n; j++) {
            t += centre[j] * (scale == null ? 1 : scale[j]) * v[vOff + j];
        }
        return t;
    }

    static void times(CsrMatrix a, double[] centre, double[] scale, double[] v, int vOff, double bias,
                      double[] out, int outOff) {
        int[] rp = a.rowPtrUnsafe();
        int[] ci = a.indicesUnsafe();
        double[] av = a.valuesUnsafe();
        double b = bias - shift(a.cols(), centre, scale, v, vOff);
        for (int i = 0; i < a.rows(); i++) {
            double z = scale == null ? dot(av, ci, rp[i], rp[i + 1], v, vOff)
                    : scaledDot(av, ci, rp[i], rp[i + 1], scale, v, vOff);
            out[outOff + i] = z + b;
        }
    }

    static double fused(boolean logistic, CsrMatrix x, double[] centre, double[] scale, double[] w, int wOff,
                        boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        int m = x.rows();
        int n = x.cols();
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        double b = (intercept ? w[wOff + n] : 0) - shift(n, centre, scale, w, wOff);
        java.util.Arrays.fill(g, gOff, gOff + n, 0);
        double loss = 0;
        double total = 0;
        // Two phases per block of rows, as the scalar kernel (SparseKernels.fused): the margins first, then the
        // residuals and scatters; same arithmetic, same bits, 2x faster than interleaving them per row.
        double[] zs = new double[Math.min(m, FUSED_BLOCK)];
        for (int i0 = 0; i0 < m; i0 += FUSED_BLOCK) {
            int i1 = Math.min(m, i0 + FUSED_BLOCK);
            for (int i = i0; i < i1; i++) {
                zs[i - i0] = b + (scale == null ? dot(xv, ci, rp[i], rp[i + 1], w, wOff)
                        : scaledDot(xv, ci, rp[i], rp[i + 1], scale, w, wOff));
            }
            for (int i = i0; i < i1; i++) {
                double z = zs[i - i0];
                double si = s == null ? 1 : s[sOff + i];
                double r;
                if (logistic) {
                    double yi = y[yOff + i];
                    double e = Logistic.expNegAbs(z); // one exponential for both pieces
                    r = Logistic.sigmoid(z, e) - yi;
                    loss += si * (Logistic.log1pExp(z, e) - yi * z);
                } else {
                    r = z - y[yOff + i];
                    loss += 0.5 * si * r * r;
                }
                double sr = si * r;
                total += sr;
                if (sr != 0) {
                    for (int k = rp[i]; k < rp[i + 1]; k++) {
                        g[gOff + ci[k]] += xv[k] * sr;
                    }
                }
            }
        }
        if (centre != null || scale != null) {
            for (int j = 0; j < n; j++) {
                double t = centre == null ? g[gOff + j] : g[gOff + j] - centre[j] * total;
                g[gOff + j] = scale == null ? t : t * scale[j];
            }
        }
        if (intercept) {
            g[gOff + n] = total;
        }
        return loss;
    }
}
