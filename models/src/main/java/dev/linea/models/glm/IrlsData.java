package dev.linea.models.glm;

/**
 * The data side of {@link Irls}: one pass over the rows at a given β. A single machine loops over its rows
 * ({@link IrlsBlock} on all of them); a distributed implementation runs one job in which every block of rows does
 * the same and the {@link IrlsSums} are merged. The iteration itself (start, solve, step halving, stopping rule,
 * failures) lives once, in {@link Irls}.
 */
public interface IrlsData {

    /**
     * The evaluation at β: {@code η = Aβ + o}, {@code μ = g⁻¹(η)} and the deviance {@code Σ s_i·d(y_i, μ_i)}, with
     * the rows whose μ is outside the family's domain counted (see {@link IrlsBlock#evaluate}). With β null, the
     * start {@code μ = (y + ȳ)/2}. An implementation may add the observed-information working system at μ in the
     * same pass ({@link IrlsSums#hasSystem()}), which {@link #workingSystem} may then return.
     *
     * @param beta k coefficients, or null for the start; not modified
     * @return the pass's sums (a new object)
     */
    IrlsSums evaluate(double[] beta);

    /**
     * The working system {@code AᵀWA} and {@code AᵀW·z} at the μ of β (see {@link IrlsBlock#workingSystem}).
     *
     * @param beta   the point of {@code at}, or null for the start; not modified
     * @param at     what {@link #evaluate} returned for β; not modified
     * @param fisher true for Fisher scoring (expected information), false for the observed information
     * @return sums with the system, or, for the observed information, with {@link IrlsSums#needsFisher()} set
     *         when some row's observed weight is not positive
     */
    IrlsSums workingSystem(double[] beta, IrlsSums at, boolean fisher);

    /**
     * The score at β, {@code Aᵀr} with {@code r_i = s_i·(y_i − μ_i)/(g'(μ_i)·V(μ_i))} over the rows with a valid
     * mean (the negative gradient of the deviance over 2; it equals {@code AᵀW·z − AᵀWA·β} for either weighting),
     * which a chord step of {@link Irls} needs without a working system. The default takes {@code AᵀW·z − AᵀWA·β}
     * from the system that {@link #evaluate} formed in its own pass when it did (no pass: a distributed fit), else
     * from a Fisher-scoring {@link #workingSystem} (a full pass); the same numbers up to rounding. A local
     * implementation reads X once, with no Gram.
     *
     * @param beta the point of {@code at}; not modified
     * @param at   what {@link #evaluate} returned for β; not modified
     * @return k values (a new array), or null when some row's working weight or response is not finite
     */
    default double[] gradient(double[] beta, IrlsSums at) {
        IrlsSums s = at != null && at.hasSystem() && !at.needsFisher() && at.nonFinite == 0 ? at
                : workingSystem(beta, at, true);
        if (s.nonFinite > 0 || s.needsFisher()) {
            return null;
        }
        int k = s.k;
        double[] g = s.rhs.clone();
        for (int i = 0; i < k; i++) {
            double v = 0;
            for (int j = 0; j < k; j++) {
                v += s.gram[i * k + j] * beta[j];
            }
            g[i] -= v;
        }
        return g;
    }
}
