package dev.linea.models.preprocessing;

/**
 * Options of {@link StandardScaler}, as scikit-learn's {@code with_mean} and {@code with_std}.
 *
 * @param withMean true to centre: subtract the (weighted) column mean μ_j; false to leave the location alone
 *                 (the means are still computed and reported)
 * @param withStd  true to divide by the (weighted, population) standard deviation σ_j; false to divide by 1
 */
public record ScalerOptions(boolean withMean, boolean withStd) {

    /** Centre and scale, scikit-learn's default. */
    public static ScalerOptions defaults() {
        return new ScalerOptions(true, true);
    }

    /** @return a copy with or without centring. */
    public ScalerOptions withMean(boolean centre) {
        return new ScalerOptions(centre, withStd);
    }

    /** @return a copy with or without scaling. */
    public ScalerOptions withStd(boolean scale) {
        return new ScalerOptions(withMean, scale);
    }
}
