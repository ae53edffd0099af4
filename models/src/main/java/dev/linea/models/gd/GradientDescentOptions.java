package dev.linea.models.gd;

import java.util.Objects;

/**
 * Options of {@link GradientDescent}, validated on construction (each bad value is named with what was expected).
 *
 * @param mode              BATCH (all rows per step), MINI_BATCH ({@code batchSize} rows per step) or STOCHASTIC
 *                          (one row per step)
 * @param batchSize         rows per step for MINI_BATCH, ≥ 1 (STOCHASTIC uses 1 and BATCH all rows whatever this is)
 * @param learningRate      η0 > 0, or 0 / NaN for automatic: 1/L for BATCH, where L is the largest eigenvalue of the
 *                          loss's Hessian (XᵀWX/Σw on the working, standardized data, plus the penalty) estimated by
 *                          20 power iterations; for the stochastic modes 1/(2·L_B) with L_B the mini-batch
 *                          smoothness constant (see {@link GradientDescent})
 * @param schedule          how η changes with the epoch
 * @param decay             ≥ 0, the schedule's decay (unused by CONSTANT)
 * @param stepEpochs        ≥ 1, epochs between two drops of the STEP schedule
 * @param maxEpochs         ≥ 1, passes over the data at most (for BATCH one epoch is one step)
 * @param tolerance         ≥ 0, used by the stochastic modes only: they stop after {@code patience} epochs in a row
 *                          that did not lower the best loss by more than tolerance·|best|; such a stall ends the run
 *                          but is not convergence unless the gradient rule below holds (BATCH ignores it: a small
 *                          change of the loss is no certificate, a tiny learning rate makes one at every epoch)
 * @param gradientTolerance ≥ 0, the convergence certificate of every mode: the fit has converged when the max-abs
 *                          norm of the full gradient (on the working, possibly standardized, parameters; checked at
 *                          the start and at the end of every epoch) is at most gradientTolerance·G, where
 *                          G = rms(r_0)·max_j rms(x'_j) bounds every gradient component at the start (r_0 the
 *                          starting residual, x'_j the working columns, the intercept's column counting 1): a
 *                          relative measure, free of the units of X and y
 * @param alpha             ridge penalty α ≥ 0 in the loss term ½·α·‖β‖² on the original-scale coefficients (the
 *                          intercept is not penalized), so standardizing changes the path, not the answer
 * @param fitIntercept      true to fit ŷ = b + Xβ, false for ŷ = Xβ
 * @param standardize       true to run on columns centred (when fitting an intercept) and scaled to unit weighted
 *                          standard deviation: much better conditioned, so the automatic rate converges fast
 * @param seed              seed of the per-epoch shuffles of the stochastic modes
 * @param patience          ≥ 1, epochs without improvement before the stochastic modes stop
 */
