package dev.linea.models.huber;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HuberValidationTest {

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> HuberOptions.defaults().withEpsilon(0.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epsilon is 0.9, expected a finite number >= 1");
        assertThatThrownBy(() -> HuberOptions.defaults().withAlpha(-0.5))
                .hasMessage("alpha is -0.5, expected a finite number >= 0");
        assertThatThrownBy(() -> HuberOptions.defaults().withMaxIterations(0))
                .hasMessage("maxIterations is 0, expected at least 1");
        assertThatThrownBy(() -> HuberOptions.defaults().withTolerance(Double.NaN))
                .hasMessage("tolerance is NaN, expected a finite number > 0");
    }

    /**
     * A column of finite values too large to square (1e300) made the Hessian infinite, the Cholesky solve returned
     * a zero step, and the fit "converged" at its all-zero start with exit 0. It must fail and name the column.
     */
    @Test
    void columnTooLargeToSquareIsAFitFailureNamingIt() {
        int m = 30;
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = Math.sin(i + 1.0);
            x[2 * i + 1] = 1e300 * Math.cos(3.0 * i);
            y[i] = x[2 * i] + (i % 3);
        }
        Dataset data = Dataset.of(m, 2, x, y);
        for (String b : new String[] {"scalar", "vector"}) {
            assertThatThrownBy(() -> new HuberRegression(HuberOptions.defaults(), Backends.named(b)).fit(data))
                    .isInstanceOf(dev.linea.models.FitException.class)
                    .hasMessageContaining("the Newton system is not finite at column 'x2'")
                    .hasMessageContaining("rescale the column");
        }
    }

    @Test
    void nothingToFit() {
        Dataset none = Dataset.of(3, 0, new double[0], new double[] {1, 2, 3});
        assertThatThrownBy(() -> new HuberRegression(HuberOptions.defaults().withIntercept(false),
                Backends.named("scalar")).fit(none)).hasMessageContaining("nothing to fit");
    }

    @Test
    void cleanLineIsRecoveredAndGrossOutlierFlagged() {
        int m = 40;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = i;
            y[i] = 2 + 0.5 * i + 0.1 * Math.sin(i * 1.7);
        }
        y[7] += 50;
        HuberResult r = new HuberRegression(HuberOptions.defaults(), Backends.named("scalar"))
                .fit(Dataset.of(m, 1, x, y));
        assertThat(r.report().converged()).isTrue();
        assertThat(r.model().coefficient(0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.model().intercept()).isCloseTo(2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(r.outliers()[7]).isTrue();
    }
}
