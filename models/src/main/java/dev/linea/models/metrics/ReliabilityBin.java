package dev.linea.models.metrics;

/**
 * One bin of a reliability (calibration) diagram: the rows whose predicted probability falls in (lower, upper]
 * (the first bin also takes 0).
 *
 * @param lower         the bin's lower edge
 * @param upper         the bin's upper edge
 * @param meanPredicted the (weighted) mean predicted probability of its rows; NaN when empty
 * @param observedRate  the (weighted) fraction of its rows that are positive; NaN when empty
 * @param count         rows in the bin
 * @param weight        their total weight (= count when unweighted)
 */
public record ReliabilityBin(double lower, double upper, double meanPredicted, double observedRate, int count,
                             double weight) {
}
