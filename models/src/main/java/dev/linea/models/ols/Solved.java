package dev.linea.models.ols;

/**
 * A solver's outcome over the working parameters {@code [intercept,] x1 … xn} (internal).
 *
 * @param params     k values (0 for dropped)
 * @param estimated  k flags
 * @param cov        k×k unscaled covariance (XᵀWX)⁻¹, zero rows/columns for dropped parameters
 * @param steps      refinement steps taken
 * @param converged  refinement converged (or none asked)
 * @param status     why it stopped, in words
 * @param covNote    how the covariance was obtained
 * @param rFactor    k×k R of the weighted design W^½·[1 X] when a full-rank QR produced it, else null
 */
record Solved(double[] params, boolean[] estimated, double[] cov, int steps, boolean converged, String status,
              String covNote, double[] rFactor) {
}
