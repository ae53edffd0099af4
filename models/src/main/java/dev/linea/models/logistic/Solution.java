package dev.linea.models.logistic;

/** What an internal solver returns: parameters, iterations, whether and why it stopped, f per iteration. */
record Solution(double[] theta, int iterations, boolean converged, String reason, double[] history) {

    static double maxAbs(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static String fmt(double v) {
        return String.format("%.3g", v);
    }
}
