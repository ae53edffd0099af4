package dev.linea.models;

/**
 * A fit whose result is not usable (singular system without a fallback, divergence, separation, non-convergence
 * where the options say to fail): the numerical failure, distinct from misuse ({@link IllegalArgumentException}).
 * Carries the fit report up to the failure.
 */
public class FitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient FitReport report;

    public FitException(String message, FitReport report) {
        super(message);
        this.report = report;
    }

    /** @return the report of the failed fit (may be null when the failure came before any work). */
    public FitReport report() {
        return report;
    }
}
