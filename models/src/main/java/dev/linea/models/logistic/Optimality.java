package dev.linea.models.logistic;

import dev.linea.models.Certificate;
import dev.linea.models.optim.StandardizedCoordinates;

/**
 * The certificates of the logistic and softmax solvers (internal), all measured in the standardized coordinates u of
 * {@link StandardizedCoordinates} (the features centred and scaled to unit standard deviation), on the objective
 * divided by C·Σs: the measure is then free of the features' units and of the number of rows.
 */
final class Optimality {
    private Optimality() {
    }

    /**
     * The max-abs gradient in u, or with an ℓ₁ weight α₁ &gt; 0 on the feature coefficients the max-abs minimum-norm
     * subgradient (in u the ℓ₁ term is Σ α₁·|u_cj|/σ_j). With {@code modulus} μ &gt; 0 (the objective μ-strongly
     * convex in u: an L2 part and no intercept), the bound ‖u − u*‖₂ ≤ ‖r‖₂/μ, r the (sub)gradient, which holds
     * for any convex ℓ₁ term added to a μ-strongly convex one.
     *
     * @param gradient the gradient of the smooth part with respect to θ, blocks·n coefficients then the intercepts;
     *                 not modified
     * @param theta    the original-scale parameters; not modified
     * @param alpha1   α₁ ≥ 0
     * @param modulus  μ ≥ 0 in u, or 0 for no bound
     * @param tol      the tolerance the solver was held to
     */
    static Certificate of(StandardizedCoordinates sc, double[] gradient, double[] theta, int n, int blocks,
                          double alpha1, double modulus, double tol) {
        double[] r = new double[gradient.length];
        sc.standardizedGradient(gradient, r);
        if (alpha1 > 0) {
            for (int c = 0; c < blocks; c++) {
                for (int j = 0; j < n; j++) {
                    int i = c * n + j;
                    double a = alpha1 / sc.scale(j);
                    r[i] = theta[i] != 0 ? r[i] + Math.copySign(a, theta[i])
                            : Math.max(Math.abs(r[i]) - a, 0);
                }
            }
        }
        double max = 0;
        double sq = 0;
        for (double v : r) {
            max = Math.max(max, Math.abs(v));
            sq += v * v;
        }
        return new Certificate(alpha1 > 0 ? Certificate.Kind.SCALED_SUBGRADIENT_NORM
                : Certificate.Kind.SCALED_GRADIENT_NORM, max, tol, modulus > 0 ? Math.sqrt(sq) / modulus : Double.NaN);
    }
}
