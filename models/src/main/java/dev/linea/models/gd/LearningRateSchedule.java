package dev.linea.models.gd;

/**
 * How the step size of {@link GradientDescent} changes with the epoch e = 0, 1, 2, … (the rate is constant within an
 * epoch, so a schedule means the same thing for every mode and batch size). η0 is
 * {@link GradientDescentOptions#learningRate()} (or the automatic rate) and {@code decay} is
 * {@link GradientDescentOptions#decay()}.
 */
public enum LearningRateSchedule {
    /** η_e = η0. */
    CONSTANT,
    /** η_e = η0 / (1 + decay·e). */
    INVERSE_SCALING,
    /** η_e = η0 / (1 + decay)^⌊e / stepEpochs⌋: divided by (1 + decay) every {@code stepEpochs} epochs. */
    STEP;

    /**
     * @param eta0       the initial rate, > 0
     * @param decay      ≥ 0
     * @param stepEpochs ≥ 1, used by {@link #STEP}
     * @param epoch      0-based epoch
     * @return the rate for this epoch
     */
    public double rate(double eta0, double decay, int stepEpochs, int epoch) {
        return switch (this) {
            case CONSTANT -> eta0;
            case INVERSE_SCALING -> eta0 / (1 + decay * epoch);
            case STEP -> eta0 / Math.pow(1 + decay, epoch / stepEpochs);
        };
    }
}
