package dev.linea.models.ridge;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import dev.linea.models.linalg.SymmetricEigen;

/**
 * One eigendecomposition {@code X̃ᵀX̃ = V·Λ·Vᵀ} serving every α (internal):
 * <pre>  β(α) = V·(Λ + αI)⁻¹·c,   c = Vᵀ·X̃ᵀ·ỹ</pre>
 * O(n²) per α once the O(m·n² + n³) set-up is paid.
 */
final class RidgeEigenSystem {
    final CenteredDesign design;
    final double[] lambda;
    /** Vᵀ, row j = eigenvector j. */
    final double[] vt;
    final double[] c;
    /**
     * Eigenvalues below this (absolute) count as 0: 64·n·ε·λ_max, above the rounding level of the Gram matrix and
     * of the decomposition (a few n·ε·λ_max), the same relative level as the Cholesky path's pivot test.
     */
    final double zeroLevel;

    private RidgeEigenSystem(CenteredDesign design, double[] lambda, double[] vt, double[] c, double zeroLevel) {
        this.design = design;
        this.lambda = lambda;
        this.vt = vt;
        this.c = c;
        this.zeroLevel = zeroLevel;
    }

    static RidgeEigenSystem of(Backend backend, CenteredDesign d) {
        int n = d.n;
        double[] g = new double[n * n];
        d.gram(backend, g);
        SymmetricEigen eig = SymmetricEigen.of(backend, n, g);
        double[] lambda = eig.values();
        double max = 0;
        for (int j = 0; j < n; j++) {
            // The Gram matrix is positive semi-definite: negative eigenvalues are rounding.
            lambda[j] = Math.max(lambda[j], 0);
            max = Math.max(max, lambda[j]);
        }
        double[] xty = new double[n];
        d.xty(backend, xty);
        double[] vt = eig.vectorsTransposedUnsafe();
        double[] c = new double[n];
        backend.gemv(Transpose.NONE, n, n, 1, vt, 0, n, xty, 0, 0, c, 0);
        return new RidgeEigenSystem(d, lambda, vt, c, 64.0 * Math.max(1, n) * Math.ulp(1.0) * max);
    }

    /** @return the number of eigenvalues at the rounding level: the numerical rank deficiency of X̃ */
    int nullity() {
        int k = 0;
        for (double l : lambda) {
            if (l <= zeroLevel) {
                k++;
            }
        }
        return k;
    }

    /** @return true when X̃ᵀX̃ + αI is numerically singular */
    boolean singular(double alpha) {
        return alpha <= zeroLevel && nullity() > 0;
    }

    /** @return κ₂(X̃ᵀX̃ + αI) = (λ_max + α) / (λ_min + α) */
    double condition(double alpha) {
        int n = lambda.length;
        return n == 0 ? 1 : (lambda[n - 1] + alpha) / (lambda[0] + alpha);
    }

    /** @return β(α), modified freely by the caller; requires {@code !singular(alpha)} */
    double[] beta(Backend backend, double alpha) {
        int n = lambda.length;
        double[] z = new double[n];
        for (int j = 0; j < n; j++) {
            z[j] = c[j] / (lambda[j] + alpha);
        }
        double[] beta = new double[n];
        backend.gemv(Transpose.TRANSPOSE, n, n, 1, vt, 0, n, z, 0, 0, beta, 0);
        return beta;
    }

    /** @return the effective degrees of freedom tr(H) = [intercept] + Σ λ_j / (λ_j + α) */
    double degreesOfFreedom(double alpha) {
        double df = design.intercept ? 1 : 0;
        for (double l : lambda) {
            df += alpha == 0 && l <= zeroLevel ? 0 : l / (l + alpha);
        }
        return df;
    }
}
