/**
 * Least squares and ridge by gradient descent (batch, mini-batch, stochastic) on the backends' fused gradient
 * kernels, from dense rows or from a CSR design (lazy sparse steps): {@link dev.linea.models.gd.GradientDescent}.
 */
package dev.linea.models.gd;
