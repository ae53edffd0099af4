package dev.linea.models.optim;

/** A smooth function f: ℝⁿ → ℝ that returns its value and writes its gradient in one call. */
@FunctionalInterface
public interface DifferentiableFunction {
    /**
     * @param x       the point; not modified
     * @param gradOut modified: overwritten with ∇f(x), same length as x
     * @return f(x); NaN or ±Inf tells the line search the point is outside the domain (it steps back)
     */
    double value(double[] x, double[] gradOut);
}
