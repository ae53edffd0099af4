package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.inference.OlsInference;
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
import static org.assertj.core.api.Assertions.within;

class LinearRegressionTest {
    private static final Backend SCALAR = Backends.named("scalar");

    /** y = 3 + Σ (j+1)·x_j + small noise, seeded. */
    static Dataset random(int m, int n, long seed, double noise) {
        Random r = new Random(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 3;
            for (int j = 0; j < n; j++) {
                double v = r.nextGaussian();
                x[i * n + j] = v;
                s += (j + 1) * v;
            }
            y[i] = s + noise * r.nextGaussian();
        }
        return Dataset.of(m, n, x, y);
    }

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (OlsSolver s : OlsSolver.values()) {
                for (int[] mn : new int[][] {{9, 0}, {9, 1}, {12, 7}, {17, 8}, {30, 9}, {103, 13}}) {
                    list.add(Arguments.of(b.name(), s, mn[0], mn[1]));
                }
            }
        }
        return list.stream();
    }

    /** Residuals are orthogonal to every column and to the ones column: the normal equations hold at the fit. */
    @ParameterizedTest(name = "{1} on {0}, {2}x{3}")
    @MethodSource("shapes")
    void residualIsOrthogonalToTheDesign(String backend, OlsSolver solver, int m, int n) {
        Dataset d = random(m, n, 42 + m + n, 0.5);
        OlsResult r = new LinearRegression(OlsOptions.defaults().withSolver(solver), Backends.named(backend)).fit(d);
        double[] e = r.inference().residuals();
        double sum = 0;
        double scale = 0;
        for (int i = 0; i < m; i++) {
            sum += e[i];
            scale += Math.abs(d.y(i));
        }
        assertThat(Math.abs(sum)).isLessThan(1e-12 * scale);
        for (int j = 0; j < n; j++) {
            double s = 0;
            double a = 0;
            for (int i = 0; i < m; i++) {
                s += e[i] * d.x(i, j);
                a += Math.abs(e[i] * d.x(i, j));
            }
            assertThat(Math.abs(s)).as("column " + j).isLessThan(1e-12 * Math.max(a, 1));
        }
        assertThat(r.report().notes()).isNotEmpty();
        assertThat(r.droppedFeatures()).isEmpty();
    }

    @Test
    void exactDataIsRecoveredBySolver() {
        Dataset d = random(50, 4, 7, 0);
        for (OlsSolver s : OlsSolver.values()) {
            OlsResult r = new LinearRegression(OlsOptions.defaults().withSolver(s), SCALAR).fit(d);
            assertThat(r.model().intercept()).as(s.name()).isCloseTo(3, within(1e-13));
            for (int j = 0; j < 4; j++) {
                assertThat(r.model().coefficient(j)).isCloseTo(j + 1, within(1e-13));
            }
        }
    }

    @Test
    void autoSaysWhatItChose() {
        OlsResult easy = new LinearRegression(OlsOptions.defaults(), SCALAR).fit(random(40, 3, 1, 1));
        assertThat(easy.report().solver()).isEqualTo("NORMAL_EQUATIONS");
        assertThat(easy.report().notes()).anyMatch(s -> s.startsWith("AUTO: normal equations"));
        // Nearly collinear: x2 = x1 + 1e-6·noise.
        Random rnd = new Random(3);
        int m = 40;
        double[] x = new double[m * 2];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = rnd.nextGaussian();
            x[2 * i + 1] = x[2 * i] + 1e-6 * rnd.nextGaussian();
            y[i] = x[2 * i] - x[2 * i + 1] + rnd.nextGaussian();
        }
        OlsResult hard = new LinearRegression(OlsOptions.defaults(), SCALAR).fit(Dataset.of(m, 2, x, y));
        assertThat(hard.report().solver()).isEqualTo("QR");
        assertThat(hard.report().notes()).anyMatch(s -> s.contains("AUTO: QR") && s.contains("condition number"));
    }

    @Test
    void duplicatedAndConstantColumnsAreDroppedByName() {
        Random rnd = new Random(5);
        int m = 30;
        double[] x = new double[m * 4];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            x[4 * i] = a;
            x[4 * i + 1] = 2.5;      // constant: dependent on the intercept
            x[4 * i + 2] = b;
            x[4 * i + 3] = a;        // duplicate of "a"
            y[i] = 1 + 2 * a - b + 0.1 * rnd.nextGaussian();
        }
        Dataset d = Dataset.of(m, 4, x, y, null, List.of("a", "const", "b", "a_copy"), "y");
        for (OlsSolver s : List.of(OlsSolver.AUTO, OlsSolver.PIVOTED_QR)) {
            OlsResult r = new LinearRegression(OlsOptions.defaults().withSolver(s), SCALAR).fit(d);
            assertThat(r.droppedFeatures()).containsExactlyInAnyOrder("const", "a_copy");
            assertThat(r.report().notes()).anyMatch(n -> n.contains("const") && n.contains("a_copy"));
            assertThat(r.model().coefficient(1)).isZero();
            assertThat(r.model().coefficient(3)).isZero();
            assertThat(r.model().coefficient(0)).isCloseTo(2, within(0.1));
            OlsInference inf = r.inference();
            assertThat(inf.rank()).isEqualTo(3);
            assertThat(inf.dfResid()).isEqualTo(m - 3);
            assertThat(inf.coefficients().get(2).estimated()).isFalse();
            assertThat(inf.summary()).contains("dropped");
            assertThat(inf.vif()[1]).isNaN();
        }
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS),
                SCALAR).fit(d)).isInstanceOf(FitException.class).hasMessageContaining("'const' is constant")
                .satisfies(e -> assertThat(((FitException) e).report()).isNotNull());
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR), SCALAR).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("rank deficient")
                .hasMessageContaining("PIVOTED_QR");
    }

    @Test
    void moreColumnsThanRows() {
        Dataset d = random(5, 8, 11, 0.1);
        OlsResult r = new LinearRegression(OlsOptions.defaults(), SCALAR).fit(d);
        assertThat(r.report().solver()).isEqualTo("PIVOTED_QR");
        assertThat(r.droppedFeatures()).hasSize(4);
        assertThat(r.report().notes()).anyMatch(s -> s.contains("more parameters (9) than rows (5)"));
        // Exact interpolation: no residual degrees of freedom, inference says nan rather than inventing numbers.
        OlsInference inf = r.inference();
        assertThat(inf.dfResid()).isZero();
        assertThat(inf.coefficients().get(0).stdError()).isNaN();
        assertThat(inf.summary()).contains("No residual degrees of freedom");
        for (double c : r.model().coefficients()) {
            assertThat(c).isFinite();
        }
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR), SCALAR).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("more parameters (9) than rows (5)");
    }

    @Test
    void oneRow() {
        Dataset d = Dataset.of(1, 2, new double[] {1, 2}, new double[] {7});
        OlsResult r = new LinearRegression(OlsOptions.defaults(), SCALAR).fit(d);
        assertThat(r.model().intercept()).isEqualTo(7);
        assertThat(r.droppedFeatures()).containsExactly("x1", "x2");
        OlsResult mean = new LinearRegression(OlsOptions.defaults(), SCALAR)
                .fit(Dataset.of(3, 0, new double[0], new double[] {1, 2, 6}));
        assertThat(mean.model().intercept()).isCloseTo(3, within(1e-15));
    }

    @Test
    void noInterceptFitsThroughTheOrigin() {
        double[] x = {1, 2, 3, 4};
        double[] y = {2.1, 3.9, 6.2, 7.8};
        for (OlsSolver s : OlsSolver.values()) {
            OlsResult r = new LinearRegression(OlsOptions.defaults().withSolver(s).withIntercept(false), SCALAR)
                    .fit(Dataset.of(4, 1, x, y));
            // β = Σxy/Σx² = (2.1 + 7.8 + 18.6 + 31.2)/30
            assertThat(r.model().coefficient(0)).isCloseTo(59.7 / 30, within(1e-14));
            assertThat(r.model().intercept()).isZero();
        }
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withIntercept(false), SCALAR)
                .fit(Dataset.of(2, 0, new double[0], new double[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to fit");
    }

    /** Integer weights are the same as repeating rows. */
    @Test
    void weightsEqualRepeatedRows() {
        Dataset base = random(20, 3, 9, 1);
        double[] w = new double[20];
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            w[i] = 1 + i % 3;
            for (int k = 0; k < w[i]; k++) {
                rows.add(new double[] {base.x(i, 0), base.x(i, 1), base.x(i, 2)});
                ys.add(base.y(i));
            }
        }
        Dataset repeated = Dataset.of(rows.toArray(new double[0][]),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        for (OlsSolver s : OlsSolver.values()) {
            LinearRegression lr = new LinearRegression(OlsOptions.defaults().withSolver(s), SCALAR);
            OlsResult a = lr.fit(base.withWeights(w));
            OlsResult b = lr.fit(repeated);
            assertThat(a.model().intercept()).isCloseTo(b.model().intercept(), within(1e-12));
            for (int j = 0; j < 3; j++) {
                assertThat(a.model().coefficient(j)).isCloseTo(b.model().coefficient(j), within(1e-12));
            }
            assertThat(a.inference().ssr()).isCloseTo(b.inference().ssr(), within(1e-9));
        }
    }

    @Test
    void optionsValidate() {
        assertThatThrownBy(() -> new OlsOptions(OlsSolver.AUTO, true, -1, 1e-13))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refinementSteps is -1");
        assertThatThrownBy(() -> OlsOptions.defaults().withRankTolerance(-1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rankTolerance is -0.001");
        assertThatThrownBy(() -> OlsOptions.defaults().withRankTolerance(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new OlsOptions(null, true, 1, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults(), SCALAR).fit(random(10, 2, 1, 1))
                .inference(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha is 1.5");
    }

    @Test
    void lowPartsAreValidated() {
        Dataset d = Dataset.of(2, 1, new double[] {1, 2}, new double[] {1, 2});
        assertThatThrownBy(() -> d.withLowParts(new double[] {1e-3, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds ulp");
        assertThatThrownBy(() -> d.withLowParts(new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected rows × cols = 2");
        assertThat(d.withLowParts(new double[] {1e-17, 0}).withWeights(new double[] {1, 2}).hasLowParts()).isTrue();
    }

    @Test
    void jsonTreeHasNoNaN() {
        OlsResult r = new LinearRegression(OlsOptions.defaults(), SCALAR).fit(random(6, 5, 2, 1));
        var map = r.inference().toMap(true);
        assertThat(map).containsKeys("coefficients", "r_squared", "vif", "leverage", "cooks_distance");
        assertThat(map.toString()).doesNotContain("NaN");
    }
}
