package dev.linea.models.gd;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradientDescentTest {
    private static final Backend SCALAR = Backends.named("scalar");

    /** Tight stopping: only the gradient rule, far below what 1e-6 relative needs. */
    private static final GradientDescentOptions TIGHT = GradientDescentOptions.defaults().withTolerance(0)
            .withGradientTolerance(1e-12).withMaxEpochs(20_000);

    /**
     * m×n, columns x_j ~ N(0.5·j, 1 + 0.25·j) (different means and scales, still well conditioned unstandardized),
     * y = 3 + Σ (j+1)·x_j + noise·N(0, 1); seeded.
     */
    static Dataset problem(int m, int n, long seed, double noise, boolean weighted) {
        Random r = new Random(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double s = 3;
            for (int j = 0; j < n; j++) {
                double v = 0.5 * j + (1 + 0.25 * j) * r.nextGaussian();
                x[i * n + j] = v;
                s += (j + 1) * v;
            }
            y[i] = s + noise * r.nextGaussian();
            if (weighted) {
                w[i] = 0.25 + 2 * r.nextDouble();
            }
        }
        return Dataset.of(m, n, x, y, w, null, "y");
    }

    /** ‖a − b‖∞ / ‖b‖∞ over intercept and coefficients. */
    static double relativeError(LinearModel a, LinearModel b) {
        double num = Math.abs(a.intercept() - b.intercept());
        double den = Math.abs(b.intercept());
        for (int j = 0; j < b.featureCount(); j++) {
            num = Math.max(num, Math.abs(a.coefficient(j) - b.coefficient(j)));
            den = Math.max(den, Math.abs(b.coefficient(j)));
        }
        return num / den;
    }

    static Stream<Arguments> batchCases() {
        List<Arguments> list = new ArrayList<>();
        for (String backend : List.of("scalar", "vector")) {
            for (boolean standardize : new boolean[] {true, false}) {
                for (boolean weighted : new boolean[] {false, true}) {
                    list.add(Arguments.of(backend, standardize, weighted));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}, standardize={1}, weighted={2}")
    @MethodSource("batchCases")
    void batchConvergesToTheClosedFormOls(String backend, boolean standardize, boolean weighted) {
        Dataset d = problem(500, 5, 11, 0.5, weighted);
        GradientDescentResult r = new GradientDescent(TIGHT.withStandardize(standardize), Backends.named(backend))
                .fit(d);
        LinearModel ols = new LinearRegression().fit(d).model();
        assertThat(relativeError(r.model(), ols)).isLessThan(1e-6);
        FitReport rep = r.report();
        assertThat(rep.converged()).isTrue();
        assertThat(rep.estimator()).isEqualTo("gd");
        assertThat(rep.backend()).isEqualTo(backend);
        assertThat(rep.solver()).isEqualTo("BATCH");
        assertThat(rep.status()).contains("gradient max-abs").contains("of its scale");
        assertThat(rep.lossHistory()).hasSize(rep.iterations());
        assertThat(rep.notes()).anyMatch(n -> n.contains("learning rate η0 = ") && n.contains("automatic"));
        assertThat(rep.notes()).anyMatch(n -> n.contains(standardize ? "standardized" : "not standardized"));
        // a step of 1/L on a convex quadratic never increases the loss
        double[] h = r.lossHistory();
        for (int e = 1; e < h.length; e++) {
            assertThat(h[e]).isLessThanOrEqualTo(h[e - 1] * (1 + 1e-12));
        }
        assertThat(r.model().report()).isSameAs(rep);
    }

    @Test
    void withoutInterceptMatchesOlsWithoutIntercept() {
        Dataset d = problem(300, 4, 3, 0.3, true);
        for (boolean standardize : new boolean[] {true, false}) {
            GradientDescentResult r = new GradientDescent(TIGHT.withIntercept(false).withStandardize(standardize),
                    SCALAR).fit(d);
            LinearModel ols = new LinearRegression(OlsOptions.defaults().withIntercept(false)).fit(d).model();
            assertThat(r.model().intercept()).isZero();
            assertThat(relativeError(r.model(), ols)).isLessThan(1e-6);
        }
    }

    /** Solves (XcᵀWXc/Σw + αI)·β = XcᵀW·yc/Σw by Gaussian elimination with partial pivoting; returns [b, β…]. */
    static double[] ridge(Dataset d, double alpha) {
        int m = d.rows();
        int n = d.cols();
        double sw = 0;
        double[] mu = new double[n];
        double my = 0;
        for (int i = 0; i < m; i++) {
            double w = d.weight(i);
            sw += w;
            my += w * d.y(i);
            for (int j = 0; j < n; j++) {
                mu[j] += w * d.x(i, j);
            }
        }
        my /= sw;
        for (int j = 0; j < n; j++) {
            mu[j] /= sw;
        }
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < m; i++) {
            double w = d.weight(i) / sw;
            for (int j = 0; j < n; j++) {
                double xj = d.x(i, j) - mu[j];
                for (int k = 0; k < n; k++) {
                    a[j][k] += w * xj * (d.x(i, k) - mu[k]);
                }
                a[j][n] += w * xj * (d.y(i) - my);
            }
        }
        for (int j = 0; j < n; j++) {
            a[j][j] += alpha;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] beta = new double[n];
        for (int j = n - 1; j >= 0; j--) {
            double s = a[j][n];
            for (int k = j + 1; k < n; k++) {
                s -= a[j][k] * beta[k];
            }
            beta[j] = s / a[j][j];
        }
        double[] out = new double[n + 1];
        out[0] = my;
        for (int j = 0; j < n; j++) {
            out[0] -= mu[j] * beta[j];
            out[j + 1] = beta[j];
        }
        return out;
    }

    @ParameterizedTest(name = "standardize={0}, weighted={1}")
    @MethodSource("ridgeCases")
    void ridgeMatchesTheClosedForm(boolean standardize, boolean weighted) {
        Dataset d = problem(400, 5, 29, 1.0, weighted);
        double alpha = 0.7;
        double[] expected = ridge(d, alpha);
        LinearModel m = new GradientDescent(TIGHT.withAlpha(alpha).withStandardize(standardize), SCALAR).fit(d)
                .model();
        LinearModel closed = new LinearModel(expected[0], java.util.Arrays.copyOfRange(expected, 1, 6), null, null);
        assertThat(relativeError(m, closed)).isLessThan(1e-6);
        // and it is really shrunk: far from OLS
        assertThat(relativeError(m, new LinearRegression().fit(d).model())).isGreaterThan(1e-2);
    }

    static Stream<Arguments> ridgeCases() {
        return Stream.of(Arguments.of(true, false), Arguments.of(false, false), Arguments.of(true, true),
                Arguments.of(false, true));
    }

    static Stream<Arguments> stochasticCases() {
        return Stream.of(
                Arguments.of(GradientDescentMode.MINI_BATCH, LearningRateSchedule.INVERSE_SCALING, false),
                Arguments.of(GradientDescentMode.MINI_BATCH, LearningRateSchedule.STEP, true),
                Arguments.of(GradientDescentMode.STOCHASTIC, LearningRateSchedule.INVERSE_SCALING, false),
                Arguments.of(GradientDescentMode.STOCHASTIC, LearningRateSchedule.INVERSE_SCALING, true));
    }

    private static GradientDescentOptions stochastic(GradientDescentMode mode, LearningRateSchedule schedule) {
        return GradientDescentOptions.defaults().withMode(mode).withBatchSize(16)
                .withSchedule(schedule, schedule == LearningRateSchedule.STEP ? 1 : 0.2).withStepEpochs(5)
                .withMaxEpochs(60).withTolerance(1e-6).withPatience(5);
    }

    @ParameterizedTest(name = "{0}, {1}, weighted={2}")
    @MethodSource("stochasticCases")
    void stochasticModesGetCloseToOls(GradientDescentMode mode, LearningRateSchedule schedule, boolean weighted) {
        Dataset d = problem(500, 5, 17, 0.2, weighted);
        GradientDescentResult r = new GradientDescent(stochastic(mode, schedule), SCALAR).fit(d);
        LinearModel ols = new LinearRegression().fit(d).model();
        assertThat(relativeError(r.model(), ols)).isLessThan(1e-2);
        assertThat(r.report().solver()).isEqualTo(mode.name());
        double[] h = r.lossHistory();
        assertThat(h).hasSize(r.report().iterations());
        assertThat(h.length).isGreaterThan(1);
        // these converge within an epoch or two and then jitter at the noise floor: check the trend
        double firstHalf = 0;
        double secondHalf = 0;
        int half = h.length / 2;
        for (int e = 0; e < half; e++) {
            firstHalf += h[e] / half;
        }
        for (int e = h.length - half; e < h.length; e++) {
            secondHalf += h[e] / half;
        }
        assertThat(secondHalf).isLessThanOrEqualTo(firstHalf * (1 + 1e-3));
        assertThat(h[h.length - 1]).isLessThan(h[0] * 1.05);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallRateModes")
    void aSmallRateGivesAMostlyDecreasingLossCurve(GradientDescentMode mode) {
        Dataset d = problem(500, 5, 17, 0.2, true);
        GradientDescentOptions o = stochastic(mode, LearningRateSchedule.INVERSE_SCALING)
                .withLearningRate(mode == GradientDescentMode.STOCHASTIC ? 3e-4 : 5e-3).withMaxEpochs(30)
                .withTolerance(0);
        double[] h = new GradientDescent(o, SCALAR).fit(d).lossHistory();
        assertThat(h).hasSize(30);
        int down = 0;
        for (int e = 1; e < h.length; e++) {
            if (h[e] < h[e - 1]) {
                down++;
            }
        }
        assertThat(down).isGreaterThanOrEqualTo((int) (0.9 * (h.length - 1)));
        assertThat(h[h.length - 1]).isLessThan(0.5 * h[0]);
    }

    static Stream<GradientDescentMode> smallRateModes() {
        return Stream.of(GradientDescentMode.MINI_BATCH, GradientDescentMode.STOCHASTIC);
    }

    @Test
    void theSeedReproducesAStochasticFit() {
        Dataset d = problem(200, 3, 5, 0.5, false);
        GradientDescentOptions o = stochastic(GradientDescentMode.STOCHASTIC, LearningRateSchedule.INVERSE_SCALING)
                .withMaxEpochs(5).withSeed(123);
        double[] a = new GradientDescent(o, SCALAR).fit(d).model().coefficients();
        double[] b = new GradientDescent(o, SCALAR).fit(d).model().coefficients();
        double[] c = new GradientDescent(o.withSeed(124), SCALAR).fit(d).model().coefficients();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void divergenceThrowsWithTheEpochAndTheLearningRate() {
        Dataset d = problem(200, 4, 7, 0.5, false);
        GradientDescentOptions o = GradientDescentOptions.defaults().withStandardize(false).withLearningRate(1000);
        assertThatThrownBy(() -> new GradientDescent(o, SCALAR).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("diverged at epoch ")
                .hasMessageContaining("at the start")
                .hasMessageContaining("η = 1000")
                .hasMessageContaining("η/10 = 100")
                .hasMessageContaining("enable standardize")
                .satisfies(e -> {
                    FitReport rep = ((FitException) e).report();
                    assertThat(rep).isNotNull();
                    assertThat(rep.converged()).isFalse();
                    assertThat(rep.lossHistory()).isNotEmpty();
                    assertThat(rep.iterations()).isEqualTo(rep.lossHistory().length);
                });
    }

    @Test
    void stochasticDivergenceIsCaughtToo() {
        Dataset d = problem(200, 4, 7, 0.5, false);
        GradientDescentOptions o = stochastic(GradientDescentMode.MINI_BATCH, LearningRateSchedule.CONSTANT)
                .withLearningRate(50);
        assertThatThrownBy(() -> new GradientDescent(o, SCALAR).fit(d))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("diverged at epoch 1")
                .hasMessageContaining("η = 50");
    }

    @Test
    void tooFewEpochsIsReportedAsNotConverged() {
        Dataset d = problem(200, 4, 7, 0.5, false);
        GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults().withStandardize(false)
                .withMaxEpochs(3).withTolerance(0).withGradientTolerance(0), SCALAR).fit(d);
        assertThat(r.report().converged()).isFalse();
        assertThat(r.report().status()).contains("maximum epochs (3)");
        assertThat(r.report().iterations()).isEqualTo(3);
        assertThat(r.lossHistory()).hasSize(3);
        assertThat(r.report().notes()).anyMatch(n -> n.startsWith("WARNING"));
    }

    @Test
    void aConstantColumnGetsCoefficientZeroAndANote() {
        Dataset base = problem(300, 3, 9, 0.5, false);
        double[] x = new double[300 * 4];
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 4 + j] = base.x(i, j);
            }
            x[i * 4 + 3] = 2.5;
        }
        Dataset d = Dataset.of(300, 4, x, base.copyY());
        for (boolean standardize : new boolean[] {true, false}) {
            GradientDescentResult r = new GradientDescent(TIGHT.withStandardize(standardize), SCALAR).fit(d);
            assertThat(r.model().coefficient(3)).isZero();
            assertThat(r.report().notes()).anyMatch(n -> n.contains("constant column(s) x4"));
            assertThat(relativeError(r.model(), new LinearRegression().fit(d).model())).isLessThan(1e-6);
        }
    }

    @Test
    void interceptOnlyStopsAtTheStart() {
        Dataset d = Dataset.of(5, 0, new double[0], new double[] {1, 2, 3, 4, 5});
        GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults(), SCALAR).fit(d);
        assertThat(r.model().intercept()).isEqualTo(3.0);
        assertThat(r.report().converged()).isTrue();
        assertThat(r.report().iterations()).isZero();
        assertThatThrownBy(() -> new GradientDescent(GradientDescentOptions.defaults().withIntercept(false), SCALAR)
                .fit(d)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to fit");
    }

    @Test
    void defaultBackendConstructorWorks() {
        Dataset d = problem(100, 2, 1, 0.1, false);
        GradientDescentResult r = new GradientDescent(GradientDescentOptions.defaults()).fit(d);
        assertThat(r.report().converged()).isTrue();
        assertThat(relativeError(r.model(), new LinearRegression().fit(d).model())).isLessThan(1e-6);
    }
}
