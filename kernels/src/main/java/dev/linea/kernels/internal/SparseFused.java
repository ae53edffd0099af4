package dev.linea.kernels.internal;

import dev.linea.kernels.Logistic;
import dev.linea.kernels.sparse.CsrMatrix;

/**
 * What the scalar and the vector sparse kernels share (this package is not exported): the affine map's O(n)
 * corrections by glmnet's identity {@code (X − 1cᵀ)D·v = X(Dv) − 1·(cᵀDv)} and {@code DᵀXᵀu − D·c·(1ᵀu)}, and the
 * fused least-squares / logistic gradient around a backend's own row margins. Arguments are already validated.
 */
public final class SparseFused {
    /** Rows per block of the fused gradients' two phases (margins, then residuals and scatters): 2 KB of margins. */
    public static final int BLOCK = 256;

    /** A backend's margins of a block of rows. */
    @FunctionalInterface
    public interface Margins {
        /**
         * zs[i − i0] ← b + Σ_k x_ik·d_j·w_j for the rows i0 … i1 − 1 (d = 1 without a scale).
         *
         * @param zs modified: the margins, from index 0
         */
        void of(int i0, int i1, double b, double[] zs);
    }

    private SparseFused() {
    }

    /** @return cᵀ·D·v over n columns (0 without a centre) */
    public static double shift(int n, double[] centre, double[] scale, double[] v, int vOff) {
        if (centre == null) {
            return 0;
        }
        double t = 0;
        for (int j = 0; j < n; j++) {
            t += centre[j] * (scale == null ? 1 : scale[j]) * v[vOff + j];
        }
        return t;
    }

    /** g_j ← d_j·(g_j − c_j·total): the centre's and scale's O(n) correction after a scatter of raw X. */
    public static void finish(int n, double[] centre, double[] scale, double total, double[] g, int gOff) {
        if (centre == null && scale == null) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double t = centre == null ? g[gOff + j] : g[gOff + j] - centre[j] * total;
            g[gOff + j] = scale == null ? t : t * scale[j];
        }
    }

    /**
     * The fused least-squares (logistic when {@code logistic}) loss and gradient over the mapped design, one pass
     * over the non-zeros. Rows go in blocks, in two phases: first every margin of the block ({@code margins}:
     * independent gathers that the CPU overlaps), then per row the loss, the residual and its scatter into g.
     * Interleaving them per row put each row's chain of dependent adds and its exponential in front of its scatter,
     * with nothing to overlap: 2x slower.
     *
     * @param g modified: the gradient (n entries, and the intercept's after them when {@code intercept})
     * @return the loss Σ s_i·ℓ(z_i, y_i)
     */
    public static double gradient(boolean logistic, CsrMatrix x, double[] centre, double[] scale, double[] w,
                                  int wOff, boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                  double[] g, int gOff, Margins margins) {
        int m = x.rows();
        int n = x.cols();
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        double b = (intercept ? w[wOff + n] : 0) - shift(n, centre, scale, w, wOff);
        java.util.Arrays.fill(g, gOff, gOff + n, 0);
        double loss = 0;
        double total = 0;
        double[] zs = new double[Math.min(m, BLOCK)];
        for (int i0 = 0; i0 < m; i0 += BLOCK) {
            int i1 = Math.min(m, i0 + BLOCK);
            margins.of(i0, i1, b, zs);
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
        finish(n, centre, scale, total, g, gOff);
        if (intercept) {
            g[gOff + n] = total;
        }
        return loss;
    }
}
