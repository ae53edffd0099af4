package dev.linea.models.inference;

import dev.linea.models.Dataset;

import java.util.List;
import java.util.Objects;

/**
 * What a (weighted) least-squares fit hands to {@link OlsInference}: the data, the parameters in the order
 * {@code [intercept,] x1 … xn}, which of them were estimated, and the unscaled covariance
 * {@code (X̃ᵀWX̃)⁻¹} over the parameters (X̃ = X with a leading column of ones when there is an intercept).
 * Dropped (dependent) parameters are 0 with zero rows and columns in the covariance.
 *
 * @param data               the fitted data (weights from it)
 * @param intercept          whether parameter 0 is the intercept
 * @param parameterNames     k names
 * @param parameters         k values; not modified (copied)
 * @param estimated          k flags, false for a dropped parameter; not modified (copied)
 * @param unscaledCovariance k×k row-major {@code (X̃ᵀWX̃)⁻¹}; not modified (copied)
 * @param rFactor            null, or the k×k upper-triangular R of a QR of W^½X̃ (any row signs), which saves
 *                           inference a QR for the condition number; not modified (copied)
 */
public record LeastSquaresFit(Dataset data, boolean intercept, List<String> parameterNames, double[] parameters,
                              boolean[] estimated, double[] unscaledCovariance, double[] rFactor) {

    public LeastSquaresFit {
        Objects.requireNonNull(data, "data");
        parameterNames = List.copyOf(parameterNames);
        int k = parameterNames.size();
        if (k != data.cols() + (intercept ? 1 : 0)) {
            throw new IllegalArgumentException(k + " parameter names, expected " + (data.cols() + (intercept ? 1 : 0)));
        }
        if (parameters.length != k || estimated.length != k || unscaledCovariance.length != k * k) {
            throw new IllegalArgumentException("parameters/estimated/covariance have " + parameters.length + "/"
                    + estimated.length + "/" + unscaledCovariance.length + " values, expected " + k + "/" + k + "/"
                    + k * k);
        }
        parameters = parameters.clone();
        estimated = estimated.clone();
        unscaledCovariance = unscaledCovariance.clone();
        if (rFactor != null) {
            if (rFactor.length != k * k) {
                throw new IllegalArgumentException("rFactor has " + rFactor.length + " values, expected " + k * k);
            }
            rFactor = rFactor.clone();
        }
    }

    @Override
    public double[] rFactor() {
        return rFactor == null ? null : rFactor.clone();
    }

    /** @return the number of parameters k (including the intercept and dropped ones). */
    public int size() {
        return parameters.length;
    }

    /** @return the rank: the number of estimated parameters. */
    public int rank() {
        int r = 0;
        for (boolean e : estimated) {
            if (e) {
                r++;
            }
        }
        return r;
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public boolean[] estimated() {
        return estimated.clone();
    }

    @Override
    public double[] unscaledCovariance() {
        return unscaledCovariance.clone();
    }

    double parameter(int j) {
        return parameters[j];
    }

    boolean isEstimated(int j) {
        return estimated[j];
    }

    double cov(int i, int j) {
        return unscaledCovariance[i * parameters.length + j];
    }
}
