/**
 * Smooth unconstrained minimization: {@link dev.linea.models.optim.Lbfgs} (limited-memory BFGS with a strong-Wolfe
 * line search) on a {@link dev.linea.models.optim.DifferentiableFunction}, and {@link dev.linea.models.optim.Newton}
 * (damped Newton with step halving) on a {@link dev.linea.models.optim.TwiceDifferentiableFunction}.
 */
package dev.linea.models.optim;
