package dev.linea.kernels.vector;

import dev.linea.kernels.Logistic;

import java.util.Arrays;

/**
 * Fused loss-and-gradient kernels that read X once. Rows are taken four at a time: their residuals come from four
 * dot products that share each load of w ({@link RowBlocks#dot4}), and their contribution {@code Σ_k c_k·x_k} is
 * added to g while the four rows are still in L1 ({@link RowBlocks#update4}). Memory traffic is therefore one pass
 * over X, where the two-GEMV formulation {@code Xᵀ(Xw − y)} makes two.
 */
final class FusedGradients {
    private FusedGradients() {
    }

    static double leastSquares(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                               boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        double b = intercept ? w[wOff + n] : 0;
        Arrays.fill(g, gOff, gOff + n, 0.0);
        double[] r = new double[4];
        double loss = 0;
        double gb = 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int p = xOff + i * ldx;
            RowBlocks.dot4(x, p, p + ldx, p + 2 * ldx, p + 3 * ldx, n, w, wOff, r, 0);
            for (int k = 0; k < 4; k++) {
                double rk = r[k] + b - y[yOff + i + k];
                double sk = s == null ? 1 : s[sOff + i + k];
                loss += 0.5 * sk * rk * rk;
                r[k] = sk * rk;
                gb += r[k];
            }
            RowBlocks.update4(x, p, p + ldx, p + 2 * ldx, p + 3 * ldx, n, r[0], r[1], r[2], r[3], g, gOff);
        }
        for (; i < m; i++) {
            int p = xOff + i * ldx;
            double ri = RowBlocks.dot1(x, p, n, w, wOff) + b - y[yOff + i];
            double si = s == null ? 1 : s[sOff + i];
            loss += 0.5 * si * ri * ri;
            RowBlocks.update1(x, p, n, si * ri, g, gOff);
            gb += si * ri;
        }
        if (intercept) {
            g[gOff + n] = gb;
        }
        return loss;
    }

    static double logistic(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                           boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        double b = intercept ? w[wOff + n] : 0;
        Arrays.fill(g, gOff, gOff + n, 0.0);
        double[] z = new double[4];
        double loss = 0;
        double gb = 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int p = xOff + i * ldx;
            RowBlocks.dot4(x, p, p + ldx, p + 2 * ldx, p + 3 * ldx, n, w, wOff, z, 0);
            for (int k = 0; k < 4; k++) {
                double zk = z[k] + b;
                double yk = y[yOff + i + k];
                double sk = s == null ? 1 : s[sOff + i + k];
                // One exp serves both the loss and the sigmoid: e = exp(−|z|).
                double e = Math.exp(-Math.abs(zk));
                loss += sk * (Math.max(zk, 0) + Math.log1p(e) - yk * zk);
                double sigma = zk >= 0 ? 1 / (1 + e) : e / (1 + e);
                z[k] = sk * (sigma - yk);
                gb += z[k];
            }
            RowBlocks.update4(x, p, p + ldx, p + 2 * ldx, p + 3 * ldx, n, z[0], z[1], z[2], z[3], g, gOff);
        }
        for (; i < m; i++) {
            int p = xOff + i * ldx;
            double zi = RowBlocks.dot1(x, p, n, w, wOff) + b;
            double yi = y[yOff + i];
            double si = s == null ? 1 : s[sOff + i];
            loss += si * (Logistic.log1pExp(zi) - yi * zi);
            double c = si * (Logistic.sigmoid(zi) - yi);
            RowBlocks.update1(x, p, n, c, g, gOff);
            gb += c;
        }
        if (intercept) {
            g[gOff + n] = gb;
        }
        return loss;
    }
}
