package dev.linea.models.ols;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;

import java.util.List;

/**
 * A least-squares fit solved from moments ({@link LinearRegression#fit(dev.linea.models.SufficientStatistics,
 * ResidualPass)}): the model, its report, and what inference needs besides the residuals: the parameters in the
 * order of {@code parameterNames} ([intercept,] features) and the unscaled covariance {@code (XᵀWX)⁻¹} of those
 * parameters (multiply by σ̂² for the covariance of the estimates).
 *
 * @param condition the estimated 2-norm condition number of the centred, column-scaled design
 */
public record NormalEquationsFit(LinearModel model, FitReport report, List<String> parameterNames,
                                 double[] parameters, double[] unscaledCovariance, double condition)
        implements dev.linea.models.FittedModel {

    public NormalEquationsFit {
        parameterNames = List.copyOf(parameterNames);
        parameters = parameters.clone();
        unscaledCovariance = unscaledCovariance.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] unscaledCovariance() {
        return unscaledCovariance.clone();
    }

    /** @return the least-squares predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }
}
