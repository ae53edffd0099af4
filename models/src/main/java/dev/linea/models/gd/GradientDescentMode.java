package dev.linea.models.gd;

/**
 * How many rows each gradient step of {@link GradientDescent} reads.
 */
public enum GradientDescentMode {
    /** Every step uses all rows: one step per epoch, deterministic; the loss never increases for η ≤ 1/L. */
    BATCH,
    /** Each step uses {@link GradientDescentOptions#batchSize()} rows of a per-epoch shuffle (the last may be short). */
    MINI_BATCH,
    /** Each step uses one row of a per-epoch shuffle (mini-batch with batch size 1). */
    STOCHASTIC
}
