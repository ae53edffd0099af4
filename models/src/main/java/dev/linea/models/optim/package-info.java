/**
 * Smooth unconstrained minimization: {@link dev.linea.models.optim.Lbfgs} (limited-memory BFGS with a strong-Wolfe
 * line search) on a {@link dev.linea.models.optim.DifferentiableFunction}.
 */
package dev.linea.models.optim;
