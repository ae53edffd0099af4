package dev.linea.kernels.conformance;

import java.util.Random;

/** Well-conditioned test matrices for the factorizations, built by plain loops (no backend involved). */
final class Matrices {
    private Matrices() {
    }

    /**
     * A symmetric positive definite n×n matrix A = M·Mᵀ/n + I with M uniform in [−1, 1): a dense L, eigenvalues
     * in about [1, 2.4], so condition number below 3. Both triangles are written.
     */
    static double[][] spd(int n, Random rnd) {
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = 2 * rnd.nextDouble() - 1;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += m[i][k] * m[j][k];
                }
                s /= n;
                if (i == j) {
                    s += 1;
                }
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        return a;
    }

    /**
     * A tall m×n matrix with uniform [−1, 1) entries plus ±2√m on the diagonal: columns nearly orthogonal, singular
     * values within about 2√m·(1 ± 0.6), so condition number below about 4 at any shape.
     */
    static Strided wellConditionedTall(int m, int n, int off, int pad, Random rnd) {
        Strided a = Strided.matrix(m, n, off, pad).random(rnd);
        for (int j = 0; j < n; j++) {
            a.set(j, j, a.get(j, j) + (rnd.nextBoolean() ? 2 : -2) * Math.sqrt(m));
        }
        return a;
    }

    /**
     * A triangular n×n matrix: the {@code lower} (or upper) strict triangle uniform in [−1/n, 1/n), the diagonal
     * ±[1, 2), so it is diagonally dominant by rows and columns (condition number below 4). The other strict
     * triangle is NaN (it must not be read); with {@code unitDiagonal} the diagonal is NaN too.
     */
    static Strided triangular(int n, boolean lower, boolean unitDiagonal, int off, int pad, Random rnd) {
        Strided t = Strided.matrix(n, n, off, pad);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v;
                if (i == j) {
                    v = unitDiagonal ? Double.NaN : (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextDouble());
                } else if ((i > j) == lower) {
                    v = (2 * rnd.nextDouble() - 1) / n;
                } else {
                    v = Double.NaN;
                }
                t.set(i, j, v);
            }
        }
        return t;
    }

    /** Copies a dense square matrix into a strided one, NaN in the strict upper triangle if asked. */
    static Strided place(double[][] a, int off, int pad, boolean nanUpper) {
        int n = a.length;
        Strided s = Strided.matrix(n, n, off, pad);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s.set(i, j, nanUpper && j > i ? Double.NaN : a[i][j]);
            }
        }
        return s;
    }

    /** Frobenius norm of a strided matrix. */
    static double frobenius(Strided a) {
        double s = 0;
        for (int i = 0; i < a.rows; i++) {
            for (int j = 0; j < a.cols; j++) {
                s += a.get(i, j) * a.get(i, j);
            }
        }
        return Math.sqrt(s);
    }

    /** Largest Euclidean norm of a column. */
    static double maxColumnNorm(Strided a) {
        double best = 0;
        for (int j = 0; j < a.cols; j++) {
            double s = 0;
            for (int i = 0; i < a.rows; i++) {
                s += a.get(i, j) * a.get(i, j);
            }
            best = Math.max(best, Math.sqrt(s));
        }
        return best;
    }
}
