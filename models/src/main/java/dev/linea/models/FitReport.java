package dev.linea.models;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a fit went: which backend and solver ran, how many iterations, whether it converged and why it stopped,
 * the loss history (for loss curves) and the wall time. Every estimator returns one with its model.
 *
 * @param estimator   e.g. "ols", "ridge", "gd"
 * @param backend     the backend's name
 * @param solver      the solver that produced the result (after any automatic choice or fallback)
 * @param iterations  iterations run (1 for direct solvers)
 * @param converged   true when the stopping rule was met (direct solvers: true unless they failed)
 * @param status      why it stopped, in words (e.g. "relative loss change 3e-11 &lt; tol 1e-10")
 * @param lossHistory loss per iteration (empty for direct solvers)
 * @param wallTime    time spent in fit
 * @param notes       what a user should know: solver choice and why, dropped columns, warnings
 * @param certificate how close to the optimum the iterative solver certifies its result to be (every iterative
 *                    estimator of this module gives one), or null (direct solvers, and reports built elsewhere
 *                    without one, such as the Spark module's distributed fits)
 */
public record FitReport(String estimator, String backend, String solver, int iterations, boolean converged,
                        String status, double[] lossHistory, Duration wallTime, List<String> notes,
                        Certificate certificate) {

    /** A report without a certificate (direct solvers). */
    public FitReport(String estimator, String backend, String solver, int iterations, boolean converged,
                     String status, double[] lossHistory, Duration wallTime, List<String> notes) {
        this(estimator, backend, solver, iterations, converged, status, lossHistory, wallTime, notes, null);
    }

    public FitReport {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(wallTime, "wallTime");
        lossHistory = lossHistory == null ? new double[0] : lossHistory.clone();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    @Override
    public String toString() {
        return estimator + " via " + solver + " on " + backend + ": " + (converged ? "converged" : "NOT converged")
                + " after " + iterations + " iteration(s) (" + status + "), " + wallTime.toMillis() + " ms"
                + (certificate == null ? "" : "; certified: " + certificate)
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
