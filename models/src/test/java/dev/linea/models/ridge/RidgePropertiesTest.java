package dev.linea.models.ridge;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.LinearRegression;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** Closed-form identities of ridge, each checked on every backend and solver. */
class RidgePropertiesTest {
    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    static Dataset random(int m, int n, long seed, boolean weighted) {
        Random r = new Random(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double t = 3;
            for (int j = 0; j < n; j++) {
                x[i * n + j] = r.nextGaussian() * (j + 1) + j;
                t += (j % 3 - 1) * x[i * n + j];
            }
            y[i] = t + r.nextGaussian();
            if (weighted) {
                w[i] = 0.5 + r.nextDouble() * 3;
            }
        }
        return Dataset.of(m, n, x, y, w, null, "y");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void stationarityHoldsForEverySolverIncludingWideData(String backend) {
        Backend b = Backends.named(backend);
        for (int[] shape : new int[][] {{40, 7}, {7, 40}, {103, 1}}) {
            for (boolean weighted : new boolean[] {false, true}) {
                Dataset d = random(shape[0], shape[1], shape[0] * 31L + shape[1], weighted);
                double alpha = 0.7;
                for (RidgeSolver s : RidgeSolver.values()) {
                    LinearModel mdl = new Ridge(new RidgeOptions(alpha, true, s), b).fit(d).model();
                    // Gradient of Σw(y − b − xβ)² + α‖β‖²: X_cᵀW·r = α·β and Σ w·r = 0.
                    int m = d.rows();
                    int n = d.cols();
                    double[] g = new double[n];
                    double sr = 0;
                    double scale = 0;
                    for (int i = 0; i < m; i++) {
                        double ri = d.y(i) - mdl.intercept();
                        for (int j = 0; j < n; j++) {
                            ri -= mdl.coefficient(j) * d.x(i, j);
                        }
                        double wi = d.weight(i);
                        sr += wi * ri;
                        for (int j = 0; j < n; j++) {
                            g[j] += wi * ri * d.x(i, j);
                        }
                        scale += wi * Math.abs(d.y(i));
                    }
                    assertThat(Math.abs(sr)).as("Σ w·r %s %s", s, shape[0]).isLessThan(1e-9 * scale);
                    for (int j = 0; j < n; j++) {
                        assertThat(g[j]).as("stationarity %s %dx%d column %d", s, shape[0], shape[1], j)
                                .isCloseTo(alpha * mdl.coefficient(j), offset(1e-8 * scale * (1 + n)));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void leaveOneOutScoresEqualBruteForceRefits(String backend) {
        Backend b = Backends.named(backend);
        for (boolean weighted : new boolean[] {false, true}) {
            for (boolean intercept : new boolean[] {true, false}) {
                Dataset d = random(23, 4, 5, weighted);
                double[] alphas = {0.01, 1, 30};
                RidgeCVResult cv = new RidgeCV(new RidgeCVOptions(alphas, intercept, CvCriterion.LEAVE_ONE_OUT), b)
                        .fit(d);
                for (int k = 0; k < alphas.length; k++) {
                    double sum = 0;
                    for (int i = 0; i < d.rows(); i++) {
                        LinearModel mi = new Ridge(new RidgeOptions(alphas[k], intercept, RidgeSolver.CHOLESKY), b)
                                .fit(without(d, i)).model();
                        double e = d.y(i) - mi.predict(row(d, i));
                        sum += d.weight(i) * e * e;
                    }
                    double brute = sum / d.rows();
                    assertThat(cv.scores()[k]).as("LOO weighted=%s intercept=%s alpha=%s", weighted, intercept,
                            alphas[k]).isCloseTo(brute, offset(1e-9 * brute));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void gcvMatchesItsDefinition(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = random(30, 3, 9, false);
        double[] alphas = {0.1, 10};
        RidgeCVResult cv = new RidgeCV(new RidgeCVOptions(alphas, true, CvCriterion.GCV), b).fit(d);
        for (int k = 0; k < alphas.length; k++) {
            LinearModel mdl = new Ridge(new RidgeOptions(alphas[k], true, RidgeSolver.CHOLESKY), b).fit(d).model();
            double rss = 0;
            for (int i = 0; i < d.rows(); i++) {
                double e = d.y(i) - mdl.predict(row(d, i));
                rss += e * e;
            }
            // tr(H) by definition: 1 + Σ_i of the centred leverages, each from an explicit solve.
            double df = 1 + traceOfCentredHat(d, alphas[k]);
            double m = d.rows();
            double gcv = rss / m / Math.pow(1 - df / m, 2);
            assertThat(cv.scores()[k]).isCloseTo(gcv, offset(1e-9 * gcv));
        }
        assertThat(cv.model().report().lossHistory()).containsExactly(cv.scores());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void alphaZeroIsOlsAndIntegerWeightsAreRepeatedRows(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = random(50, 5, 3, false);
        LinearModel ols = new LinearRegression(dev.linea.models.ols.OlsOptions.defaults(), b).fit(d).model();
        for (RidgeSolver s : RidgeSolver.values()) {
            LinearModel r0 = new Ridge(new RidgeOptions(0, true, s), b).fit(d).model();
            for (int j = 0; j < 5; j++) {
                assertThat(r0.coefficient(j)).isCloseTo(ols.coefficient(j), offset(1e-9));
            }
        }
        double[] w = new double[50];
        int total = 0;
        for (int i = 0; i < 50; i++) {
            w[i] = 1 + i % 3;
            total += (int) w[i];
        }
        double[] x = new double[total * 5];
        double[] y = new double[total];
        int r = 0;
        for (int i = 0; i < 50; i++) {
            for (int c = 0; c < w[i]; c++, r++) {
                System.arraycopy(row(d, i), 0, x, r * 5, 5);
                y[r] = d.y(i);
            }
        }
        LinearModel weighted = new Ridge(new RidgeOptions(2.5, true, RidgeSolver.AUTO), b).fit(d.withWeights(w)).model();
        LinearModel repeated = new Ridge(new RidgeOptions(2.5, true, RidgeSolver.AUTO), b)
                .fit(Dataset.of(total, 5, x, y)).model();
        for (int j = 0; j < 5; j++) {
            assertThat(weighted.coefficient(j)).isCloseTo(repeated.coefficient(j), offset(1e-10));
        }
        assertThat(weighted.intercept()).isCloseTo(repeated.intercept(), offset(1e-9));
    }

    @Test
    void singularDesignsFailClearlyAndPenaltiesRescueThem() {
        Backend b = Backends.named("vector");
        Dataset base = random(20, 2, 4, false);
        double[] x = new double[20 * 3];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i * 3] = base.x(i, 0);
            x[i * 3 + 1] = base.x(i, 1);
            x[i * 3 + 2] = base.x(i, 0) + base.x(i, 1); // dependent
            y[i] = base.y(i);
        }
        Dataset d = Dataset.of(20, 3, x, y);
        assertThatThrownBy(() -> new Ridge(new RidgeOptions(0, true, RidgeSolver.EIGEN), b).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("singular").hasMessageContaining("alpha > 0");
        assertThatThrownBy(() -> new Ridge(new RidgeOptions(0, true, RidgeSolver.AUTO), b).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("alpha > 0");
        LinearModel ok = new Ridge(new RidgeOptions(1e-3, true, RidgeSolver.AUTO), b).fit(d).model();
        // The minimum-norm-like split: the penalty shares the dependent direction between the columns.
        for (double c : ok.coefficients()) {
            assertThat(c).isFinite();
        }
        RidgeCVResult cv = new RidgeCV(new RidgeCVOptions(new double[] {0, 1}, true, CvCriterion.LEAVE_ONE_OUT), b)
                .fit(d);
        assertThat(cv.scores()[0]).isInfinite();
        assertThat(cv.alpha()).isEqualTo(1);
        assertThatThrownBy(() -> new RidgeCV(new RidgeCVOptions(new double[] {0}, true, CvCriterion.GCV), b).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("no alpha");
    }

    @Test
    void optionsNameTheBadValue() {
        assertThatThrownBy(() -> new RidgeOptions(-1, true, RidgeSolver.AUTO))
                .hasMessageContaining("alpha is -1.0").hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> new RidgeOptions(Double.NaN, true, RidgeSolver.AUTO)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new RidgeCVOptions(new double[0], true, CvCriterion.GCV))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new RidgeCVOptions(new double[] {1, Double.POSITIVE_INFINITY}, true, CvCriterion.GCV))
                .hasMessageContaining("alphas[1] is Infinity");
        assertThatThrownBy(() -> new Ridge(RidgeOptions.defaults().withIntercept(false))
                .fit(Dataset.of(3, 0, new double[0], new double[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to fit");
        assertThat(RidgeCVOptions.logGrid(-3, 3, 13)[6]).isCloseTo(1, offset(1e-15));
    }

    private static double traceOfCentredHat(Dataset d, double alpha) {
        int m = d.rows();
        int n = d.cols();
        double[] mean = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                mean[j] += d.x(i, j) / m;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[j][k] += (d.x(i, j) - mean[j]) * (d.x(i, k) - mean[k]);
                }
            }
        }
        for (int j = 0; j < n; j++) {
            a[j][j] += alpha;
        }
        double tr = 0;
        for (int i = 0; i < m; i++) {
            double[] xi = new double[n];
            for (int j = 0; j < n; j++) {
                xi[j] = d.x(i, j) - mean[j];
            }
            double[] s = solve(a, xi);
            for (int j = 0; j < n; j++) {
                tr += xi[j] * s[j];
            }
        }
        return tr;
    }

    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    static double[] row(Dataset d, int i) {
        double[] r = new double[d.cols()];
        for (int j = 0; j < d.cols(); j++) {
            r[j] = d.x(i, j);
        }
        return r;
    }

    static Dataset without(Dataset d, int drop) {
        int m = d.rows() - 1;
        int n = d.cols();
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = d.weighted() ? new double[m] : null;
        for (int i = 0, r = 0; i < d.rows(); i++) {
            if (i == drop) {
                continue;
            }
            System.arraycopy(row(d, i), 0, x, r * n, n);
            y[r] = d.y(i);
            if (w != null) {
                w[r] = d.weight(i);
            }
            r++;
        }
        return Dataset.of(m, n, x, y, w, null, "y");
    }
}
