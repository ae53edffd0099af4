package dev.linea.models.optim;

/**
 * Options of {@link Lbfgs}, validated on construction.
 *
 * @param memory            m ≥ 1, the number of (s, y) correction pairs kept (m = 10 is the usual choice; more
 *                          rarely pays)
 * @param gradientTolerance ≥ 0: converged when {@code max_j |∇f(x)_j| ≤ gradientTolerance}
 * @param functionTolerance ≥ 0: converged when an iteration changes f by at most this relative amount,
 *                          {@code (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, tiny) ≤ functionTolerance}; 0 disables
 *                          the test
 * @param maxIterations     ≥ 1, iterations (line searches) at most
 * @param maxEvaluations    ≥ 1, function evaluations at most, line searches included
 */
public record LbfgsOptions(int memory, double gradientTolerance, double functionTolerance, int maxIterations,
                           int maxEvaluations) {

    public LbfgsOptions {
        if (memory < 1) {
            throw new IllegalArgumentException("memory is " + memory + ", expected >= 1");
        }
        if (!(gradientTolerance >= 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gradientTolerance is " + gradientTolerance
                    + ", expected a finite number >= 0");
        }
        if (!(functionTolerance >= 0 && functionTolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("functionTolerance is " + functionTolerance
                    + ", expected a finite number >= 0");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations is " + maxIterations + ", expected >= 1");
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations is " + maxEvaluations + ", expected >= 1");
        }
    }

    /** m = 10, gradient tolerance 1e-6, function tolerance 64·ε (about 1.4e-14), 1000 iterations, 20000 evaluations. */
    public static LbfgsOptions defaults() {
        return new LbfgsOptions(10, 1e-6, 64 * Math.ulp(1.0), 1000, 20000);
    }

    /** @return a copy with this gradient tolerance */
    public LbfgsOptions withGradientTolerance(double g) {
        return new LbfgsOptions(memory, g, functionTolerance, maxIterations, maxEvaluations);
    }

    /** @return a copy with this function tolerance */
    public LbfgsOptions withFunctionTolerance(double f) {
        return new LbfgsOptions(memory, gradientTolerance, f, maxIterations, maxEvaluations);
    }

    /** @return a copy with at most this many iterations (and 20 evaluations per iteration) */
    public LbfgsOptions withMaxIterations(int it) {
        return new LbfgsOptions(memory, gradientTolerance, functionTolerance, it,
                (int) Math.min(Integer.MAX_VALUE, 20L * it));
    }

    /** @return a copy with this memory */
    public LbfgsOptions withMemory(int m) {
        return new LbfgsOptions(m, gradientTolerance, functionTolerance, maxIterations, maxEvaluations);
    }
}
