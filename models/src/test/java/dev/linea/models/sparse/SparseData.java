package dev.linea.models.sparse;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;

import java.util.Random;

/** Random sparse designs for the sparse-versus-densified tests: empty columns and rows, non-zero means. */
final class SparseData {
    private SparseData() {
    }

    /**
     * m×n at about {@code density}, column 0 and row 2 empty, values around 1 (so columns have means to centre
     * away); targets from a sparse linear model: Gaussian noise, 0/1 labels (logistic) or Poisson counts.
     */
    static SparseDesign design(int m, int n, double density, String kind, boolean weighted, long seed) {
        Random r = new Random(seed);
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 1; j < n; j++) {
                if (i != 2 && r.nextDouble() < density) {
                    d[i * n + j] = 1 + r.nextGaussian();
                }
            }
        }
        double[] beta = new double[n];
        for (int j = 0; j < n; j++) {
            beta[j] = j % 3 == 0 ? 0 : r.nextGaussian() * 0.7;
        }
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double eta = 0.3;
            for (int j = 0; j < n; j++) {
                eta += d[i * n + j] * beta[j];
            }
            y[i] = switch (kind) {
                case "logistic" -> r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                case "poisson" -> poisson(r, Math.exp(Math.max(-3, Math.min(3, 0.3 * eta))));
                default -> eta + 0.5 * r.nextGaussian();
            };
            if (weighted) {
                w[i] = 0.2 + 1.6 * r.nextDouble();
            }
        }
        return SparseDesign.of(CsrMatrix.fromDense(m, n, d), y, w, null, null, true);
    }

    private static double poisson(Random r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
