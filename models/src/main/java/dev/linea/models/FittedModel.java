package dev.linea.models;

import dev.linea.models.inference.CoefficientStats;
import java.util.List;
import java.util.Optional;

/**
 * What every fit result offers, whatever the estimator: the {@link Predictor} to save and score, the
 * {@link FitReport} (backend, solver, iterations, convergence, certificate, time) and, where the estimator defines
 * one, the coefficient table (estimates, standard errors, test statistics, p-values, confidence intervals).
 * Estimator-specific results ({@code OlsResult.inference()}, {@code GlmResult.deviance()}, the λ path of the
 * lasso, …) stay on the result types.
 *
 * <pre>{@code
 * FittedModel fit = new LogisticRegression().fit(data);
 * ModelFiles.save(fit.predictor(), data.targetName(), data.rows(), file);
 * }</pre>
 */
public interface FittedModel {

    /** @return the fitted predictor, on the scale of the features the estimator was given */
    Predictor predictor();

    /** @return how the fit went */
    FitReport report();

    /**
     * @return the coefficient table at the 95% level (intercept first, when fitted), or empty when the estimator
     *         defines none (penalized fits, for example, have no classical standard errors)
     */
    default Optional<List<CoefficientStats>> coefficientTable() {
        return Optional.empty();
    }
}
