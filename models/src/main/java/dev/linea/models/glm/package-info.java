/**
 * Generalized linear models fitted by IRLS on the backends' kernels: {@link dev.linea.models.glm.GeneralizedLinearModel}
 * with the {@link dev.linea.models.glm.Poisson}, {@link dev.linea.models.glm.Gamma},
 * {@link dev.linea.models.glm.Tweedie} and {@link dev.linea.models.glm.Gaussian} families, offsets, sample weights,
 * an optional L2 penalty (scikit-learn's objective) and statsmodels' inference.
 */
package dev.linea.models.glm;
