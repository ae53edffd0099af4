package dev.linea.models.ridge;

import dev.linea.models.LinearModel;
import java.util.List;

/**
 * Ridge fits over an α grid from one eigendecomposition.
 *
 * @param alphas     the grid, in the order given
 * @param models     one model per α
 * @param conditions κ₂(X_cᵀWX_c + αI) per α
 */
public record RidgePath(double[] alphas, List<LinearModel> models, double[] conditions) {
    public RidgePath {
        alphas = alphas.clone();
        models = List.copyOf(models);
        conditions = conditions.clone();
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public double[] conditions() {
        return conditions.clone();
    }

    /** @return the model fitted at alphas[k] */
    public LinearModel model(int k) {
        return models.get(k);
    }
}
