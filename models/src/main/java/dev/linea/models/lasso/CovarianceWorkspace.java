package dev.linea.models.lasso;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;
import dev.linea.models.Design;

/**
 * Covariance updates: the Gram matrix G = X̃ᵀ·diag(w̄)·X̃ and c = X̃ᵀ·diag(w̄)·ỹ are computed once, then
 * g = c − G·β is kept current for every column at O(p) per coefficient change (glmnet's "covariance" type).
 * The Gram matrix is the backend's {@code centeredGram} of the standardized design (a {@link Design} view: the
 * centring and scaling are applied in cache, row block by row block), so that columns with a large mean lose no
 * accuracy to cancellation and X is never copied.
 */
final class CovarianceWorkspace implements Workspace {
    private final Backend backend;
    private final int p;
    private final double[] gramMatrix;
    private final double[] c;
    private final double[] g;
    private final double yy;
    /** G_AA of the last columns {@link #gramTimes} was given (a copy of the list), row-major count × count. */
    private double[] gathered;
    private int[] gatheredList;

    CovarianceWorkspace(Dataset d, Standardization s, Backend backend) {
        this.backend = backend;
        int n = s.n;
        p = s.p;
        gramMatrix = new double[p * p];
        c = new double[p];
        double[] inv = new double[p];
        for (int j = 0; j < p; j++) {
            inv[j] = s.excluded[j] ? 0 : 1 / s.scale[j];
        }
        double[] wy = new double[n];
        double sumYy = 0;
        for (int i = 0; i < n; i++) {
            double yc = s.yc(d, i);
            wy[i] = s.w[i] * yc;
            sumYy += wy[i] * yc;
        }
        if (p > 0) {
            // The standardization is an affine map the kernels apply in cache: X is neither centred nor copied.
            Design view = Design.ofRows(n, p, d.xUnsafe(), 0, p, d.yUnsafe(), s.w, true).withAffine(s.mean, inv);
            view.gram(backend, gramMatrix, 0, p);
            view.transposeTimes(backend, wy, 0, c, 0);
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

    /**
     * G_AA is gathered once per list of columns (the conjugate-gradient iterations of one Newton step pass the
     * same columns; compared by content, O(count)), then every product is the backend's GEMV on it: contiguous rows
     * instead of a gather per entry. The gathered copy (count² doubles) is kept for the next step.
     */
    @Override
    public void gramTimes(int[] list, int count, double[] v, double[] out) {
        if (gatheredList == null
                || !java.util.Arrays.equals(list, 0, count, gatheredList, 0, gatheredList.length)) {
            if (gathered == null || gathered.length < count * count) {
                gathered = new double[count * count];
            }
            gramOf(list, count, gathered);
            gatheredList = java.util.Arrays.copyOf(list, count);
        }
        backend.gemv(Transpose.NONE, count, count, 1, gathered, 0, count, v, 0, 0, out, 0);
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
