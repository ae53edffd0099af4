package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Logistic;
import dev.linea.kernels.ParallelRows;
import dev.linea.kernels.Transpose;

/**
 * The per-row formulas of binary logistic regression, on a block of m rows (X m×n row-major, leading dimension
 * {@code max(1, n)}; parameters θ = (β_0 … β_{n−1} [, b])): the rows in memory apply them to all of them, a
 * distributed {@link LogisticData} to each block and sums. The objective is mean-scaled,
 * <pre>  f(θ) = (1/Σs)·Σ_i s_i·(log(1 + e^{z_i}) − y_i·z_i) + (λ/2)·‖β‖²,   z = Xβ + b</pre>
 * with s the effective weights (sample weight times class weight) and λ = 1/(C·Σs) (0 without penalty).
 */
public final class LogisticRows {
    private LogisticRows() {
    }

    /**
     * The margins {@code z = Xβ + b} of m rows.
     *
     * @param x     m×n, row-major; not modified
     * @param theta the parameters; not modified
     * @param z     m values; modified
     */
    public static void margins(Backend backend, int m, int n, double[] x, double[] theta, boolean intercept,
                               double[] z) {
        backend.gemv(Transpose.NONE, m, n, 1, x, 0, Math.max(1, n), theta, 0, 0, z, 0);
        if (intercept) {
            double b = theta[n];
            for (int i = 0; i < m; i++) {
                z[i] += b;
            }
        }
    }

    /**
     * The data term's Hessian over m rows, {@code [X 1]ᵀ·D·[X 1]} with {@code D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs}:
     * the backend's weighted {@code gram}, the intercept's row and column by one gemv. Unpenalized (see
     * {@link #penalize}).
     *
     * @param x     m×n, row-major; not modified
     * @param theta the parameters; not modified
     * @param s     m effective weights, or null for ones; not modified
     * @param sumS  Σs over all rows (of every block)
     * @param h     p×p row-major (p = n + 1 with an intercept, else n); modified: overwritten
     */
    public static void hessian(Backend backend, int m, int n, double[] x, double[] theta, boolean intercept,
                               double[] s, double sumS, double[] h) {
        hessian(backend, m, n, x, theta, intercept, s, sumS, h, new double[m]);
    }

