package dev.linea.models.linalg;

import dev.linea.kernels.ParallelRows;

/** Residuals of a linear model computed in double-double, rounded once per row. */
public final class Residuals {
    private Residuals() {
    }

    /**
     * {@code r_i = y_i − b0 − Σ_j x(i, j)·β_j} with the sum accumulated in double-double ({@link DoubleDouble}), so
     * the only error is the final rounding: accurate even when ŷ and y agree to many digits.
     *
     * @param x    not modified, row-major m×n (leading dimension n)
     * @param y    not modified, m values
     * @param beta not modified, n values
     * @return a new array of m residuals
     */
    public static double[] of(int m, int n, double[] x, double[] y, double b0, double[] beta) {
        return of(m, n, x, null, y, b0, beta);
    }

    /**
     * As {@link #of(int, int, double[], double[], double, double[])} for a double-double design X + xLow.
     *
     * @param xLow null or m×n trailing parts; not modified
     */
    public static double[] of(int m, int n, double[] x, double[] xLow, double[] y, double b0, double[] beta) {
        double[] r = new double[m];
        // Rows are independent: row blocks on every thread give the same bits as one loop.
        ParallelRows.forEach(m, xLow == null ? n : 2L * n, (from, to) -> {
            DoubleDouble acc = new DoubleDouble();
            for (int i = from; i < to; i++) {
                acc.set(y[i]).add(-b0);
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    acc.addProduct(-x[row + j], beta[j]);
                }
                if (xLow != null) {
                    for (int j = 0; j < n; j++) {
                        acc.addProduct(-xLow[row + j], beta[j]);
                    }
                }
                r[i] = acc.value();
            }
        });
        return r;
    }
}
