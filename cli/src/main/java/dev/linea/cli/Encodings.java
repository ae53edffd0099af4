package dev.linea.cli;

import dev.linea.models.preprocessing.Coding;

import java.util.Locale;

/**
 * Which models are penalized, for the coding of categorical columns ({@link Coding#forModel}): full coding for a
 * model whose objective has a penalty of positive weight, treatment coding otherwise (with an intercept).
 * <ul>
 *   <li>always penalized: ridge, ridgecv, lasso, elasticnet;</li>
 *   <li>penalized when {@code --alpha} &gt; 0: gd, poisson, gamma, tweedie (default 0: unpenalized), huber (default
 *       1e-4: penalized; pass {@code --alpha 0} for treatment coding);</li>
 *   <li>logistic and softmax: penalized unless {@code --penalty none} (the default is l2).</li>
 * </ul>
 */
final class Encodings {
    private Encodings() {
    }

    static boolean penalized(Estimator model, EstimatorOptions o) {
        return switch (model) {
            case ridge, ridgecv, lasso, elasticnet -> true;
            case gd, poisson, gamma, tweedie -> o.alpha != null && o.alpha > 0;
            case huber -> o.alpha == null || o.alpha > 0;
            case logistic, softmax -> !o.penalty.trim().toLowerCase(Locale.ROOT).equals("none");
            case ols -> false;
        };
    }
}
