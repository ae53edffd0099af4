package dev.linea.models.logistic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitReport;
import dev.linea.models.GoldenFiles;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * L1 and elastic-net multinomial regression (accelerated proximal gradient) against golden/logistic/iris_l1.json
 * (src/test/goldens/make_softmax_l1_goldens.py): scikit-learn 1.2.1's multinomial saga answer, polished by Newton's
 * method on its support and verified by the KKT conditions (residual ≤ 5e-15), on every available backend. At tol
 * 1e-12 the coefficients and intercepts match to better than 1e-10 relative to max |coef| (tested at 1e-8), the zero
 * pattern exactly, and the KKT residual of the unscaled objective on our answer is ≤ 2e-10 (≈ tol·C·Σs; tested at
 * 1e-9).
 */
class SoftmaxL1Test {
    static final JsonNode GOLD = GoldenFiles.json("logistic/iris_l1.json");
    static final double REL = 1e-8;
    static final double KKT = 1e-9;

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    static SoftmaxOptions options(JsonNode g) {
        boolean l1 = g.get("penalty").asText().equals("l1");
        return new SoftmaxOptions(l1 ? Penalty.L1 : Penalty.ELASTIC_NET, g.get("C").asDouble(), true, 1e-12, 100_000,
                ClassWeights.none()).withL1Ratio(l1 ? 0.5 : g.get("l1_ratio").asDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void matchesKktVerifiedOptimum(String backend) {
        Backend b = Backends.named(backend);
        Dataset data = SoftmaxRegressionTest.iris();
        for (String key : new String[] {"l1", "elasticnet"}) {
            JsonNode g = GOLD.get(key);
            SoftmaxResult r = new SoftmaxRegression(options(g), b).fit(data);
            FitReport rep = r.report();
            assertThat(rep.converged()).as(key + ": " + rep).isTrue();
            assertThat(rep.solver()).isEqualTo("PROXIMAL_GRADIENT");
            double[] hist = rep.lossHistory();
            assertThat(hist).hasSize(rep.iterations() + 1);
            for (int i = 1; i < hist.length; i++) {
                assertThat(hist[i]).as(key + " objective at iteration " + i).isLessThanOrEqualTo(hist[i - 1]);
            }
            JsonNode ce = g.get("coef_exact");
            double[][] got = r.model().coefficients();
            double scale = 0;
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 4; j++) {
                    scale = Math.max(scale, Math.abs(ce.get(c).get(j).asDouble()));
                }
            }
            int nonZero = 0;
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 4; j++) {
                    double e = ce.get(c).get(j).asDouble();
                    assertThat(got[c][j]).as(key + " W[" + c + "][" + j + "]").isCloseTo(e, within(REL * scale));
                    assertThat(got[c][j] == 0).as(key + " W[" + c + "][" + j + "] is zero").isEqualTo(e == 0);
                    nonZero += got[c][j] != 0 ? 1 : 0;
                }
                assertThat(r.model().intercepts()[c]).as(key + " b[" + c + "]")
                        .isCloseTo(g.get("intercept_exact").get(c).asDouble(), within(REL * scale));
            }
            assertThat(nonZero).isEqualTo(g.get("support").size());
            assertThat(rep.notes()).contains(nonZero + " of 12 coefficients non-zero");
            assertThat(kktResidual(data, g.get("C").asDouble(), g.get("l1_ratio").asDouble(), r.model(), true))
                    .as(key + " KKT residual").isLessThanOrEqualTo(KKT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void interceptFreeFitsSatisfyKkt(String backend) {
        Dataset data = SoftmaxRegressionTest.iris();
        for (Penalty p : new Penalty[] {Penalty.L1, Penalty.ELASTIC_NET}) {
            SoftmaxOptions o = new SoftmaxOptions(p, 0.3, false, 1e-12, 100_000, ClassWeights.none()).withL1Ratio(0.7);
            SoftmaxResult r = new SoftmaxRegression(o, Backends.named(backend)).fit(data);
            assertThat(r.report().converged()).as(p + ": " + r.report()).isTrue();
            assertThat(r.model().intercepts()).containsOnly(0.0);
            assertThat(kktResidual(data, 0.3, o.effectiveL1Ratio(), r.model(), false)).as(p + ": " + r.report())
                    .isLessThanOrEqualTo(KKT);
        }
    }

    @Test
    void l1RatioIsValidated() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> SoftmaxOptions.defaults().withL1Ratio(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("l1Ratio is " + bad + ", expected a number in [0, 1]");
        }
        assertThat(SoftmaxOptions.defaults().l1Ratio()).isEqualTo(0.5);
        assertThat(new SoftmaxOptions(Penalty.L2, 1, true, 1e-8, 10, ClassWeights.none()).l1Ratio()).isEqualTo(0.5);
        assertThat(SoftmaxOptions.defaults().withL1Ratio(1).effectiveL1Ratio()).isZero(); // L2 ignores it
        assertThat(SoftmaxOptions.defaults().withPenalty(Penalty.L1).effectiveL1Ratio()).isEqualTo(1);
        assertThat(SoftmaxOptions.defaults().withPenalty(Penalty.ELASTIC_NET).withL1Ratio(0.25).effectiveL1Ratio())
                .isEqualTo(0.25);
    }

