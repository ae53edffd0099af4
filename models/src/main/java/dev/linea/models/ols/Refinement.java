package dev.linea.models.ols;

/**
 * The stopping rule of iterative refinement, shared by every least-squares solver that refines (the normal
 * equations here, the spark module's tall-skinny QR). Each step proposes a correction whose size relative to the
 * solution is {@code c = max|δ| / max|θ|} (0 for a zero solution); the rule
 * <ul>
 *   <li>rejects the step, and stops, when c does not shrink (the correction is rounding, and applying it would not
 *       help);</li>
 *   <li>accepts it, and stops as converged, when c ≤ 4ε (the solution is correct to rounding);</li>
 *   <li>stops after {@code maxSteps} steps; then, or after a rejected step, it counts as converged when the last c
 *       is at most 64ε. No step asked for counts as converged (the direct solve stands).</li>
 * </ul>
 * Use: {@code while (r.wantsStep()) { …form δ…; if (!r.accept(c)) break; θ += δ; }}. Not thread-safe.
 */
public final class Refinement {
    private static final double CONVERGED = 4 * Math.ulp(1.0);
    private static final double CLOSE_ENOUGH = 64 * Math.ulp(1.0);

    private final int maxSteps;
    private int steps;
    private double last;
    private double previous = Double.POSITIVE_INFINITY;
    private boolean converged;
    private boolean stopped;

    /** @param maxSteps refinement steps at most (0: none) */
    public Refinement(int maxSteps) {
        this.maxSteps = maxSteps;
        this.converged = maxSteps == 0;
    }

    /** @return whether another step should be formed */
    public boolean wantsStep() {
        return !stopped && steps < maxSteps;
    }

    /**
     * Counts a step with relative correction c.
     *
     * @return true when the correction is to be applied; false when it is rejected (and the refinement stops)
     */
    public boolean accept(double correction) {
        steps++;
        last = correction;
        if (!(correction < previous)) {
            stopped = true;
            return false;
        }
        previous = correction;
        if (correction <= CONVERGED) {
            converged = true;
            stopped = true;
        }
        return true;
    }

    /** @return steps formed (a rejected last step included) */
    public int steps() {
        return steps;
    }

    /** @return the last step's relative correction (0 before any) */
    public double lastCorrection() {
        return last;
    }

    /** @return whether the solution is correct to rounding by the rule above */
    public boolean converged() {
        return converged || last <= CLOSE_ENOUGH;
    }

    /**
     * @param method what the steps solve, e.g. "corrected semi-normal equations" (null: not named)
     * @return "direct solve, no refinement asked" or "N refinement step(s)[ (method)], last relative correction c"
     */
    public String status(String method) {
        return steps == 0 ? "direct solve, no refinement asked"
                : steps + " refinement step(s)" + (method == null ? "" : " (" + method + ")")
                + ", last relative correction " + String.format(java.util.Locale.ROOT, "%.3g", last);
    }
}