    /**
     * As {@link #hessian(Backend, int, int, double[], double[], boolean, double[], double, double[])}, with the
     * caller's m-vector for the margins and then the Hessian's row weights (no allocation per call).
     *
     * @param work at least m values; modified: overwritten
     */
    public static void hessian(Backend backend, int m, int n, double[] x, double[] theta, boolean intercept,
                               double[] s, double sumS, double[] h, double[] work) {
        int p = intercept ? n + 1 : n;
        int ld = Math.max(1, n);
        double[] d = work;
        margins(backend, m, n, x, theta, intercept, d);
        double sumD = hessianWeights(m, d, s, sumS);
        if (n > 0) {
            backend.gram(m, n, x, 0, ld, d, 0, h, 0, p);
        }
        if (intercept) {
            double[] col = new double[n];
            if (n > 0) {
                backend.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, ld, d, 0, 0, col, 0);
            }
            borderIntercept(h, n, col, sumD);
        }
    }

    /**
     * The Hessian of the mean-scaled data term over sparse rows (CSR, unmapped), as
     * {@link #hessian(Backend, int, int, double[], double[], boolean, double[], double, double[], double[])} over
     * dense ones: {@code [X 1]ᵀ·D·[X 1]} with D = diag(s_i·σ(z_i)·(1 − σ(z_i)))/Σs, the intercept last, from one
     * sparse Gram ({@link Backend#sparseGram}, dense p×p: small n only) and one sparse transposed product.
     *
     * @param x     m×n; not modified
     * @param theta the parameters; not modified
     * @param s     m effective weights, or null for ones; not modified
     * @param sumS  Σs over all rows (of every block)
     * @param h     p×p row-major; modified: overwritten
     * @param work  at least m values; modified: overwritten
     */
    public static void sparseHessian(Backend backend, dev.linea.kernels.sparse.CsrMatrix x, double[] theta,
                                     boolean intercept, double[] s, double sumS, double[] h, double[] work) {
        int m = x.rows();
        int n = x.cols();
        int p = intercept ? n + 1 : n;
        double[] d = work;
        backend.sparseTimes(x, null, null, theta, 0, intercept ? theta[n] : 0, d, 0);
        double sumD = hessianWeights(m, d, s, sumS);
        if (n > 0) {
            backend.sparseGram(x, null, null, d, 0, h, 0, p);
        }
        if (intercept) {
            double[] col = new double[n];
            backend.sparseTransposeTimes(x, null, null, d, 0, col, 0);
            borderIntercept(h, n, col, sumD);
        }
    }

    /**
     * The Hessian's row weights, for every kind of data: each margin z_i becomes s_i·σ(z_i)·(1 − σ(z_i))/Σs in place,
     * on {@link dev.linea.kernels.Threads#count()} threads in {@link ParallelRows}' fixed blocks and summing tree.
     *
     * @param d m margins; modified: the row weights
     * @param s m weights, or null for ones; not modified
     * @return Σ d_i, the intercept's diagonal entry
     */
    static double hessianWeights(int m, double[] d, double[] s, double sumS) {
        double[] sum = new double[1];
        ParallelRows.sum(m, SIGMOID_WORK, 1, (from, to, part, off) -> {
            double acc = 0;
            for (int i = from; i < to; i++) {
                double sig = Logistic.sigmoid(d[i]);
                d[i] = (s == null ? 1 : s[i]) * sig * (1 - sig) / sumS;
                acc += d[i];
            }
            part[off] += acc;
        }, sum, 0);
        return sum[0];
    }

    /**
     * A row's sigmoid costs about what streaming this many matrix elements does: with it, {@link ParallelRows}
     * splits the weights of 2e5 rows into about 24 blocks (on every thread count the same: the sum is bit-identical).
     */
    private static final long SIGMOID_WORK = 16;

    /**
     * Borders the features' p×p Hessian (p = n + 1) with the intercept last: row and column n are Xᵀd, the corner Σd.
     *
     * @param h   p×p row-major; modified: row and column n
     * @param col Xᵀd, n values; not modified
     */
    static void borderIntercept(double[] h, int n, double[] col, double sumD) {
        int p = n + 1;
        for (int j = 0; j < n; j++) {
            h[j * p + n] = col[j];
            h[n * p + j] = col[j];
        }
        h[n * p + n] = sumD;
    }

    /**
     * f and ∇f of the mean-scaled, penalized objective from the raw sums of the data term.
     *
     * @param raw   Σ s_i·ℓ_i over all rows
     * @param grad  p values; modified: in, the raw gradient Σ s_i·(σ(z_i) − y_i)·[x_i, 1]; out, ∇f
     * @param theta the parameters; not modified
     * @param n     features (the penalized entries of θ)
     * @param sumS  Σs
     * @param lambda the L2 weight λ ≥ 0
     * @return {@code raw/Σs + (λ/2)·‖β‖²}
     */
    public static double value(double raw, double[] grad, double[] theta, int n, double sumS, double lambda) {
        double inv = 1 / sumS;
        for (int j = 0; j < grad.length; j++) {
            grad[j] *= inv;
        }
        double pen = 0;
        for (int j = 0; j < n; j++) {
            grad[j] += lambda * theta[j];
            pen += theta[j] * theta[j];
        }
        return raw * inv + 0.5 * lambda * pen;
    }

    /**
     * Adds the penalty's Hessian λ·diag(1, …, 1 [, 0]) (the intercept unpenalized).
     *
     * @param h p×p row-major; modified
     * @param n features
     */
    public static void penalize(double[] h, int p, int n, double lambda) {
        for (int j = 0; j < n; j++) {
            h[j * p + j] += lambda;
        }
    }
}