    @Test
    void elasticNetWithRatioZeroIsL2() {
        Dataset data = SoftmaxRegressionTest.iris();
        SoftmaxOptions o = SoftmaxOptions.defaults().withTol(1e-12).withMaxIterations(100_000);
        SoftmaxModel l2 = new SoftmaxRegression(o).fit(data).model();
        SoftmaxModel en = new SoftmaxRegression(o.withPenalty(Penalty.ELASTIC_NET).withL1Ratio(0)).fit(data).model();
        double[][] a = l2.coefficients();
        double[][] e = en.coefficients();
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) {
                assertThat(e[c][j]).as("W[" + c + "][" + j + "]").isCloseTo(a[c][j], within(1e-6));
            }
        }
    }

    @Test
    void separableDataDoesNotThrow() {
        int m = 60;
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = i - (m - 1) / 2.0;
            x[2 * i + 1] = Math.sin(i);
            y[i] = x[2 * i] < -10 ? 0 : x[2 * i] < 10 ? 1 : 2;
        }
        Dataset data = Dataset.of(m, 2, x, y);
        for (Penalty p : new Penalty[] {Penalty.L1, Penalty.ELASTIC_NET}) {
            SoftmaxOptions o = SoftmaxOptions.defaults().withPenalty(p).withC(1e4).withMaxIterations(2000);
            SoftmaxResult r = new SoftmaxRegression(o).fit(data);
            double[][] w = r.model().coefficients();
            for (double[] row : w) {
                for (double v : row) {
                    assertThat(v).as(p + ": " + r.report()).isFinite();
                }
            }
            assertThat(w[2][0] - w[0][0]).as(p + ": " + r.report()).isPositive();
            int right = 0;
            for (int i = 0; i < m; i++) {
                right += r.model().predict(new double[] {x[2 * i], x[2 * i + 1]}) == (int) y[i] ? 1 : 0;
            }
            assertThat(right).as(p + ": " + r.report()).isGreaterThanOrEqualTo(m - 2);
        }
    }

    /** KKT residual of C·Σ(−log p_{i,y_i}) + (1 − ρ)/2‖W‖²_F + ρ‖W‖₁ (unit weights). */
    static double kktResidual(Dataset data, double c, double rho, SoftmaxModel model, boolean intercept) {
        int m = data.rows();
        int n = data.cols();
        int k = model.classCount();
        double[][] w = model.coefficients();
        double[][] g = new double[k][n];
        double[] gb = new double[k];
        double[] row = new double[n];
        double[] p = new double[k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = data.x(i, j);
            }
            model.predictProbabilities(row, p);
            for (int cl = 0; cl < k; cl++) {
                double r = c * (p[cl] - ((int) data.y(i) == cl ? 1 : 0));
                gb[cl] += r;
                for (int j = 0; j < n; j++) {
                    g[cl][j] += r * row[j];
                }
            }
        }
        double res = 0;
        for (int cl = 0; cl < k; cl++) {
            if (intercept) {
                res = Math.max(res, Math.abs(gb[cl]));
            }
            for (int j = 0; j < n; j++) {
                double v = w[cl][j];
                res = Math.max(res, v == 0 ? Math.max(0, Math.abs(g[cl][j]) - rho)
                        : Math.abs(g[cl][j] + (1 - rho) * v + rho * Math.signum(v)));
            }
        }
        return res;
    }
}
