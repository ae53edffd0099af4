/**
 * Least squares and ridge by gradient descent (batch, mini-batch, stochastic) on the backends' fused gradient
 * kernel: {@link dev.linea.models.gd.GradientDescent}.
 */
package dev.linea.models.gd;
