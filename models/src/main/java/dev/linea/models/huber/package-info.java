/**
 * Robust linear regression with the Huber loss and a jointly estimated scale, as scikit-learn's
 * {@code HuberRegressor}: {@link dev.linea.models.huber.HuberRegression}.
 */
package dev.linea.models.huber;
