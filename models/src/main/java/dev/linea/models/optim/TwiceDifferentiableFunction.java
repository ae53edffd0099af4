package dev.linea.models.optim;

/**
 * A smooth function f: ℝᵖ → ℝ that also gives its Hessian, for {@link Newton}. An implementation whose value and
 * Hessian come from one pass over data may compute the Hessian in {@link #value} and return it when
 * {@link #hessian} is asked at the same point (Newton asks for the Hessian only at the last point it evaluated and
 * accepted).
 */
public interface TwiceDifferentiableFunction extends DifferentiableFunction {
    /**
     * @param x    the point; not modified
     * @param hOut modified: overwritten with ∇²f(x), p×p row-major (symmetric)
     */
    void hessian(double[] x, double[] hOut);
}
