package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.inference.LeastSquaresFit;
import dev.linea.models.inference.OlsInference;

import java.util.List;

/**
 * The outcome of {@link LinearRegression#fit}: the model (coefficients on the original scale), the fit report, the
 * names of dropped dependent columns, and the inference (computed on first use, then kept: it costs O(n·k²) for
 * leverage plus a QR for the condition number). Thread-safe.
 */
public final class OlsResult implements dev.linea.models.FittedModel {
    private final LinearModel model;
    private final FitReport report;
    private final LeastSquaresFit fit;
    private final List<String> dropped;
    private final Backend backend;
    private volatile OlsInference inference;

    OlsResult(LinearModel model, FitReport report, LeastSquaresFit fit, List<String> dropped, Backend backend) {
        this.model = model;
        this.report = report;
        this.fit = fit;
        this.dropped = List.copyOf(dropped);
        this.backend = backend;
    }

    /** @return the fitted model; a dropped column's coefficient is 0. */
    public LinearModel model() {
        return model;
    }

    /** @return backend, solver actually used, refinement steps, wall time and notes (choices, drops, warnings). */
    public FitReport report() {
        return report;
    }

    /** @return the raw fit: parameters ([intercept,] features), estimated flags and the unscaled covariance. */
    public LeastSquaresFit fit() {
        return fit;
    }

    /** @return names of the columns dropped as linearly dependent (may include none). */
    public List<String> droppedFeatures() {
        return dropped;
    }

    /** @return inference at the 95% level (computed once, on first call). */
    public OlsInference inference() {
        OlsInference i = inference;
        if (i == null) {
            synchronized (this) {
                i = inference;
                if (i == null) {
                    i = OlsInference.of(fit, backend);
                    inference = i;
                }
            }
        }
        return i;
    }

    /** @return inference at confidence level 1 − α (not cached). */
    public OlsInference inference(double alpha) {
        return OlsInference.of(fit, backend, alpha);
    }

    /** @return the least-squares predictor ŷ = b + xᵀβ (identity link) */
    @Override
    public dev.linea.models.LinearPredictor predictor() {
        return dev.linea.models.LinearPredictor.identity(model);
    }

    /** @return the coefficient table of {@link #inference()} (95%) */
    @Override
    public java.util.Optional<List<dev.linea.models.inference.CoefficientStats>> coefficientTable() {
        return java.util.Optional.of(inference().coefficients());
    }
}
