package dev.linea.models.lasso;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;

/**
 * Covariance updates: the Gram matrix G = X̃ᵀ·diag(w̄)·X̃ and c = X̃ᵀ·diag(w̄)·ỹ are computed once, then
 * g = c − G·β is kept current for every column at O(p) per coefficient change (glmnet's "covariance" type).
 * The Gram matrix is accumulated over row blocks that are centred and scaled first, through the backend's
 * {@code gram} and {@code gemv} kernels, so that columns with a large mean lose no accuracy to cancellation.
 */
final class CovarianceWorkspace implements Workspace {
    private final Backend backend;
    private final int p;
    private final double[] gramMatrix;
    private final double[] c;
    private final double[] g;
    private final double yy;

    CovarianceWorkspace(Dataset d, Standardization s, Backend backend) {
        this.backend = backend;
        int n = s.n;
        p = s.p;
        double[] x = d.xUnsafe();
        gramMatrix = new double[p * p];
        c = new double[p];
        int blockRows = Math.max(1, Math.min(n, Math.max(256, (1 << 20) / Math.max(1, p))));
        double[] block = new double[blockRows * p];
        double[] blockGram = new double[p * p];
        double[] wy = new double[blockRows];
        double[] inv = new double[p];
        for (int j = 0; j < p; j++) {
            inv[j] = s.excluded[j] ? 0 : 1 / s.scale[j];
        }
        double sumYy = 0;
        for (int start = 0; start < n; start += blockRows) {
            int rows = Math.min(blockRows, n - start);
            for (int i = 0; i < rows; i++) {
                int src = (start + i) * p;
                int dst = i * p;
                for (int j = 0; j < p; j++) {
                    block[dst + j] = (x[src + j] - s.mean[j]) * inv[j];
                }
                double yc = s.yc(d, start + i);
                wy[i] = s.w[start + i] * yc;
                sumYy += wy[i] * yc;
            }
            if (p > 0) {
                backend.gram(rows, p, block, 0, p, s.w, start, blockGram, 0, p);
                backend.axpy(p * p, 1, blockGram, 0, gramMatrix, 0);
                backend.gemv(Transpose.TRANSPOSE, rows, p, 1, block, 0, p, wy, 0, 1, c, 0);
            }
        }
        g = c.clone();
        yy = sumYy;
    }

    /**
     * From moments: G = A / (W·s_i·s_j), c = a / (W·s_j) with A, a the centred moments (about zero without
     * intercept) and W = Σw, so that G and c are those the rows would give with normalized weights.
     */
    CovarianceWorkspace(dev.linea.models.SufficientStatistics st, Standardization s, boolean intercept,
                        Backend backend) {
        this.backend = backend;
        p = s.p;
        double total = st.weightSum();
        double[] a = intercept ? st.xx() : st.xxAboutZero();
        double[] xy = intercept ? st.xy() : st.xyAboutZero();
        double[] inv = new double[p];
        for (int j = 0; j < p; j++) {
            inv[j] = s.excluded[j] ? 0 : 1 / s.scale[j];
        }
        gramMatrix = new double[p * p];
        c = new double[p];
        for (int i = 0; i < p; i++) {
            c[i] = xy[i] * inv[i] / total;
            for (int j = 0; j < p; j++) {
                gramMatrix[i * p + j] = a[i * p + j] * inv[i] * inv[j] / total;
            }
        }
        g = c.clone();
        yy = s.nullDeviance;
    }

    @Override
    public double norm(int j) {
        return gramMatrix[j * p + j];
    }

    @Override
    public double gradient(int j) {
        return g[j];
    }

    @Override
    public void update(int j, double delta) {
        // G is symmetric: row j is column j, and contiguous
        backend.axpy(p, -delta, gramMatrix, j * p, g, 0);
    }

    @Override
    public void gradients(boolean[] skip, double[] out) {
        System.arraycopy(g, 0, out, 0, p);
    }

    @Override
    public void gradientsOf(int[] list, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            out[list[k]] = g[list[k]];
        }
    }

    @Override
    public void gramOf(int[] list, int count, double[] out) {
        for (int a = 0; a < count; a++) {
            int row = list[a] * p;
            for (int b = 0; b < count; b++) {
                out[a * count + b] = gramMatrix[row + list[b]];
            }
        }
    }

    @Override
    public double targetDotResidual(double[] beta) {
        // ỹ'W̄r = ỹ'W̄ỹ − β'c
        double s = yy;
        for (int j = 0; j < p; j++) {
            if (beta[j] != 0) {
                s -= beta[j] * c[j];
            }
        }
        return s;
    }

    @Override
    public double deviance(double[] beta) {
        // r'r = ỹ'ỹ − 2β'c + β'Gβ and Gβ = c − g, so r'r = ỹ'ỹ − β'(c + g)
        double s = yy;
        for (int j = 0; j < p; j++) {
            if (beta[j] != 0) {
                s -= beta[j] * (c[j] + g[j]);
            }
        }
        return Math.max(0, s);
    }

    @Override
    public String solver() {
        return "cd-covariance";
    }
}
