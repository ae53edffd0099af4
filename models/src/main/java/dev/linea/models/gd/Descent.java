package dev.linea.models.gd;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The iteration itself: steps, the per-epoch full-data loss, the stopping rules and the divergence check. One
 * instance per fit; all buffers are allocated here, once, and reused by every step.
 *
 * <p>Convergence is certified by the gradient only: the full gradient's max-abs norm must fall below
 * {@code gradientTolerance} times its scale G = √(2·L_0)·max_j rms(x'_j), the Cauchy–Schwarz bound of every
 * gradient component at the start (rms(r_0) = √(2·L_0) is the root-mean-square of the starting residual, rms(x'_j)
 * that of a working column; the intercept's column counts 1). The ratio is free of the units of X and y. A small
 * relative change of the loss is not a certificate: a learning rate of 1e-12 changes the loss by 1e-12 per epoch
 * and used to be reported as converged after one epoch.
 */
final class Descent {
    /** A loss this many times the initial one means the iteration is running away. */
    static final double DIVERGENCE_FACTOR = 1e6;
    /** Floor of the relative-change denominator: a loss of exactly 0 must not divide by 0. */
    private static final double TINY = Double.MIN_NORMAL;

    /**
     * How the iteration ended.
     *
     * @param beta        final working parameters
     * @param lossHistory one full-data loss per epoch run
     * @param epochs      epochs run
     * @param converged   a stopping rule was met
     * @param status      which rule stopped it, with the numbers
     * @param diverged    true when the loss ran away (then {@code status} is the message to throw)
     * @param initialLoss the loss at the starting point
     * @param relativeGradient the full gradient's max-abs norm at the returned β divided by its scale G (the
     *                    measure gradientTolerance bounds; 0 when G is 0)
     */
    record Outcome(double[] beta, double[] lossHistory, int epochs, boolean converged, String status,
                   boolean diverged, double initialLoss, double relativeGradient) {
    }

    private final Working d;
    private final Objective objective;
    private final Steps steps;
    private final GradientDescentOptions o;
    private final double eta0;
    private final int p;
    private final double[] beta;
    private final double[] grad;
    private double[] history;
    private int epochs;
    private double initialLoss;
    /** the gradient's scale G (see the class comment); 0 when the gradient is 0 everywhere */
    private double gradientScale;
    /** the full gradient's max-abs norm at the start */
    private double initialGradient;

    /**
     * @param steps the stochastic modes' steps (unused by BATCH, may then be null)
     */
    Descent(Working d, Objective objective, Steps steps, GradientDescentOptions o, double eta0) {
        this.d = d;
        this.objective = objective;
        this.steps = steps;
        this.o = o;
        this.eta0 = eta0;
        this.p = objective.parameters();
        this.beta = new double[p];
        this.grad = new double[p];
        // grown on demand: maxEpochs may be huge while fits usually stop early
        this.history = new double[Math.min(o.maxEpochs(), 1024)];
        if (d.intercept()) {
            // the weighted mean of y is the optimal intercept for centred columns at β' = 0: a free head start
            beta[d.features()] = d.yMean();
        }
    }

    Outcome run() {
        initialLoss = objective.full(beta, grad);
        initialGradient = Objective.maxAbs(grad, p);
        // at the start β' = 0, so the loss is the data term alone: ½·mean(w·r0²)
        gradientScale = Math.sqrt(2 * initialLoss) * d.largestColumnRms();
        if (small(initialGradient)) {
            return done(true, gradientText(initialGradient) + " at the starting point");
        }
        return o.mode() == GradientDescentMode.BATCH ? batch() : stochastic();
    }

    /** True when a full-gradient max-abs norm certifies convergence: gmax ≤ gradientTolerance·G. */
    private boolean small(double gmax) {
        return gmax <= o.gradientTolerance() * gradientScale;
    }

    /** "gradient max-abs g = r of its scale G ≤ gradientTolerance t", the certificate in words. */
    private String gradientText(double gmax) {
        return "gradient max-abs " + fmt(gmax) + (gradientScale > 0 ? " = " + fmt(gmax / gradientScale)
                + " of its scale " + fmt(gradientScale) : "") + (small(gmax) ? " <= " : " > ") + "gradientTolerance "
                + fmt(o.gradientTolerance());
    }

    private Outcome batch() {
        double prev = initialLoss;
        double gmax = initialGradient;
        for (int e = 0; e < o.maxEpochs(); e++) {
            double eta = rate(e);
            for (int j = 0; j < p; j++) {
                beta[j] -= eta * grad[j];
            }
            double loss = endEpoch();
            if (diverged(loss)) {
                return divergence(loss, prev, eta);
            }
            gmax = Objective.maxAbs(grad, p);
            if (small(gmax)) {
                return done(true, gradientText(gmax) + " at epoch " + epochs + " (loss " + fmt(loss) + ")");
            }
            prev = loss;
        }
        return exhausted(gmax);
    }

    private Outcome stochastic() {
        int m = d.rows();
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(o.seed());
        double best = initialLoss;
        double prev = initialLoss;
        int stale = 0;
        double gmax = initialGradient;
        for (int e = 0; e < o.maxEpochs(); e++) {
            double eta = rate(e);
            shuffle(order, rng);
            steps.epoch(order, eta, beta);
            double loss = endEpoch();
            if (diverged(loss)) {
                return divergence(loss, prev, eta);
            }
            prev = loss;
            gmax = Objective.maxAbs(grad, p);
            if (small(gmax)) {
                return done(true, gradientText(gmax) + " at epoch " + epochs + " (loss " + fmt(loss) + ")");
            }
            // an epoch counts as progress only if it beats the best loss by more than the tolerance; a stall ends
            // the run but certifies nothing (the gradient above is not small)
            if (loss < best - o.tolerance() * Math.max(Math.abs(best), TINY)) {
                best = loss;
                stale = 0;
            } else if (++stale >= o.patience()) {
                return done(false, "stalled without converging: no improvement of the best loss " + fmt(best)
                        + " by more than tolerance " + fmt(o.tolerance()) + " (relative) in the last "
                        + o.patience() + " epoch(s), at epoch " + epochs + " (loss " + fmt(loss) + "), and the "
                        + gradientText(gmax) + advice(gmax, false));
            }
        }
        return exhausted(gmax);
    }

    /** Fisher–Yates, continuing from the previous epoch's order (still a uniform permutation). */
    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private double rate(int epoch) {
        return o.schedule().rate(eta0, o.decay(), o.stepEpochs(), epoch);
    }

    /** Full-data loss (and gradient into {@link #grad}) at the end of an epoch, recorded in the history. */
    private double endEpoch() {
        double loss = objective.full(beta, grad);
        if (epochs == history.length) {
            history = Arrays.copyOf(history, (int) Math.min(o.maxEpochs(), 2L * history.length));
        }
        history[epochs++] = loss;
        return loss;
    }

    private boolean diverged(double loss) {
        return !Double.isFinite(loss) || loss > DIVERGENCE_FACTOR * Math.max(initialLoss, TINY);
    }

    private Outcome divergence(double loss, double prev, double eta) {
        StringBuilder m = new StringBuilder();
        m.append("gradient descent diverged at epoch ").append(epochs).append(" of ").append(o.maxEpochs())
                .append(": the loss went from ").append(fmt(initialLoss)).append(" at the start to ")
                .append(epochs > 1 ? fmt(prev) + " at epoch " + (epochs - 1) + " and " : "").append(fmt(loss))
                .append(" at epoch ").append(epochs)
                .append(Double.isFinite(loss) ? " (more than " + fmt(DIVERGENCE_FACTOR) + " × the initial loss)"
                        : "");
        m.append("; the learning rate η = ").append(fmt(eta));
        if (eta != eta0) {
            m.append(" (η0 = ").append(fmt(eta0)).append(", ").append(o.schedule()).append(" schedule)");
        }
        m.append(" is too large: lower it, e.g. to η/10 = ").append(fmt(eta / 10));
        if (!d.standardized()) {
            m.append(", or enable standardize (unscaled columns make the loss much steeper along some directions)");
        }
        if (!o.autoLearningRate()) {
            m.append(", or set learningRate to 0 for the automatic rate");
        }
        return new Outcome(beta.clone(), Arrays.copyOf(history, epochs), epochs, false, m.toString(), true,
                initialLoss, relativeGradient());
    }

    private Outcome exhausted(double gmax) {
        return done(false, "stopped at the maximum epochs (" + o.maxEpochs() + ") without converging: "
                + gradientText(gmax) + advice(gmax, true));
    }

    /**
     * What to change, from how far the gradient fell: a gradient still above half its starting value means the steps
     * barely moved (a learning rate far below 1/L); otherwise more epochs (or, for the stochastic modes, a decaying
     * schedule or BATCH, since constant-rate stochastic steps hover around the minimum instead of reaching it).
     */
    private String advice(double gmax, boolean exhausted) {
        StringBuilder a = new StringBuilder("; ");
        if (gmax > 0.5 * initialGradient && !o.autoLearningRate()) {
            double lambda = objective.largestEigenvalue();
            a.append("the learning rate η0 = ").append(fmt(eta0)).append(" is too small: after ").append(epochs)
                    .append(" epoch(s) the gradient is still ").append(fmt(100 * gmax / initialGradient))
                    .append("% of its starting value");
            if (lambda > 0) {
                a.append(" (steps up to 1/L ≈ ").append(fmt(1 / lambda)).append(" are stable)");
            }
            return a.append("; raise it, or set it to 0 for the automatic rate").toString();
        }
        if (o.mode() != GradientDescentMode.BATCH) {
            a.append("stochastic steps at a constant rate hover around the minimum instead of reaching it: use a "
                    + "decaying schedule (INVERSE_SCALING or STEP), more epochs, or BATCH mode");
            return a.toString();
        }
        a.append(exhausted ? "allow more epochs (maxEpochs)" : "allow more epochs");
        if (!d.standardized()) {
            a.append(", or enable standardize (unscaled columns slow gradient descent down)");
        }
        return a.toString();
    }

    private Outcome done(boolean converged, String status) {
        return new Outcome(beta.clone(), Arrays.copyOf(history, epochs), epochs, converged, status, false,
                initialLoss, relativeGradient());
    }

    /** The last full gradient's max-abs norm over its scale G (grad holds the full gradient at β). */
    private double relativeGradient() {
        double gmax = Objective.maxAbs(grad, p);
        return gradientScale > 0 ? gmax / gradientScale : gmax == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /** Six significant digits without trailing zeros: 1000 → "1000", 1.2e8 → "1.2e+08". */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
}
