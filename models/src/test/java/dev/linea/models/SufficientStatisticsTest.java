package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.NormalEquationsFit;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ols.ResidualPass;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Fitting from moments is fitting from rows: OLS (normal equations with refinement), ridge and the elastic net path
 * from {@link SufficientStatistics} equal the same estimators on the {@link Dataset}, with and without intercept
 * and weights. This is the contract a distributed engine relies on when it merges moments instead of rows.
 */
class SufficientStatisticsTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    /** Offsets far from 0 (as Longley's) so that centring matters; weights optional. */
    static Dataset data(int m, int n, boolean weighted, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double t = 0.5;
            for (int j = 0; j < n; j++) {
                double v = 1000 * (j + 1) + r.nextGaussian() * (j + 1);
                x[i * n + j] = v;
                t += (j % 3 - 1) * 0.25 * v;
            }
            y[i] = t + r.nextGaussian();
            if (w != null) {
                w[i] = 0.25 + r.nextDouble() * 2;
            }
        }
        return Dataset.of(m, n, x, y, w, null, "y");
    }

    /** The pass on one machine: exactly what NormalEquations does with the rows. */
    static ResidualPass localPass(Dataset d) {
        return (b0, beta, centre, out) -> {
            int m = d.rows();
            int n = d.cols();
            double[] r = dev.linea.models.linalg.Residuals.of(m, n, d.xUnsafe(), d.yUnsafe(), b0, beta);
            java.util.Arrays.fill(out, 0);
            double s = 0;
            double ss = 0;
            for (int i = 0; i < m; i++) {
                double wi = d.weight(i);
                s += wi * r[i];
                ss += wi * r[i] * r[i];
                for (int j = 0; j < n; j++) {
                    out[j] += (d.x(i, j) - centre[j]) * wi * r[i];
                }
            }
            return new ResidualPass.Sums(s, ss);
        };
    }

    @ParameterizedTest
    @MethodSource("backends")
    void olsFromMomentsEqualsOlsFromRows(String backend) {
        Backend b = Backends.named(backend);
        for (boolean icpt : new boolean[] {true, false}) {
            for (boolean weighted : new boolean[] {false, true}) {
                Dataset d = data(203, 7, weighted, 11);
                OlsOptions o = OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS).withIntercept(icpt);
                OlsResult rows = new LinearRegression(o, b).fit(d);
                NormalEquationsFit mom = new LinearRegression(o, b).fit(SufficientStatistics.of(d, b), localPass(d));
                assertThat(mom.model().intercept()).as("intercept, icpt=%s w=%s", icpt, weighted)
                        .isCloseTo(rows.model().intercept(), within(1e-9 * (1 + Math.abs(rows.model().intercept()))));
                for (int j = 0; j < 7; j++) {
                    assertThat(mom.model().coefficient(j)).as("β%d icpt=%s w=%s", j, icpt, weighted)
                            .isCloseTo(rows.model().coefficient(j), within(1e-11));
                }
                double[] cr = rows.fit().unscaledCovariance();
                double[] cm = mom.unscaledCovariance();
                for (int k = 0; k < cr.length; k++) {
                    assertThat(cm[k]).isCloseTo(cr[k], within(1e-7 * Math.abs(cr[k]) + 1e-300));
                }
                assertThat(mom.report().converged()).isEqualTo(rows.report().converged());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ridgeFromMomentsEqualsRidgeFromRows(String backend) {
        Backend b = Backends.named(backend);
        for (boolean icpt : new boolean[] {true, false}) {
            Dataset d = data(157, 5, true, 3);
            RidgeOptions o = RidgeOptions.defaults().withAlpha(2.5).withIntercept(icpt);
            var rows = new Ridge(o, b).fit(d).model();
            var mom = new Ridge(o, b).fit(SufficientStatistics.of(d, b)).model();
            assertThat(mom.intercept()).isCloseTo(rows.intercept(), within(1e-7 * (1 + Math.abs(rows.intercept()))));
            for (int j = 0; j < 5; j++) {
                assertThat(mom.coefficient(j)).isCloseTo(rows.coefficient(j),
                        within(1e-9 * (1 + Math.abs(rows.coefficient(j)))));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void elasticNetPathFromMomentsEqualsCovarianceModeFromRows(String backend) {
        Backend b = Backends.named(backend);
        for (boolean icpt : new boolean[] {true, false}) {
            Dataset d = data(301, 9, true, 5);
            ElasticNetOptions o = ElasticNetOptions.lasso().withIntercept(icpt)
                    .withMode(ElasticNetOptions.Mode.COVARIANCE).withPath(30, 1e-3);
            ElasticNetPath rows = new ElasticNet(o, b).fit(d);
            ElasticNetPath mom = new ElasticNet(o, b).fit(SufficientStatistics.of(d, b));
            assertThat(mom.lambdas()).hasSameSizeAs(rows.lambdas());
            for (int k = 0; k < rows.lambdas().length; k++) {
                assertThat(mom.lambdas()[k]).isCloseTo(rows.lambdas()[k], within(1e-9 * rows.lambdas()[k]));
                for (int j = 0; j < 9; j++) {
                    double e = rows.coefficients(k)[j];
                    assertThat(mom.coefficients(k)[j]).as("λ%d β%d", k, j).isCloseTo(e, within(1e-7 * (1 + Math.abs(e))));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void singularMomentsAreAFitFailureNamingTheColumn(String backend) {
        Backend b = Backends.named(backend);
        double[] x = new double[20 * 2];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 7;
            y[i] = i;
        }
        SufficientStatistics s = SufficientStatistics.of(Dataset.of(20, 2, x, y), b);
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults(), b).fit(s, (b0, be, c, o) -> null))
                .isInstanceOf(FitException.class).hasMessageContaining("'x2' is constant");
    }

    @org.junit.jupiter.api.Test
    void constructorNamesWhatIsWrong() {
        assertThatThrownBy(() -> new SufficientStatistics(java.util.List.of("a", "b"), "y", 10, 10, new double[2], 0,
                new double[3], new double[2], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("xx has 3 values, expected 4");
        assertThatThrownBy(() -> new SufficientStatistics(java.util.List.of(), "y", 0, 10, new double[0], 0,
                new double[0], new double[0], 1)).hasMessageContaining("rows is 0");
    }

    /** Pooled moments of disjoint parts equal the moments of the whole (Chan's update), and give exact SSEs. */
    @ParameterizedTest
    @MethodSource("backends")
    void combinedPartsEqualTheWholeAndPredictTheirOwnErrors(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = data(120, 4, true, 21);
        SufficientStatistics whole = SufficientStatistics.of(d, b);
        java.util.List<SufficientStatistics> parts = new java.util.ArrayList<>();
        int[][] ranges = {{0, 7}, {7, 60}, {60, 120}};
        for (int[] r : ranges) {
            parts.add(SufficientStatistics.of(slice(d, r[0], r[1]), b));
        }
        SufficientStatistics pooled = SufficientStatistics.combine(parts);
        assertThat(pooled.rows()).isEqualTo(120);
        assertThat(pooled.weightSum()).isCloseTo(whole.weightSum(), within(1e-12 * whole.weightSum()));
        assertThat(pooled.yy()).isCloseTo(whole.yy(), within(1e-10 * whole.yy()));
        for (int k = 0; k < 16; k++) {
            assertThat(pooled.xx()[k]).isCloseTo(whole.xx()[k], within(1e-9 * (1 + Math.abs(whole.xx()[k]))));
        }
        double[] beta = {0.3, -0.2, 0.1, 0.05};
        double direct = 0;
        for (int i = 0; i < d.rows(); i++) {
            double e = d.y(i) - 1.5;
            for (int j = 0; j < 4; j++) {
                e -= beta[j] * d.x(i, j);
            }
            direct += d.weight(i) * e * e;
        }
        assertThat(whole.sumOfSquaredErrors(1.5, beta)).isCloseTo(direct, within(1e-9 * direct));
    }

    /** Cross-validation from fold moments equals cross-validation from rows with the same folds. */
    @ParameterizedTest
    @MethodSource("backends")
    void elasticNetCvFromFoldMomentsEqualsCvFromRows(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = data(240, 6, true, 33);
        int[] folds = new int[240];
        java.util.List<SufficientStatistics> foldMoments = new java.util.ArrayList<>();
        for (int f = 0; f < 4; f++) {
            for (int i = 60 * f; i < 60 * (f + 1); i++) {
                folds[i] = f;
            }
            foldMoments.add(SufficientStatistics.of(slice(d, 60 * f, 60 * (f + 1)), b));
        }
        ElasticNetOptions o = ElasticNetOptions.lasso().withAlpha(0.5).withPath(25, 1e-3)
                .withMode(ElasticNetOptions.Mode.COVARIANCE);
        var rows = new dev.linea.models.lasso.ElasticNetCV(o, 4, 1, b).fit(d, folds);
        var mom = new dev.linea.models.lasso.ElasticNetCV(o, 4, 1, b).fit(foldMoments);
        assertThat(mom.lambdaMinIndex()).isEqualTo(rows.lambdaMinIndex());
        assertThat(mom.lambda1seIndex()).isEqualTo(rows.lambda1seIndex());
        for (int l = 0; l < rows.meanError().length; l++) {
            assertThat(mom.meanError()[l]).isCloseTo(rows.meanError()[l], within(1e-7 * rows.meanError()[l]));
            assertThat(mom.standardError()[l]).isCloseTo(rows.standardError()[l],
                    within(1e-6 * rows.standardError()[l] + 1e-12));
        }
        assertThat(mom.foldIds()).isEmpty();
    }

    static Dataset slice(Dataset d, int from, int to) {
        int n = d.cols();
        int m = to - from;
        double[] x = java.util.Arrays.copyOfRange(d.xUnsafe(), from * n, to * n);
        double[] y = java.util.Arrays.copyOfRange(d.yUnsafe(), from, to);
        double[] w = d.weighted() ? java.util.Arrays.copyOfRange(d.weightsUnsafe(), from, to) : null;
        return Dataset.of(m, n, x, y, w, d.featureNames(), d.targetName());
    }

    /**
     * The target's extremes (over rows of positive weight) are carried and merged, so R² of a constant target is NaN
     * as from the rows (ScaledSquares), although its centred sum of squares cyy holds rounding for 0.1.
     */
    @org.junit.jupiter.api.Test
    void constantTargetHasNoRSquaredFromMoments() {
        Backend b = Backends.named("scalar");
        int m = 50;
        double[] x = new double[m];
        double[] y = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = i * 0.37 - 3;
            y[i] = 0.1;
            w[i] = i == 3 ? 0 : 1 + i % 3;
        }
        y[3] = 5; // weight 0: does not count
        Dataset d = Dataset.of(m, 1, x, y, w, null, "y");
        SufficientStatistics st = SufficientStatistics.of(d, b);
        assertThat(st.yMin()).isEqualTo(0.1);
        assertThat(st.yMax()).isEqualTo(0.1);
        assertThat(st.rSquared(st.sumOfSquaredErrors(0.1, new double[] {0}), true)).isNaN();
        assertThat(st.rSquared(0, false)).as("uncentred: y is not all zero").isEqualTo(1);
        SufficientStatistics a = SufficientStatistics.of(Dataset.of(2, 1, new double[] {1, 2}, new double[] {0.1, 0.1}),
                b);
        SufficientStatistics c = SufficientStatistics.of(Dataset.of(2, 1, new double[] {3, 4}, new double[] {0.1, 0.3}),
                b);
        SufficientStatistics ac = SufficientStatistics.combine(java.util.List.of(a, c));
        assertThat(ac.yMin()).isEqualTo(0.1);
        assertThat(ac.yMax()).isEqualTo(0.3);
        assertThat(SufficientStatistics.combine(java.util.List.of(a, a)).rSquared(0, true)).isNaN();
        SufficientStatistics unknown = new SufficientStatistics(st.featureNames(), "y", st.rows(), st.weightSum(),
                st.xMean(), st.yMean(), st.xx(), st.xy(), st.yy());
        assertThat(unknown.yMin()).isNaN();
        assertThat(SufficientStatistics.combine(java.util.List.of(unknown, st)).yMax()).isNaN();
        assertThat(SufficientStatistics.of(Dataset.of(2, 1, new double[] {1, 2}, new double[] {0, 0}), b)
                .rSquared(0, false)).as("uncentred, all zero").isNaN();
    }
}
