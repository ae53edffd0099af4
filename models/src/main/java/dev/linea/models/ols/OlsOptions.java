package dev.linea.models.ols;

import java.util.Objects;

/**
 * Options of {@link LinearRegression}, validated on construction.
 *
 * @param solver           how to solve; {@link OlsSolver#AUTO} chooses by conditioning
 * @param fitIntercept     true to fit {@code ŷ = b + Xβ}; false for {@code ŷ = Xβ} (R² then uncentred, as statsmodels
 *                         and NIST do for models without a constant)
 * @param refinementSteps  maximum iterative-refinement steps (0 … 50); refinement stops earlier once a correction is
 *                         below about 2^-52 relative
 * @param rankTolerance    relative tolerance τ ≥ 0 (and &lt; 1) of the rank decision on the column-scaled design: a
 *                         column is dependent when its pivoted |R(k,k)| ≤ τ·max|R(j,j)|
 */
public record OlsOptions(OlsSolver solver, boolean fitIntercept, int refinementSteps, double rankTolerance) {

    /** Default refinement steps: Filip (κ ≈ 5e9 scaled) converges in 3. */
    public static final int DEFAULT_REFINEMENT_STEPS = 8;

    /**
     * Default rank tolerance, 1e-13: NIST's Filip (the hardest full-rank certified problem, scaled κ ≈ 5e9) has
     * min |R(k,k)| / max |R(j,j)| ≈ 1e-10, so it stays full rank, while exactly dependent columns give ≈ 1e-16.
     */
    public static final double DEFAULT_RANK_TOLERANCE = 1e-13;

    public OlsOptions {
        Objects.requireNonNull(solver, "solver");
        if (refinementSteps < 0 || refinementSteps > 50) {
            throw new IllegalArgumentException("refinementSteps is " + refinementSteps + ", expected 0..50");
        }
        if (!(rankTolerance >= 0 && rankTolerance < 1)) {
            throw new IllegalArgumentException("rankTolerance is " + rankTolerance
                    + ", expected a number in [0, 1)");
        }
    }

    /** AUTO solver, with intercept, default refinement and rank tolerance. */
    public static OlsOptions defaults() {
        return new OlsOptions(OlsSolver.AUTO, true, DEFAULT_REFINEMENT_STEPS, DEFAULT_RANK_TOLERANCE);
    }

    /** @return a copy with this solver. */
    public OlsOptions withSolver(OlsSolver s) {
        return new OlsOptions(s, fitIntercept, refinementSteps, rankTolerance);
    }

    /** @return a copy with or without intercept. */
    public OlsOptions withIntercept(boolean intercept) {
        return new OlsOptions(solver, intercept, refinementSteps, rankTolerance);
    }

    /** @return a copy with this many refinement steps at most. */
    public OlsOptions withRefinementSteps(int steps) {
        return new OlsOptions(solver, fitIntercept, steps, rankTolerance);
    }

    /** @return a copy with this rank tolerance. */
    public OlsOptions withRankTolerance(double tol) {
        return new OlsOptions(solver, fitIntercept, refinementSteps, tol);
    }
}
