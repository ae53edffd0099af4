package dev.linea.kernels;

import dev.linea.kernels.internal.SparseFused;
import dev.linea.kernels.sparse.CsrMatrix;

/**
 * The reference (scalar) sparse kernels over CSR, the {@link Backend}'s defaults: plain loops, one pass over the
 * non-zeros. The affine map {@code z_ij = (x_ij − c_j)·d_j} is never applied to the matrix (that would fill it in):
 * glmnet's identity {@code (X − 1cᵀ)D·v = X(Dv) − 1·(cᵀDv)} and its transpose {@code DᵀXᵀu − D·c·(1ᵀu)} move the
 * centre into one O(n) correction. Arguments are already validated.
 */
final class SparseKernels {
    private SparseKernels() {
    }

    /** out_i ← Σ_j x_ij·d_j·v_j − shift + bias. */
    static void times(CsrMatrix a, double[] centre, double[] scale, double[] v, int vOff, double bias,
                      double[] out, int outOff) {
        int m = a.rows();
        int[] rp = a.rowPtrUnsafe();
        int[] ci = a.indicesUnsafe();
        double[] av = a.valuesUnsafe();
        double b = bias - SparseFused.shift(a.cols(), centre, scale, v, vOff);
        for (int i = 0; i < m; i++) {
            double sum = 0;
            if (scale == null) {
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    sum += av[k] * v[vOff + ci[k]];
                }
            } else {
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    int j = ci[k];
                    sum += av[k] * (scale[j] * v[vOff + j]);
                }
            }
            out[outOff + i] = sum + b;
        }
    }

    /** out_j ← d_j·(Σ_i x_ij·u_i − c_j·Σ_i u_i): one scatter pass and one O(n) correction. */
    static void transposeTimes(CsrMatrix a, double[] centre, double[] scale, double[] u, int uOff,
                               double[] out, int outOff) {
        int m = a.rows();
        int n = a.cols();
        int[] rp = a.rowPtrUnsafe();
        int[] ci = a.indicesUnsafe();
        double[] av = a.valuesUnsafe();
        java.util.Arrays.fill(out, outOff, outOff + n, 0);
        double total = 0;
        for (int i = 0; i < m; i++) {
            double ui = u[uOff + i];
            total += ui;
            if (ui == 0) {
                continue;
            }
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                out[outOff + ci[k]] += av[k] * ui;
            }
        }
        SparseFused.finish(n, centre, scale, total, out, outOff);
    }

    /** The fused least-squares (logistic when {@code logistic}) loss and gradient, with plain-loop margins. */
    static double fused(boolean logistic, CsrMatrix x, double[] centre, double[] scale, double[] w, int wOff,
                        boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        return SparseFused.gradient(logistic, x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff,
                (i0, i1, b, zs) -> {
                    for (int i = i0; i < i1; i++) {
                        double z = b;
                        if (scale == null) {
                            for (int k = rp[i]; k < rp[i + 1]; k++) {
                                z += xv[k] * w[wOff + ci[k]];
                            }
                        } else {
                            for (int k = rp[i]; k < rp[i + 1]; k++) {
                                int j = ci[k];
                                z += xv[k] * (scale[j] * w[wOff + j]);
                            }
                        }
                        zs[i - i0] = z;
                    }
                });
    }

    /**
     * C ← Zᵀ·diag(w)·Z for the mapped design: the raw Gram from each row's outer product (Σ_i nnz_i² work), then
     * the centre's rank-two correction {@code XᵀWX − u·cᵀ − c·uᵀ + (Σw)·c·cᵀ} with u = Xᵀw, then D on both sides.
     */
    static void gram(CsrMatrix a, double[] centre, double[] scale, double[] w, int wOff, double[] c, int cOff,
                     int ldc) {
        int m = a.rows();
        int n = a.cols();
        int[] rp = a.rowPtrUnsafe();
        int[] ci = a.indicesUnsafe();
        double[] av = a.valuesUnsafe();
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(c, cOff + j * ldc, cOff + j * ldc + n, 0);
        }
        double[] u = centre == null ? null : new double[n];
        double sw = 0;
        for (int i = 0; i < m; i++) {
            double wi = w == null ? 1 : w[wOff + i];
            sw += wi;
            if (wi == 0) {
                continue;
            }
            for (int k1 = rp[i]; k1 < rp[i + 1]; k1++) {
                int j1 = ci[k1];
                double t = wi * av[k1];
                if (u != null) {
                    u[j1] += t;
                }
                int row = cOff + j1 * ldc;
                // Lower triangle: indices increase within a row, so j2 ≤ j1 for k2 ≤ k1.
                for (int k2 = rp[i]; k2 <= k1; k2++) {
                    c[row + ci[k2]] += t * av[k2];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            double dj = scale == null ? 1 : scale[j];
            for (int l = 0; l <= j; l++) {
                double v = c[cOff + j * ldc + l];
                if (u != null) {
                    v += -u[j] * centre[l] - centre[j] * u[l] + sw * centre[j] * centre[l];
                }
                if (scale != null) {
                    v *= dj * scale[l];
                }
                c[cOff + j * ldc + l] = v;
                c[cOff + l * ldc + j] = v;
            }
        }
    }
}
