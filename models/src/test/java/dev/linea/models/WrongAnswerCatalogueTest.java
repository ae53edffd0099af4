package dev.linea.models;

import dev.linea.kernels.Backends;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentMode;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.gd.GradientDescentResult;
import dev.linea.models.ols.LinearRegression;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * The models half of issue 13 ("no silent wrong answers"): one test per row of the "M" table in docs/errors.md
 * (the display name starts with the id). Each failed before its fix: a wrong answer with a success status, or a
 * misleading message.
 */
class WrongAnswerCatalogueTest {

    /** y = 1 + 2·x1 + 0.5·x2 + small noise, 40 rows. */
    private static Dataset line(double yScale) {
        int m = 40;
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = i + 1;
            x[2 * i + 1] = (i * i) % 7;
            y[i] = yScale * (1 + 2 * (i + 1) + 0.5 * ((i * i) % 7) + (i % 3 == 0 ? 0.3 : -0.2));
        }
        return Dataset.of(m, 2, x, y);
    }

    @Test
    @DisplayName("M01 gradient descent with a tiny learning rate is not converged, in every mode, with advice")
    void m01() {
        for (GradientDescentMode mode : GradientDescentMode.values()) {
            GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults().withMode(mode)
                    .withLearningRate(1e-12).withMaxEpochs(50), Backends.named("scalar")).fit(line(1));
            assertThat(r.report().converged()).as(mode.name()).isFalse();
            assertThat(r.report().status()).as(mode.name())
                    .contains("without converging", "the learning rate η0 = 1e-12 is too small",
                            "of its starting value", "steps up to 1/L ≈", "raise it");
        }
        // the certificate is relative: a target of 1e-9 (gradient far below any absolute tolerance) converges to OLS
        Dataset small = line(1e-9);
        GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults().withMaxEpochs(100_000),
                Backends.named("scalar")).fit(small);
        assertThat(r.report().converged()).isTrue();
        assertThat(r.report().iterations()).isGreaterThan(1);
        double ols = new LinearRegression().fit(small).model().coefficient(0);
        assertThat(r.model().coefficient(0)).isCloseTo(ols, offset(1e-6 * Math.abs(ols)));
    }
}
