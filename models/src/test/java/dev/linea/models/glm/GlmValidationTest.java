package dev.linea.models.glm;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.GoldenFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Misuse (IllegalArgumentException) and numerical failure (FitException) name what they found. */
class GlmValidationTest {

    private static Dataset small(double[] y) {
        double[][] x = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            x[i] = new double[] {i, (i * 7) % 5};
        }
        return Dataset.of(x, y);
    }

    private static GeneralizedLinearModel glm(GlmOptions o) {
        return new GeneralizedLinearModel(o, Backends.named("scalar"));
    }

    @Test
    void negativeCountNamesRowAndValue() {
        Dataset d = small(new double[] {1, 0, 3, -2, 4, 1});
        assertThatThrownBy(() -> glm(GlmOptions.of(new Poisson())).fit(d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("y has -2.0 at row 4 (1-based), expected a count >= 0 for the Poisson family");
    }

    @Test
    void gammaAndTweedieSupport() {
        Dataset zero = small(new double[] {1, 0, 3, 2, 4, 1});
        assertThatThrownBy(() -> glm(GlmOptions.of(new Gamma())).fit(zero))
                .hasMessage("y has 0.0 at row 2 (1-based), expected y > 0 for the Gamma family");
        Dataset neg = small(new double[] {1, 0, 3, 2, -4, 1});
        assertThatThrownBy(() -> glm(GlmOptions.of(new Tweedie(1.5))).fit(neg))
                .hasMessageContaining("y has -4.0 at row 5 (1-based), expected y >= 0 for the Tweedie family with power 1.5");
        assertThat(glm(GlmOptions.of(new Tweedie(1.5))).fit(zero).converged()).isTrue();
        assertThatThrownBy(() -> glm(GlmOptions.of(new Tweedie(3))).fit(zero))
                .hasMessageContaining("y has 0.0 at row 2 (1-based), expected y > 0");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new Tweedie(0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tweedie power is 0.5, expected a finite p <= 0 or p >= 1");
        assertThatThrownBy(() -> GlmOptions.of(new Poisson()).withAlpha(-1))
                .hasMessage("alpha is -1.0, expected a finite number >= 0");
        assertThatThrownBy(() -> GlmOptions.of(new Poisson()).withAlpha(Double.NaN))
                .hasMessage("alpha is NaN, expected a finite number >= 0");
        assertThatThrownBy(() -> GlmOptions.of(new Poisson()).withMaxIterations(0))
                .hasMessage("maxIterations is 0, expected at least 1");
        assertThatThrownBy(() -> GlmOptions.of(new Poisson()).withTolerance(0))
                .hasMessage("tolerance is 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> new GlmOptions(null, null, 0, true, 10, 1e-8))
                .isInstanceOf(NullPointerException.class);
        assertThat(GlmOptions.of(new Poisson()).link()).isEqualTo(Link.LOG);
        assertThat(GlmOptions.of(new Gamma()).link()).isEqualTo(Link.INVERSE);
        assertThat(GlmOptions.of(new Tweedie(1.5)).link()).isEqualTo(Link.LOG);
        assertThat(GlmOptions.of(new Gaussian()).link()).isEqualTo(Link.IDENTITY);
    }

    @Test
    void offsetAndExposureAreValidated() {
        Dataset d = small(new double[] {1, 0, 3, 2, 4, 1});
        assertThatThrownBy(() -> glm(GlmOptions.of(new Poisson())).fit(d, new double[3]))
                .hasMessage("offset has 3 values, expected 6 (one per row)");
        assertThatThrownBy(() -> GeneralizedLinearModel.logExposure(new double[] {1, 0}))
                .hasMessage("exposure has 0.0 at row 1, expected a finite number > 0");
        Dataset none = Dataset.of(6, 0, new double[0], new double[] {1, 0, 3, 2, 4, 1});
        assertThatThrownBy(() -> glm(GlmOptions.of(new Poisson()).withIntercept(false)).fit(none))
                .hasMessageContaining("nothing to fit");
    }

    @Test
    void singularDesignNamesTheColumn() {
        double[][] x = new double[8][];
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) {
            x[i] = new double[] {i, 2.0 * i, i % 3};
            y[i] = 1 + i % 4;
        }
        Dataset d = Dataset.of(8, 3, flat(x), y, null, java.util.List.of("a", "twice_a", "c"), "y");
        assertThatThrownBy(() -> glm(GlmOptions.of(new Poisson())).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("column 'twice_a'");
        double[][] c = new double[8][];
        for (int i = 0; i < 8; i++) {
            c[i] = new double[] {i, 5};
        }
        Dataset constant = Dataset.of(8, 2, flat(c), y, null, java.util.List.of("a", "five"), "y");
        assertThatThrownBy(() -> glm(GlmOptions.of(new Poisson())).fit(constant))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("column 'five'")
                .satisfies(e -> assertThat(((FitException) e).report().converged()).isFalse());
    }

    @Test
    void noValidStartIsAFitException() {
        Dataset d = small(new double[] {-1, -2, -3, -2, -4, -1});
        assertThatThrownBy(() -> glm(GlmOptions.of(new Gaussian()).withLink(Link.LOG)).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("no valid starting mean");
    }

    @Test
    void firstStepOutsideTheDomainIsAFitExceptionWithoutIntercept() {
        // Poisson with the identity link: the least-squares-like first step predicts a negative mean at x = 0,
        // and without an intercept there is no intercept-only β to halve towards.
        double[][] x = new double[8][];
        for (int i = 0; i < 8; i++) {
            x[i] = new double[] {1, i};
        }
        double[] y = {0, 0, 0, 0, 0, 0, 30, 40};
        Dataset d = Dataset.of(x, y);
        assertThatThrownBy(() -> glm(GlmOptions.of(new Poisson()).withLink(Link.IDENTITY).withIntercept(false))
                .fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("the first IRLS step gives a mean outside the Poisson family's domain (μ = ")
                .hasMessageContaining("at row 1 (1-based)");
    }

    @Test
    void firstStepOutsideTheDomainIsHalvedTowardsTheInterceptOnlyFit() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        double[] y = {1, 2, 1, 2, 1, 3, 30, 40};
        GlmResult r = glm(GlmOptions.of(new Poisson()).withLink(Link.IDENTITY)).fit(Dataset.of(8, 1, x, y));
        assertThat(r.converged()).as(r.report().toString()).isTrue();
        assertThat(r.report().notes()).anyMatch(n -> n.contains("halved towards the intercept-only fit"));
        for (int i = 0; i < 8; i++) {
            assertThat(r.predict(new double[] {x[i]})).as("μ at row " + i).isPositive();
        }
    }

    @Test
    void devianceNeverIncreasesAcrossIterations() {
        // Gamma with a non-canonical link (Fisher scoring where the observed weights are negative): step halving
        // keeps the deviance monotone.
        Dataset d = GoldenFiles.csv("glm/scotland.csv", -1);
        GlmResult r = glm(GlmOptions.of(new Gamma()).withLink(Link.IDENTITY)).fit(d);
        assertThat(r.converged()).isTrue();
        double[] h = r.report().lossHistory();
        for (int i = 1; i < h.length; i++) {
            assertThat(h[i]).as("deviance does not increase at iteration " + i)
                    .isLessThanOrEqualTo(h[i - 1] * (1 + 1e-8) + 1e-9);
        }
    }

    @Test
    void iterationLimitGivesNotConvergedWithWarning() {
        Dataset d = GoldenFiles.csv("glm/scotland.csv", -1);
        GlmResult r = glm(GlmOptions.of(new Gamma()).withMaxIterations(2)).fit(d);
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(2);
        assertThat(r.report().status()).contains("iteration limit 2 reached");
        assertThat(r.report().notes()).anyMatch(n -> n.startsWith("WARNING: not converged"));
        assertThat(r.summary()).contains("NO");
    }

    @Test
    void predictionIsOnTheResponseScaleWithExposure() {
        Dataset d = GoldenFiles.csv("glm/cpunish.csv", -1);
        double[] exposure = new double[d.rows()];
        for (int i = 0; i < exposure.length; i++) {
            exposure[i] = 1 + i % 4;
        }
        GlmResult r = glm(GlmOptions.of(new Poisson())).fit(d, GeneralizedLinearModel.logExposure(exposure));
        double[] row = new double[d.cols()];
        for (int j = 0; j < row.length; j++) {
            row[j] = d.x(2, j);
        }
        double eta = r.intercept();
        for (int j = 0; j < row.length; j++) {
            eta += r.coefficientArray()[j] * row[j];
        }
        assertThat(r.predict(row, Math.log(3))).isCloseTo(3 * Math.exp(eta),
                org.assertj.core.data.Offset.offset(1e-9 * Math.exp(eta)));
        assertThat(r.predict(row)).isCloseTo(Math.exp(eta), org.assertj.core.data.Offset.offset(1e-9 * Math.exp(eta)));
        assertThat(r.fittedValues()[2]).isCloseTo(r.predict(row, Math.log(exposure[2])),
                org.assertj.core.data.Offset.offset(1e-9 * Math.exp(eta)));
    }

    private static double[] flat(double[][] x) {
        int n = x[0].length;
        double[] f = new double[x.length * n];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, f, i * n, n);
        }
        return f;
    }
}
