package dev.linea.models.optim;

/**
 * The outcome of {@link Lbfgs#minimize}.
 *
 * @param x           the last accepted point (the best one found)
 * @param value       f(x)
 * @param gradient    ∇f(x)
 * @param iterations  iterations (accepted line searches) run
 * @param evaluations function evaluations, line searches included
 * @param converged   true when the gradient or the function-change test was met
 * @param reason      why it stopped, in words, with the numbers
 * @param history     f at the start and after every iteration (iterations + 1 values; only the first 65 537 are kept)
 */
public record LbfgsResult(double[] x, double value, double[] gradient, int iterations, int evaluations,
                          boolean converged, String reason, double[] history) {
    public LbfgsResult {
        x = x.clone();
        gradient = gradient.clone();
        history = history.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }

    /** @return max_j |∇f(x)_j| */
    public double gradientMaxAbs() {
        double m = 0;
        for (double g : gradient) {
            m = Math.max(m, Math.abs(g));
        }
        return m;
    }
}
