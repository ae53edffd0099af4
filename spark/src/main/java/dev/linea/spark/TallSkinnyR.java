package dev.linea.spark;

import dev.linea.kernels.Backend;

import java.io.Serializable;

/**
 * The R factor of the tall-skinny QR (TSQR) of {@code A = W^½·[1, X, y]} (the ones column only with an intercept):
 * every block is stacked under the running R and factorized again with the backend's Householder {@code qr}, and
 * partitions' factors are merged the same way, {@code R = qr([R_a; R_b])}. Q is never formed: least squares needs
 * only R, since for R = [[R₁₁, r₁₂], [0, ρ]] the solution is {@code β = R₁₁⁻¹·r₁₂} and the residual sum of squares
 * {@code ρ²}. Being orthogonal, the reduction never squares the condition number as the normal equations do.
 */
final class TallSkinnyR implements Serializable {
    private static final long serialVersionUID = 1L;

    final int n;
    final boolean intercept;
    /** Columns: [1,] x, y. */
    final int k;
    long rows;
    /** k×k upper triangular, row-major (zeros below the diagonal). */
    double[] r;
    /** The target's extremes over the rows of positive weight (±∞ before any), for R². */
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;

    TallSkinnyR(int n, boolean intercept) {
        this.n = n;
        this.intercept = intercept;
        this.k = n + (intercept ? 1 : 0) + 1;
        this.r = new double[k * k];
    }

    TallSkinnyR add(RowBlock b, Backend backend) {
        int m = b.rows();
        if (m == 0) {
            return this;
        }
        double[] s = new double[(k + m) * k];
        System.arraycopy(r, 0, s, 0, k * k);
        int o = intercept ? 1 : 0;
        for (int i = 0; i < m; i++) {
            double sw = b.w() == null ? 1 : Math.sqrt(b.w()[i]);
            int row = (k + i) * k;
            if (intercept) {
                s[row] = sw;
            }
            for (int j = 0; j < n; j++) {
                s[row + o + j] = sw * b.x()[i * n + j];
            }
            s[row + k - 1] = sw * b.y()[i];
            if (sw > 0) {
                yMin = Math.min(yMin, b.y()[i]);
                yMax = Math.max(yMax, b.y()[i]);
            }
        }
        factor(s, k + m, backend);
        rows += m;
        return this;
    }

    TallSkinnyR merge(TallSkinnyR o, Backend backend) {
        yMin = Math.min(yMin, o.yMin);
        yMax = Math.max(yMax, o.yMax);
        if (o.rows == 0) {
            return this;
        }
        if (rows == 0) {
            r = o.r.clone();
            rows = o.rows;
            return this;
        }
        double[] s = new double[2 * k * k];
        System.arraycopy(r, 0, s, 0, k * k);
        System.arraycopy(o.r, 0, s, k * k, k * k);
        factor(s, 2 * k, backend);
        rows += o.rows;
        return this;
    }

    private void factor(double[] s, int m, Backend backend) {
        backend.qr(m, k, s, 0, k, new double[k], 0);
        java.util.Arrays.fill(r, 0);
        for (int i = 0; i < k; i++) {
            System.arraycopy(s, i * k + i, r, i * k + i, k - i);
        }
    }
}
