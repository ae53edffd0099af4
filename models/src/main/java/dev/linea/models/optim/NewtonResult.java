package dev.linea.models.optim;

/**
 * The outcome of {@link Newton#minimize} or {@link Newton#polish}.
 *
 * @param x          the last accepted point
 * @param iterations iterations (accepted steps) run
 * @param converged  true when {@code max_j |∇f_j| ≤ tol}
 * @param reason     why it stopped, in words, with the numbers
 * @param history    f at the start and after every iteration (iterations + 1 values)
 * @param hessians   Hessians formed ({@link Newton#polish} reuses one for several steps)
 */
public record NewtonResult(double[] x, int iterations, boolean converged, String reason, double[] history,
                           int hessians) {
    public NewtonResult {
        x = x.clone();
        history = history.clone();
    }

    /** A result whose every iteration formed one Hessian ({@link Newton#minimize}): hessians = iterations. */
    public NewtonResult(double[] x, int iterations, boolean converged, String reason, double[] history) {
        this(x, iterations, converged, reason, history, iterations);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }
}
