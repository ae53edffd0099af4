package dev.linea.cli;

import dev.linea.models.LinearModel;

import java.util.Map;

/**
 * The output invariant of the command line: nothing non-finite is printed as a coefficient, prediction or metric
 * while the run succeeds. A value that must be finite and is not fails the run with {@link UnusableResultException}
 * (exit 1); the few values that may be undefined for the data (R² of a constant target, adjusted R² without
 * residual degrees of freedom, MAPE with a zero target, ROC AUC of one class, a GLM's dispersion or AIC when the
 * data leave them undefined) print as {@code undefined} (JSON {@code null}), as docs/errors.md says.
 */
final class FiniteOutput {
    private FiniteOutput() {
    }

    /** A result the command computed but cannot stand behind: exit 1, the message says why. */
    static final class UnusableResultException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnusableResultException(String message) {
            super(message);
        }
    }

    /** @throws UnusableResultException when the intercept or a coefficient is not finite */
    static void coefficients(LinearModel m) {
        coefficients(m.intercept(), m.coefficients(), m.featureNames());
    }

    /** @throws UnusableResultException when the intercept or a coefficient is not finite */
    static void coefficients(double intercept, double[] beta, java.util.List<String> names) {
        if (!Double.isFinite(intercept)) {
            throw new UnusableResultException("the intercept is " + intercept + ", expected a finite number");
        }
        for (int j = 0; j < beta.length; j++) {
            if (!Double.isFinite(beta[j])) {
                throw new UnusableResultException("the coefficient of '" + names.get(j) + "' is " + beta[j]
                        + ", expected a finite number");
            }
        }
    }

    /**
     * @param what "prediction" or "fitted value", for the message
     * @throws UnusableResultException naming the first row (1-based) whose value is not finite
     */
    static void predictions(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new UnusableResultException("the " + what + " of data row " + (i + 1) + " is " + values[i]
                        + " (the linear predictor overflows the inverse link, or the row is far outside the "
                        + "training data), expected a finite number; nothing was written");
            }
        }
    }

    /** @return v, which must be finite */
    static Double metric(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new UnusableResultException("the training " + name + " is " + v + ", expected a finite number");
        }
        return v;
    }

    /** @return v, or null (printed "undefined") for a statistic that the data leave undefined */
    static Double orUndefined(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Replaces, in place, the non-finite numbers among a fit's extra statistics by null (undefined). */
    static void extras(Map<String, Object> extra) {
        extra.replaceAll((k, v) -> v instanceof Double x && !Double.isFinite(x) ? null : v);
    }
}
