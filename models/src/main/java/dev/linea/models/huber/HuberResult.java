package dev.linea.models.huber;

import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import java.util.Objects;

/**
 * A Huber regression fit.
 *
 * @param model     the fitted linear model (scikit-learn's {@code coef_}, {@code intercept_})
 * @param report    backend, iterations, convergence, objective per iteration
 * @param scale     σ (scikit-learn's {@code scale_})
 * @param objective the minimized objective at the solution
 * @param outliers  per row, |y_i − ŷ_i| &gt; ε·σ (scikit-learn's {@code outliers_}); a copy is handed out
 */
public record HuberResult(LinearModel model, FitReport report, double scale, double objective, boolean[] outliers)
        implements dev.linea.models.FittedModel {

    public HuberResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
        outliers = outliers.clone();
    }

    @Override
    public boolean[] outliers() {
        return outliers.clone();
    }

    /** @return how many rows are outliers. */
    public int outlierCount() {
        int c = 0;
        for (boolean o : outliers) {
            c += o ? 1 : 0;
        }
        return c;
    }

    /** @return the predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }
}
