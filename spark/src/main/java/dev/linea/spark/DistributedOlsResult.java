package dev.linea.spark;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.NormalEquationsFit;

import java.util.List;
import java.util.Objects;

/**
 * A distributed least-squares fit: the single machine's fit without the rows ({@link NormalEquationsFit}: the same
 * {@link LinearModel}, which saves, loads and scores the same way, its report, the parameters and their unscaled
 * covariance), and the inference that needs no second look at the rows.
 *
 * @param fit               model, report, parameters ([intercept,] features; 0 for a dropped column), the unscaled
 *                          covariance (XᵀWX)⁻¹ (zero rows for dropped columns) and the condition estimate
 * @param rss               residual sum of squares Σ w·r²
 * @param totalSumOfSquares Σ w·(y − ȳ)² with an intercept, Σ w·y² without
 * @param rSquared          1 − RSS/TSS, NaN when the target has no variance to explain (every y of positive weight
 *                          equal; without intercept, all 0), told from the target's extremes, as on one machine
 * @param rows              rows read
 * @param rank              parameters estimated
 * @param droppedFeatures   columns dropped as linearly dependent (QR solvers only)
 * @param passes            Spark jobs over the data
 */
public record DistributedOlsResult(NormalEquationsFit fit, double rss, double totalSumOfSquares, double rSquared,
                                   long rows, int rank, List<String> droppedFeatures, int passes)
        implements dev.linea.models.FittedModel {

    public DistributedOlsResult {
        Objects.requireNonNull(fit, "fit");
        droppedFeatures = List.copyOf(droppedFeatures);
    }

    public LinearModel model() {
        return fit.model();
    }

    public FitReport report() {
        return fit.report();
    }

    /** @return [intercept,] features */
    public List<String> parameterNames() {
        return fit.parameterNames();
    }

    /** @return a copy of the parameters, in the order of {@link #parameterNames()} */
    public double[] parameters() {
        return fit.parameters();
    }

    /** @return a copy of (XᵀWX)⁻¹ over the parameters (k×k row-major) */
    public double[] unscaledCovariance() {
        return fit.unscaledCovariance();
    }

    /** @return the estimated condition number of the centred, scaled design (NaN when not estimated) */
    public double condition() {
        return fit.condition();
    }

    /** @return rows − rank, the residual degrees of freedom */
    public long residualDegreesOfFreedom() {
        return rows - rank;
    }

    /** @return σ̂² = RSS / (rows − rank) */
    public double sigma2() {
        return rss / residualDegreesOfFreedom();
    }

    /** @return standard errors sqrt(σ̂²·C_jj) in the order of {@code parameterNames} (NaN for dropped columns) */
    public double[] standardErrors() {
        double[] cov = fit.unscaledCovariance();
        int k = fit.parameterNames().size();
        double[] se = new double[k];
        double s2 = sigma2();
        for (int j = 0; j < k; j++) {
            double c = cov[j * k + j];
            se[j] = c > 0 ? Math.sqrt(s2 * c) : Double.NaN;
        }
        return se;
    }

    /** @return the least-squares predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return fit.predictor();
    }
}
