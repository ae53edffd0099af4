package dev.linea.kernels.vector;

import dev.linea.kernels.Logistic;

import java.util.Arrays;

/**
 * Fused loss-and-gradient kernels that read X once. Rows go four at a time: their margins come from four dot
 * products sharing each load of w, and their contribution {@code Σ_k c_k·x_k} is added to g while the rows are
 * still in L1. The loop is software-pipelined ({@link RowBlocks#dot4Update4}): the dot products of block k+1 run in
 * the same pass over the columns as the update of block k, so memory requests never pause. Memory traffic is one
 * pass over X, where the two-GEMV formulation {@code Xᵀ(Xw − y)} makes two.
 */
final class FusedGradients {
    private FusedGradients() {
    }

    /**
     * Per-row loss and gradient weight from the margin z (the only part that differs between the losses): writes
     * the gradient weight into {@code c[k]} and returns the row's loss. A flag rather than an interface keeps the
     * hot loop monomorphic and small (see {@link RowBlocks#dot4Tail} on why size matters).
     */
    private static double rowLoss(boolean logistic, double z, double y, double s, double[] c, int k) {
        if (!logistic) {
            double r = z - y;
            c[k] = s * r;
            return 0.5 * s * r * r;
        }
        // One exp serves the loss and the sigmoid: e = exp(−|z|) never overflows.
        double e = StrictMath.exp(-Math.abs(z)); // StrictMath: bit-identical across JIT tiers
        double sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        c[k] = s * (sigma - y);
        return s * (Math.max(z, 0) + StrictMath.log1p(e) - y * z);
    }

    static double leastSquares(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                               boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        return fused(false, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    static double logistic(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                           boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        return fused(true, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    private static double fused(boolean logistic, int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                double[] g, int gOff) {
        double b = intercept ? w[wOff + n] : 0;
        Arrays.fill(g, gOff, gOff + n, 0.0);
        double[] z = new double[8];
        double[] c = new double[4];
        double total = 0;
        double gb = 0;
        int blocks = m / 4;
        if (blocks > 0) {
            int p = xOff;
            RowBlocks.dot4(x, p, p + ldx, p + 2 * ldx, p + 3 * ldx, n, w, wOff, z, 0);
            for (int blk = 0; blk < blocks; blk++) {
                int i = 4 * blk;
                int cur = (blk & 1) * 4;
                for (int k = 0; k < 4; k++) {
                    total += rowLoss(logistic, z[cur + k] + b, y[yOff + i + k], s == null ? 1 : s[sOff + i + k], c, k);
                    gb += c[k];
                }
                int q = xOff + i * ldx;
                if (blk + 1 < blocks) {
                    int pn = q + 4 * ldx;
                    RowBlocks.dot4Update4(x, pn, pn + ldx, pn + 2 * ldx, pn + 3 * ldx, w, wOff, z, 4 - cur,
                            q, q + ldx, q + 2 * ldx, q + 3 * ldx, c[0], c[1], c[2], c[3], g, gOff, n);
                } else {
                    RowBlocks.update4(x, q, q + ldx, q + 2 * ldx, q + 3 * ldx, n, c[0], c[1], c[2], c[3], g, gOff);
                }
            }
        }
        for (int i = 4 * blocks; i < m; i++) {
            int p = xOff + i * ldx;
            double zi = RowBlocks.dot1(x, p, n, w, wOff) + b;
            total += rowLoss(logistic, zi, y[yOff + i], s == null ? 1 : s[sOff + i], c, 0);
            RowBlocks.update1(x, p, n, c[0], g, gOff);
            gb += c[0];
        }
        if (intercept) {
            g[gOff + n] = gb;
        }
        return total;
    }
}
