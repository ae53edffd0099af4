package dev.linea.models.gd;

import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradientDescentOptionsTest {
    private static final GradientDescentOptions D = GradientDescentOptions.defaults();

    private static void rejects(Supplier<GradientDescentOptions> s, String... parts) {
        assertThatThrownBy(s::get).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    @Test
    void defaultsAreValidAndAutomatic() {
        assertThat(D.mode()).isEqualTo(GradientDescentMode.BATCH);
        assertThat(D.autoLearningRate()).isTrue();
        assertThat(D.standardize()).isTrue();
        assertThat(D.fitIntercept()).isTrue();
        assertThat(D.withLearningRate(0).autoLearningRate()).isTrue();
        assertThat(D.withLearningRate(0.1).autoLearningRate()).isFalse();
    }

    @Test
    void withersChangeOnlyTheirField() {
        GradientDescentOptions o = D.withMode(GradientDescentMode.MINI_BATCH).withBatchSize(7).withLearningRate(0.3)
                .withSchedule(LearningRateSchedule.STEP, 0.5).withStepEpochs(3).withMaxEpochs(9).withTolerance(1e-3)
                .withGradientTolerance(1e-4).withAlpha(2).withIntercept(false).withStandardize(false).withSeed(5)
                .withPatience(2);
        assertThat(o).isEqualTo(new GradientDescentOptions(GradientDescentMode.MINI_BATCH, 7, 0.3,
                LearningRateSchedule.STEP, 0.5, 3, 9, 1e-3, 1e-4, 2, false, false, 5, 2));
        assertThat(o.effectiveBatchSize(100)).isEqualTo(7);
        assertThat(o.effectiveBatchSize(4)).isEqualTo(4);
        assertThat(o.withMode(GradientDescentMode.BATCH).effectiveBatchSize(100)).isEqualTo(100);
        assertThat(o.withMode(GradientDescentMode.STOCHASTIC).effectiveBatchSize(100)).isEqualTo(1);
    }

    @Test
    void eachBadValueIsNamedWithWhatWasExpected() {
        rejects(() -> D.withBatchSize(0), "batchSize is 0", ">= 1");
        rejects(() -> D.withLearningRate(-1), "learningRate is -1.0", "> 0");
        rejects(() -> D.withLearningRate(Double.POSITIVE_INFINITY), "learningRate is Infinity");
        rejects(() -> D.withDecay(-0.5), "decay is -0.5", ">= 0");
        rejects(() -> D.withDecay(Double.NaN), "decay is NaN");
        rejects(() -> D.withStepEpochs(0), "stepEpochs is 0", ">= 1");
        rejects(() -> D.withMaxEpochs(0), "maxEpochs is 0", ">= 1");
        rejects(() -> D.withMaxEpochs(-3), "maxEpochs is -3");
        rejects(() -> D.withTolerance(-1e-3), "tolerance is -0.001", ">= 0");
        rejects(() -> D.withTolerance(Double.NaN), "tolerance is NaN");
        rejects(() -> D.withGradientTolerance(-2), "gradientTolerance is -2.0", ">= 0");
        rejects(() -> D.withAlpha(-0.25), "alpha is -0.25", ">= 0");
        rejects(() -> D.withAlpha(Double.POSITIVE_INFINITY), "alpha is Infinity");
        rejects(() -> D.withPatience(0), "patience is 0", ">= 1");
        assertThatThrownBy(() -> D.withMode(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> D.withSchedule(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertThat(LearningRateSchedule.CONSTANT.rate(0.5, 3, 2, 7)).isEqualTo(0.5);
        assertThat(LearningRateSchedule.INVERSE_SCALING.rate(0.5, 0.25, 2, 4)).isEqualTo(0.25);
        assertThat(LearningRateSchedule.STEP.rate(0.8, 1, 3, 2)).isEqualTo(0.8);
        assertThat(LearningRateSchedule.STEP.rate(0.8, 1, 3, 3)).isEqualTo(0.4);
        assertThat(LearningRateSchedule.STEP.rate(0.8, 1, 3, 7)).isEqualTo(0.2);
    }
}
