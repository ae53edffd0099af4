package dev.linea.models.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * Limited-memory BFGS (Nocedal, 1980; Liu &amp; Nocedal, 1989) for smooth unconstrained minimization.
 *
 * <p>Each iteration takes the direction {@code p = −H·∇f(x)} where H approximates the inverse Hessian from the last
 * m pairs {@code s = x_{k+1} − x_k}, {@code y = ∇f_{k+1} − ∇f_k} (the two-loop recursion, with the initial scaling
 * {@code H₀ = (sᵀy / yᵀy)·I} of the newest pair), then a line search satisfying the strong Wolfe conditions (see
 * {@link WolfeLineSearch}), which keeps sᵀy &gt; 0 and so H positive definite. The first step, and any step after
 * the memory is reset, is along −∇f with trial step α = min(1, 1/‖∇f‖₂), so that the first trial point moves by
 * at most 1.
 *
 * <p>Stops (see {@link LbfgsOptions}) when {@code max_j |∇f_j| ≤ gradientTolerance} or the relative change of f is
 * at most {@code functionTolerance} (converged), or at the iteration or evaluation limit, or when the line search
 * finds no step that lowers f, or neither f nor max |∇f| has reached a new low for {@value #STALL_ITERATIONS}
 * iterations (not converged; the
 * reason says which and gives the numbers).
 *
 * <p>Thread-safe: an instance holds only its options; each {@link #minimize} call allocates its own O(m·n) state.
 */
public final class Lbfgs {
    /** Iterations in a row without a lower f or max |∇f| after which the minimizer gives up (rounding level). */
    static final int STALL_ITERATIONS = 10;
    private final LbfgsOptions options;

    /** With {@link LbfgsOptions#defaults()}. */
    public Lbfgs() {
        this(LbfgsOptions.defaults());
    }

    public Lbfgs(LbfgsOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public LbfgsOptions options() {
        return options;
    }

    /**
     * Minimizes f from x0.
     *
     * @param f  the function; called with arrays owned by the minimizer, which it must not keep
     * @param x0 the starting point; not modified
     * @throws IllegalArgumentException when f(x0) or ∇f(x0) is not finite (there is no direction to go)
     */
    public LbfgsResult minimize(DifferentiableFunction f, double[] x0) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x0, "x0");
        int n = x0.length;
        int mem = options.memory();
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.value(x, g);
        if (!Double.isFinite(fx) || !finite(g)) {
            throw new IllegalArgumentException("f(x0) = " + fx + " with max |gradient| " + maxAbs(g)
                    + ", expected finite values at the starting point");
        }
        double[][] s = new double[mem][n];
        double[][] y = new double[mem][n];
        double[] rho = new double[mem];
        double[] alpha = new double[mem];
        int stored = 0;
        int newest = -1;
        double[] p = new double[n];
        WolfeLineSearch ls = new WolfeLineSearch(f, x, p);
        ls.evaluations = 1;
        double[] history = new double[Math.min(options.maxIterations(), 1 << 16) + 1];
        history[0] = fx;
        int it = 0;
        boolean converged = false;
        String reason;
        double best = fx;
        double bestGradient = maxAbs(g);
        int stalled = 0;
        while (true) {
            double gmax = maxAbs(g);
            if (gmax <= options.gradientTolerance()) {
                converged = true;
                reason = "max |gradient| " + fmt(gmax) + " <= gradient tolerance " + fmt(options.gradientTolerance());
                break;
            }
            if (it >= options.maxIterations()) {
                reason = "reached maxIterations " + options.maxIterations() + " with max |gradient| " + fmt(gmax)
                        + " > gradient tolerance " + fmt(options.gradientTolerance());
                break;
            }
            if (ls.evaluations >= options.maxEvaluations()) {
                reason = "reached maxEvaluations " + options.maxEvaluations() + " with max |gradient| " + fmt(gmax);
                break;
            }
            direction(g, s, y, rho, alpha, stored, newest, p);
            double d0 = dot(g, p);
            boolean steepest = stored == 0;
            if (!(d0 < 0)) {
                // H lost positive definiteness to rounding: start over from steepest descent
                stored = 0;
                newest = -1;
                steepest = true;
                for (int j = 0; j < n; j++) {
                    p[j] = -g[j];
                }
                d0 = dot(g, p);
            }
            double a1 = steepest ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;
            double step = ls.search(fx, d0, a1, options.maxEvaluations() - ls.evaluations);
            if (Double.isNaN(step)) {
                reason = "the line search found no step lowering f (f = " + fx + ", max |gradient| " + fmt(gmax)
                        + "): the gradient is inaccurate or f is at its rounding level";
                break;
            }
            int slot = (newest + 1) % mem;
            double sy = 0;
            double yy = 0;
            for (int j = 0; j < n; j++) {
                double sj = ls.xt[j] - x[j];
                double yj = ls.gt[j] - g[j];
                s[slot][j] = sj;
                y[slot][j] = yj;
                sy += sj * yj;
                yy += yj * yj;
            }
            // A pair with sᵀy ≤ 0 (possible only from the fallback step) would make H indefinite: skip it. Its slot
            // held the oldest pair, now overwritten, so that one leaves the memory too.
            if (sy > 1e-16 * yy && yy > 0) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, mem);
            } else if (stored == mem) {
                stored--;
            }
            System.arraycopy(ls.xt, 0, x, 0, n);
            System.arraycopy(ls.gt, 0, g, 0, n);
            double fNew = ls.value;
            it++;
            if (it < history.length) {
                history[it] = fNew;
            }
            double rel = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), Double.MIN_NORMAL);
            fx = fNew;
            double gNew = maxAbs(g);
            if (fNew < best || gNew < bestGradient) {
                best = Math.min(best, fNew);
                bestGradient = Math.min(bestGradient, gNew);
                stalled = 0;
            } else if (++stalled >= STALL_ITERATIONS) {
                // only rounding-level (approximate Wolfe) steps for a while: neither f nor ∇f improves any more
                reason = "neither f nor max |gradient| decreased in " + STALL_ITERATIONS + " iterations (f = " + fx
                        + ", max |gradient| " + fmt(gNew) + "): at the rounding level of f";
                break;
            }
            if (options.functionTolerance() > 0 && rel <= options.functionTolerance()
                    && maxAbs(g) > options.gradientTolerance()) {
                converged = true;
                reason = "relative change of f " + fmt(rel) + " <= function tolerance "
                        + fmt(options.functionTolerance()) + " (max |gradient| " + fmt(maxAbs(g)) + ")";
                break;
            }
        }
        return new LbfgsResult(x, fx, g, it, ls.evaluations, converged, reason,
                Arrays.copyOf(history, Math.min(it, history.length - 1) + 1));
    }

    /** Two-loop recursion: p ← −H·g. */
    private static void direction(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored,
                                  int newest, double[] p) {
        int n = g.length;
        int mem = s.length;
        for (int j = 0; j < n; j++) {
            p[j] = -g[j];
        }
        if (stored == 0) {
            return;
        }
        int k = newest;
        for (int i = 0; i < stored; i++) {
            alpha[k] = rho[k] * dot(s[k], p);
            axpy(-alpha[k], y[k], p);
            k = (k - 1 + mem) % mem;
        }
        double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
        for (int j = 0; j < n; j++) {
            p[j] *= gamma;
        }
        k = (newest - stored + 1 + mem) % mem;
        for (int i = 0; i < stored; i++) {
            double beta = rho[k] * dot(y[k], p);
            axpy(alpha[k] - beta, s[k], p);
            k = (k + 1) % mem;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += a * x[j];
        }
    }

    static double maxAbs(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static boolean finite(double[] v) {
        for (double a : v) {
            if (!Double.isFinite(a)) {
                return false;
            }
        }
        return true;
    }

    static String fmt(double v) {
        return String.format("%.3g", v);
    }
}
