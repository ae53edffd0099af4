package dev.linea.models.ols;

import dev.linea.kernels.ParallelRows;
import dev.linea.models.linalg.DoubleDouble;

/**
 * The {@link ResidualPass} of rows in memory, reading X <b>once</b> per step: each row's residual
 * {@code r_i = y_i − b − x_iᵀβ} is formed in double-double while the row is in L1, and the same row is then added
 * into {@code (x_i − c)·w_i·r_i} at once, instead of a residual pass followed by a second pass for
 * {@code (X − 1·cᵀ)ᵀ·W·r}. Rows go over {@link ParallelRows} blocks (sums in its fixed tree: the same bits on any
 * thread count).
 */
final class RowResidualPass implements ResidualPass {
    private final int m;
    private final int n;
    private final double[] x;
    private final double[] y;
    private final double[] w;

    /**
     * @param x m×n row-major (leading dimension n); not modified, kept
     * @param y m values; not modified, kept
     * @param w null (ones) or m weights; not modified, kept
     */
    RowResidualPass(int m, int n, double[] x, double[] y, double[] w) {
        this.m = m;
        this.n = n;
        this.x = x;
        this.y = y;
        this.w = w;
    }

    @Override
    public Sums apply(double intercept, double[] beta, double[] centre, double[] out) {
        double[] sums = new double[n + 2];
        ParallelRows.sum(m, n, n + 2, (from, to, part, off) -> {
            DoubleDouble acc = new DoubleDouble();
            double swr = 0;
            double swrr = 0;
            for (int i = from; i < to; i++) {
                int row = i * n;
                acc.set(y[i]).add(-intercept);
                for (int j = 0; j < n; j++) {
                    acc.addProduct(-x[row + j], beta[j]);
                }
                double r = acc.value();
                double wi = w == null ? 1 : w[i];
                double s = wi * r;
                swr += s;
                swrr += s * r;
                for (int j = 0; j < n; j++) {
                    part[off + j] += s * (x[row + j] - centre[j]);
                }
            }
            part[off + n] = swr;
            part[off + n + 1] = swrr;
        }, sums, 0);
        System.arraycopy(sums, 0, out, 0, n);
        return new Sums(sums[n], sums[n + 1]);
    }
}
