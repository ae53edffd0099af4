/**
 * Logistic regression: binary ({@link dev.linea.models.logistic.LogisticRegression}) and multinomial
 * ({@link dev.linea.models.logistic.SoftmaxRegression}), with scikit-learn's objective and its C convention.
 */
package dev.linea.models.logistic;
