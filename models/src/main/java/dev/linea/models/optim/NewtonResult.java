package dev.linea.models.optim;

/**
 * The outcome of {@link Newton#minimize}.
 *
 * @param x          the last accepted point
 * @param iterations iterations (accepted steps) run
 * @param converged  true when {@code max_j |∇f_j| ≤ tol}
 * @param reason     why it stopped, in words, with the numbers
 * @param history    f at the start and after every iteration (iterations + 1 values)
 */
public record NewtonResult(double[] x, int iterations, boolean converged, String reason, double[] history) {
    public NewtonResult {
        x = x.clone();
        history = history.clone();
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
