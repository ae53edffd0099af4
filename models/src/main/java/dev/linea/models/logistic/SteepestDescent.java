package dev.linea.models.logistic;

import dev.linea.models.optim.DifferentiableFunction;
import dev.linea.models.optim.Newton;

import java.util.Arrays;

/**
 * Gradient descent (internal): θ ← θ − η·∇f with η found by backtracking (halve until Armijo's sufficient
 * decrease {@code f(θ − η∇f) ≤ f(θ) − 10⁻⁴·η·‖∇f‖²} holds), starting each iteration from twice the last accepted
 * η, so the step tracks the local curvature without a Lipschitz estimate. Where the decrease falls below the
 * rounding level of f, a step is accepted on the curvature condition instead (see {@link Newton#withinNoise}). Linear
 * convergence at a rate set by the condition number of the Hessian.
 */
final class SteepestDescent {
    private static final int MAX_HALVINGS = 60;

    private SteepestDescent() {
    }

    static Solution solve(DifferentiableFunction obj, int p, double tol, int maxIterations) {
        double[] theta = new double[p];
        double[] g = new double[p];
        double f = obj.value(theta, g);
        double[] trial = new double[p];
        double[] gt = new double[p];
        double[] history = new double[maxIterations + 1];
        history[0] = f;
        double eta = 1;
        int it = 0;
        while (true) {
            double gmax = Solution.maxAbs(g);
            if (gmax <= tol) {
                return new Solution(theta, it, true, "max |gradient| " + Solution.fmt(gmax) + " <= tol "
                        + Solution.fmt(tol), Arrays.copyOf(history, it + 1));
            }
            if (it >= maxIterations) {
                return new Solution(theta, it, false, "reached maxIterations " + maxIterations + " with max |gradient| "
                        + Solution.fmt(gmax) + " > tol " + Solution.fmt(tol), Arrays.copyOf(history, it + 1));
            }
            double gg = 0;
            for (double v : g) {
                gg += v * v;
            }
            boolean accepted = false;
            double ft = Double.NaN;
            for (int k = 0; k < MAX_HALVINGS; k++, eta *= 0.5) {
                for (int j = 0; j < p; j++) {
                    trial[j] = theta[j] - eta * g[j];
                }
                ft = obj.value(trial, gt);
                if (Newton.resolvable(f, eta * gg) ? ft <= f - 1e-4 * eta * gg
                        : Newton.withinNoise(f, ft, gt, g, -gg)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                return new Solution(theta, it, false, "no step along −gradient lowers the loss (f = " + f
                        + ", max |gradient| " + Solution.fmt(gmax) + "): at its rounding level; loosen tol",
                        Arrays.copyOf(history, it + 1));
            }
            double[] swap = theta;
            theta = trial;
            trial = swap;
            swap = g;
            g = gt;
            gt = swap;
            f = ft;
            eta *= 2;
            it++;
            history[it] = f;
        }
    }
}