public record GradientDescentOptions(GradientDescentMode mode, int batchSize, double learningRate,
                                     LearningRateSchedule schedule, double decay, int stepEpochs, int maxEpochs,
                                     double tolerance, double gradientTolerance, double alpha, boolean fitIntercept,
                                     boolean standardize, long seed, int patience) {

    public GradientDescentOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(schedule, "schedule");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + ", expected >= 1");
        }
        // NaN and 0 both mean "choose for me"; negative or infinite rates are misuse
        if (!(Double.isNaN(learningRate) || (learningRate >= 0 && learningRate < Double.POSITIVE_INFINITY))) {
            throw new IllegalArgumentException("learningRate is " + learningRate
                    + ", expected a finite number > 0, or 0 or NaN for automatic");
        }
        if (!(decay >= 0 && decay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("decay is " + decay + ", expected a finite number >= 0");
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException("stepEpochs is " + stepEpochs + ", expected >= 1");
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs is " + maxEpochs + ", expected >= 1");
        }
        if (!(tolerance >= 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tolerance is " + tolerance + ", expected a finite number >= 0");
        }
        if (!(gradientTolerance >= 0 && gradientTolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gradientTolerance is " + gradientTolerance
                    + ", expected a finite number >= 0");
        }
        if (!(alpha >= 0 && alpha < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", expected a finite number >= 0");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience is " + patience + ", expected >= 1");
        }
    }

    /** Default batch size of MINI_BATCH. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /**
     * Default epoch limit: a safety net, not the stopping rule. Every mode stops on its gradient certificate, and
     * plain gradient descent needs about κ·ln(1/gradientTolerance) steps for a condition number κ of the
     * (standardized) Hessian: 6062 epochs on the diabetes data, far beyond the 1000 that used to be the limit.
     */
    public static final int DEFAULT_MAX_EPOCHS = 100_000;
    /** Default relative loss improvement the stochastic modes' patience rule asks for. */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Default gradient max-abs, relative to its scale at the start, at which a fit has converged. */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-8;

    /**
     * BATCH, automatic learning rate, CONSTANT schedule (decay 0, step every 10 epochs), at most {@value #DEFAULT_MAX_EPOCHS} epochs,
     * tolerance {@value #DEFAULT_TOLERANCE}, gradient tolerance {@value #DEFAULT_GRADIENT_TOLERANCE}, no penalty,
     * with intercept, standardized, seed 42, patience 5, batch size {@value #DEFAULT_BATCH_SIZE}.
     */
    public static GradientDescentOptions defaults() {
        return new GradientDescentOptions(GradientDescentMode.BATCH, DEFAULT_BATCH_SIZE, Double.NaN,
                LearningRateSchedule.CONSTANT, 0, 10, DEFAULT_MAX_EPOCHS, DEFAULT_TOLERANCE, DEFAULT_GRADIENT_TOLERANCE, 0,
                true, true, 42, 5);
    }

    /** @return true when the learning rate is chosen automatically (0 or NaN). */
    public boolean autoLearningRate() {
        return Double.isNaN(learningRate) || learningRate == 0;
    }

    /** @return a copy with this mode. */
    public GradientDescentOptions withMode(GradientDescentMode v) {
        return new GradientDescentOptions(v, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this mini-batch size. */
    public GradientDescentOptions withBatchSize(int v) {
        return new GradientDescentOptions(mode, v, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this initial learning rate (0 or NaN: automatic). */
    public GradientDescentOptions withLearningRate(double v) {
        return new GradientDescentOptions(mode, batchSize, v, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this schedule. */
    public GradientDescentOptions withSchedule(LearningRateSchedule v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, v, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this schedule and decay. */
    public GradientDescentOptions withSchedule(LearningRateSchedule v, double decay) {
        return withSchedule(v).withDecay(decay);
    }

    /** @return a copy with this decay. */
    public GradientDescentOptions withDecay(double v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, v, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this many epochs between STEP drops. */
    public GradientDescentOptions withStepEpochs(int v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, v, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this many epochs at most. */
    public GradientDescentOptions withMaxEpochs(int v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, v,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this relative loss-improvement tolerance (the stochastic modes' patience rule). */
    public GradientDescentOptions withTolerance(double v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                v, gradientTolerance, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this gradient tolerance (relative to the gradient's scale at the start). */
    public GradientDescentOptions withGradientTolerance(double v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, v, alpha, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with this ridge penalty α. */
    public GradientDescentOptions withAlpha(double v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, v, fitIntercept, standardize, seed, patience);
    }

    /** @return a copy with or without intercept. */
    public GradientDescentOptions withIntercept(boolean v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, v, standardize, seed, patience);
    }

    /** @return a copy with or without internal standardization. */
    public GradientDescentOptions withStandardize(boolean v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, v, seed, patience);
    }

    /** @return a copy with this shuffle seed. */
    public GradientDescentOptions withSeed(long v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, v, patience);
    }

    /** @return a copy with this patience. */
    public GradientDescentOptions withPatience(int v) {
        return new GradientDescentOptions(mode, batchSize, learningRate, schedule, decay, stepEpochs, maxEpochs,
                tolerance, gradientTolerance, alpha, fitIntercept, standardize, seed, v);
    }

    /** @return the rows per step that {@link #mode()} implies for m rows. */
    public int effectiveBatchSize(int m) {
        return switch (mode) {
            case BATCH -> m;
            case MINI_BATCH -> Math.min(batchSize, m);
            case STOCHASTIC -> 1;
        };
    }
}
