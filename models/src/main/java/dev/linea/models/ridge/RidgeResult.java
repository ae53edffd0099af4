package dev.linea.models.ridge;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import java.util.Objects;

/**
 * A ridge fit: the model (coefficients on the scale of the data given) and its report.
 *
 * @param model     the fitted model
 * @param report    backend, solver used, α, condition number when known, wall time
 * @param alpha     the penalty used
 * @param condition κ₂(X_cᵀWX_c + αI) when the solver computed it (EIGEN), NaN otherwise
 */
public record RidgeResult(LinearModel model, FitReport report, double alpha, double condition)
        implements dev.linea.models.FittedModel {
    public RidgeResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }

    /** @return the predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }
}
