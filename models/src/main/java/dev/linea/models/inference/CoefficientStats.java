package dev.linea.models.inference;

/**
 * One row of the coefficient table.
 *
 * @param name      parameter name ("intercept" or the feature's)
 * @param estimate  β_j (0 for a dropped column)
 * @param stdError  {@code se_j = s·sqrt(C_jj)}, s² = SSR/(n − rank), C = (X̃ᵀWX̃)⁻¹ (NaN when dropped or df = 0)
 * @param t         {@code β_j / se_j}
 * @param pValue    {@code 2·P(T_{n−rank} > |t|)}
 * @param lower     {@code β_j − t_{1−α/2, n−rank}·se_j}
 * @param upper     {@code β_j + t_{1−α/2, n−rank}·se_j}
 * @param estimated false when the column was dropped as dependent
 */
public record CoefficientStats(String name, double estimate, double stdError, double t, double pValue,
                               double lower, double upper, boolean estimated) {
}
