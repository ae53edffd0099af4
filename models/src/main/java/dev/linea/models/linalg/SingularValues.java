package dev.linea.models.linalg;

import java.util.Arrays;

/**
 * Singular values of a small dense matrix by one-sided Jacobi (Hestenes): plane rotations orthogonalise the
 * columns of a working copy until every pair satisfies {@code |a_iᵀa_j| ≤ ε·‖a_i‖·‖a_j‖}; the singular values are
 * then the column norms. Jacobi computes small singular values to high relative accuracy on a triangular factor,
 * which is what a condition number {@code κ = σ_max / σ_min} needs (Demmel &amp; Veselić). Cost about
 * 6·n³ per sweep, a handful of sweeps: meant for the n×n R of a QR factorization, n up to a few hundred.
 */
public final class SingularValues {
    private static final int MAX_SWEEPS = 60;

    private SingularValues() {
    }

    /**
     * @param a not modified; row-major m×n (m ≥ 1, n ≥ 0)
     * @return the n singular values in decreasing order (when m &lt; n the trailing n − m are 0 up to rounding)
     */
    public static double[] of(int m, int n, double[] a) {
        if (a.length < m * n) {
            throw new IllegalArgumentException("SingularValues: array has " + a.length + " values, expected "
                    + m + "×" + n + " = " + m * n);
        }
        // Work column-major so each column is contiguous.
        double[] w = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                w[j * m + i] = a[i * n + j];
            }
        }
        double eps = Math.ulp(1.0);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int i = 0; i < m; i++) {
                        double x = w[p * m + i];
                        double y = w[q * m + i];
                        alpha += x * x;
                        beta += y * y;
                        gamma += x * y;
                    }
                    if (gamma == 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha) * Math.sqrt(beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    for (int i = 0; i < m; i++) {
                        double x = w[p * m + i];
                        double y = w[q * m + i];
                        w[p * m + i] = c * x - s * y;
                        w[q * m + i] = s * x + c * y;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sv = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                double v = w[j * m + i];
                s += v * v;
            }
            sv[j] = Math.sqrt(s);
        }
        Arrays.sort(sv);
        for (int i = 0; i < n / 2; i++) {
            double t = sv[i];
            sv[i] = sv[n - 1 - i];
            sv[n - 1 - i] = t;
        }
        return sv;
    }
}
