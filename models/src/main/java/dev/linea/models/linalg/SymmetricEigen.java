package dev.linea.models.linalg;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import java.util.Arrays;

/**
 * Eigendecomposition {@code A = V·Λ·Vᵀ} of a symmetric n×n matrix: Householder reduction to tridiagonal form
 * {@code A = Q·T·Qᵀ}, then the implicit QL iteration with Wilkinson-type shifts on T, rotating the rows of Qᵀ.
 * Both phases are backward stable: the computed pairs are exact for a matrix within about {@code n·ε·‖A‖₂} of A,
 * so eigenvalues are accurate to that absolute size (small eigenvalues of an ill-conditioned matrix lose relative
 * accuracy, as with any method that starts from A rather than from a factor of it).
 *
 * <p>The O(n³) parts of the reduction (the symmetric rank-2 updates and the accumulation of Q) run through the
 * backend's gemv and axpy; the QL sweep is O(n²) per eigenvalue plus the row rotations.
 *
 * <p>Cost about {@code (4/3 + 4/3)·n³} flops for the reduction with Q, plus about {@code 3·n³} for the rotations.
 */
public final class SymmetricEigen {
    /** QL iterations allowed per eigenvalue before declaring failure (two or three are typical). */
    private static final int MAX_ITERATIONS = 60;

    private final int n;
    private final double[] values;
    private final double[] vectors;

    private SymmetricEigen(int n, double[] values, double[] vectors) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes a symmetric matrix; only the lower triangle (i ≥ j) is read.
     *
     * @param a not modified; row-major n×n at offset 0 with leading dimension n
     * @return eigenvalues in ascending order with their orthonormal eigenvectors
     * @throws ArithmeticException when the QL iteration does not converge (NaN or Inf in A, or a pathological
     *                             matrix)
     */
    public static SymmetricEigen of(Backend backend, int n, double[] a) {
        if (n < 0 || a.length < (long) n * n) {
            throw new IllegalArgumentException("SymmetricEigen: n = " + n + " with an array of " + a.length
                    + " values, expected n ≥ 0 and at least n² values");
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                w[i * n + j] = a[i * n + j];
                w[j * n + i] = a[i * n + j];
            }
        }
        double[] d = new double[n];
        double[] e = new double[n];
        double[] qt = new double[n * n];
        tridiagonalize(backend, n, w, d, e, qt);
        ql(n, d, e, qt);
        return sorted(n, d, qt);
    }

    /** @return n */
    public int size() {
        return n;
    }

    /** @return a copy of the eigenvalues, ascending */
    public double[] values() {
        return values.clone();
    }

    /** @return eigenvalue j (ascending order) */
    public double value(int j) {
        return values[j];
    }

    /**
     * The eigenvectors as the rows of an n×n row-major array: row j is the unit eigenvector of {@link #value(int)
     * value(j)}, so the array is Vᵀ.
     *
     * @return the array itself, not a copy: callers inside the library read it and must not modify it
     */
    public double[] vectorsTransposedUnsafe() {
        return vectors;
    }

    /**
     * Reduces the symmetric w (full storage, overwritten) to tridiagonal T = QᵀAQ: diagonal d, sub-diagonal
     * e[k] = T(k+1, k), and qt ← Qᵀ. Step k reflects row k's part right of the diagonal onto its first entry:
     * H = I − β·v·vᵀ with H·x = α·e₁, then the trailing block B ← H·B·H as the rank-2 update
     * {@code B − v·qᵀ − q·vᵀ} with {@code p = β·B·v}, {@code q = p − (β/2)(pᵀv)·v}.
     */
    private static void tridiagonalize(Backend backend, int n, double[] w, double[] d, double[] e, double[] qt) {
        for (int i = 0; i < n; i++) {
            qt[i * n + i] = 1;
        }
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k + 2 < n; k++) {
            int s = n - k - 1;
            int row = k * n + k + 1;
            double scale = 0;
            for (int j = 0; j < s; j++) {
                scale = Math.max(scale, Math.abs(w[row + j]));
            }
            if (scale == 0) {
                e[k] = 0;
                continue;
            }
            double norm2 = 0;
            for (int j = 0; j < s; j++) {
                v[j] = w[row + j] / scale;
                norm2 += v[j] * v[j];
            }
            double alpha = -Math.copySign(Math.sqrt(norm2), v[0]);
            v[0] -= alpha;
            double vv = 0;
            for (int j = 0; j < s; j++) {
                vv += v[j] * v[j];
            }
            double beta = 2 / vv;
            e[k] = alpha * scale;
            int b0 = (k + 1) * n + k + 1;
            backend.gemv(Transpose.NONE, s, s, beta, w, b0, n, v, 0, 0, p, 0);
            double pv = 0;
            for (int j = 0; j < s; j++) {
                pv += p[j] * v[j];
            }
            double kk = 0.5 * beta * pv;
            for (int j = 0; j < s; j++) {
                p[j] -= kk * v[j];
            }
            for (int r = 0; r < s; r++) {
                backend.axpy(s, -v[r], p, 0, w, b0 + r * n);
                backend.axpy(s, -p[r], v, 0, w, b0 + r * n);
            }
            // Qᵀ ← H·Qᵀ on rows k+1..n−1: t = vᵀ·Qᵀ(rows), then rank-1 update.
            backend.gemv(Transpose.TRANSPOSE, s, n, 1, qt, (k + 1) * n, n, v, 0, 0, p, 0);
            for (int r = 0; r < s; r++) {
                backend.axpy(n, -beta * v[r], p, 0, qt, (k + 1 + r) * n);
            }
        }
        for (int k = 0; k < n; k++) {
            d[k] = w[k * n + k];
        }
        if (n >= 2) {
            e[n - 2] = w[(n - 2) * n + n - 1];
        }
        if (n >= 1) {
            e[n - 1] = 0;
        }
    }

    /**
     * Implicit QL on the tridiagonal (d, e) with a Wilkinson-type shift from the leading 2×2 block, deflating when
     * {@code |e[m]| ≤ ε·(|d[m]| + |d[m+1]|)}. Each plane rotation also rotates rows i and i+1 of qt, so qt ends
     * holding the eigenvectors of A as rows.
     */
    private static void ql(int n, double[] d, double[] e, double[] qt) {
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            while (true) {
                int m = l;
                while (m < n - 1) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= Math.ulp(1.0) * dd) {
                        break;
                    }
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++iterations > MAX_ITERATIONS) {
                    throw new ArithmeticException("symmetric eigendecomposition: no convergence for eigenvalue "
                            + l + " after " + MAX_ITERATIONS + " QL iterations (NaN or Inf in the matrix?)");
                }
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double p = 0;
                boolean underflow = false;
                for (int i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        // Underflow: the rotation is the identity; deflate and restart this eigenvalue.
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    rotateRows(n, qt, i, c, s);
                }
                if (underflow) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    /** Rows i and i+1 of qt ← the rotation [c −s; s c] applied as in the QL step. */
    private static void rotateRows(int n, double[] qt, int i, double c, double s) {
        int a = i * n;
        int b = a + n;
        for (int k = 0; k < n; k++) {
            double f = qt[b + k];
            double z = qt[a + k];
            qt[b + k] = s * z + c * f;
            qt[a + k] = c * z - s * f;
        }
    }

    private static SymmetricEigen sorted(int n, double[] d, double[] qt) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int j = 0; j < n; j++) {
            values[j] = d[order[j]];
            System.arraycopy(qt, order[j] * n, vectors, j * n, n);
        }
        return new SymmetricEigen(n, values, vectors);
    }
}
