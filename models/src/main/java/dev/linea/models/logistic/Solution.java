package dev.linea.models.logistic;

/** What an internal solver returns: parameters, iterations, whether and why it stopped, f per iteration. */
record Solution(double[] theta, int iterations, boolean converged, String reason, double[] history) {
}
