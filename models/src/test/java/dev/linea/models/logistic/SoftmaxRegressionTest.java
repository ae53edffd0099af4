package dev.linea.models.logistic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.GoldenFiles;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Multinomial regression against scikit-learn 1.2.1 on standardized iris (golden/logistic/iris.json): coefficients to
 * 1e-6 relative to max |coef| of scikit-learn's newton-cg answer (gradient 3e-9 there); scikit-learn's lbfgs answer
 * is 5e-5 away from it and is checked at that distance. Sample weights with explicit class weights (C = 10) and
 * no intercept against newton-cg answers too.
 */
class SoftmaxRegressionTest {
    static final JsonNode GOLD = GoldenFiles.json("logistic/iris.json");

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    static Dataset iris() {
        return GoldenFiles.csv("logistic/iris_std.csv", -1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void irisMatchesSklearn(String backend) {
        SoftmaxResult r = new SoftmaxRegression(SoftmaxOptions.defaults().withTol(1e-11), Backends.named(backend))
                .fit(iris());
        assertThat(r.report().converged()).as(r.report().toString()).isTrue();
        check(r.model(), "coef_exact", "intercept_exact", 1e-6);
        check(r.model(), "coef", "intercept", 1.5 * GOLD.get("lbfgs_vs_exact_rel").asDouble() + 1e-6);
        JsonNode proba = GOLD.get("proba_first5");
        Dataset d = iris();
        double[] row = new double[4];
        double[] out = new double[3];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                row[j] = d.x(i, j);
            }
            r.model().predictProbabilities(row, out);
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                assertThat(out[c]).isCloseTo(proba.get(i).get(c).asDouble(), within(1e-4));
                sum += out[c];
            }
            assertThat(sum).isCloseTo(1, within(1e-15));
            assertThat(r.model().predict(row)).isEqualTo((int) d.y(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sampleAndClassWeightsAndNoInterceptMatchSklearn(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = iris();
        double[] w = new double[d.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 4;
        }
        SoftmaxOptions o = SoftmaxOptions.defaults().withTol(1e-11).withC(10)
                .withClassWeight(ClassWeights.of(java.util.Map.of(0, 2.0, 1, 1.0, 2, 0.5)));
        SoftmaxResult r = new SoftmaxRegression(o, b).fit(d.withWeights(w));
        assertThat(r.report().converged()).as(r.report().toString()).isTrue();
        check(GOLD.get("weighted"), r.model(), "coef_exact", "intercept_exact", 1e-6);
        SoftmaxResult n = new SoftmaxRegression(SoftmaxOptions.defaults().withTol(1e-11).withIntercept(false), b)
                .fit(d);
        check(GOLD.get("noint"), n.model(), "coef_exact", null, 1e-6);
        assertThat(n.model().intercepts()).containsOnly(0.0);
    }

    private static void check(SoftmaxModel model, String coefKey, String icptKey, double rel) {
        check(GOLD, model, coefKey, icptKey, rel);
    }

    private static void check(JsonNode gold, SoftmaxModel model, String coefKey, String icptKey, double rel) {
        double[][] w = model.coefficients();
        double[] b = model.intercepts();
        JsonNode coef = gold.get(coefKey);
        double scale = 0;
        for (JsonNode row : coef) {
            for (JsonNode v : row) {
                scale = Math.max(scale, Math.abs(v.asDouble()));
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) {
                assertThat(w[c][j]).as(coefKey + " (" + c + ", " + j + ")")
                        .isCloseTo(coef.get(c).get(j).asDouble(), within(rel * scale));
            }
            if (icptKey != null) {
                assertThat(b[c]).as(icptKey + " " + c)
                        .isCloseTo(gold.get(icptKey).get(c).asDouble(), within(rel * scale));
            }
        }
    }

    @Test
    void objectiveGradientMatchesFiniteDifferences() {
        Dataset d = iris();
        int[] y = new int[d.rows()];
        double[] s = new double[d.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) d.y(i);
            s[i] = 1 + i % 3;
        }
        for (boolean intercept : new boolean[] {true, false}) {
            SoftmaxObjective f = new SoftmaxObjective(Backends.named("scalar"), d.rows(), 4, 3, d.xUnsafe(), y, s,
                    intercept, 0.02);
            double[] theta = new double[f.parameters()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = 0.3 * Math.cos(2.1 * j);
            }
            double[] g = new double[theta.length];
            double[] tmp = new double[theta.length];
            f.value(theta, g);
            for (int j = 0; j < theta.length; j++) {
                double h = 1e-6;
                double[] tp = theta.clone();
                double[] tm = theta.clone();
                tp[j] += h;
                tm[j] -= h;
                double fd = (f.value(tp, tmp) - f.value(tm, tmp)) / (2 * h);
                assertThat(g[j]).as("intercept " + intercept + ", gradient " + j).isCloseTo(fd, within(1e-8));
            }
        }
    }

    @Test
    void largeLogitsDoNotOverflow() {
        // a huge feature scale makes the logits ~1e3 on the first evaluations
        Dataset d = Dataset.of(new double[][] {{1000}, {-1000}, {0}, {2000}}, new double[] {0, 1, 2, 0});
        SoftmaxResult r = new SoftmaxRegression(SoftmaxOptions.defaults().withC(1e-3)).fit(d);
        double[] p = r.model().predictProbabilities(new double[] {1e6});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-12));
        for (double v : p) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    @Test
    void separatedClassesWithoutPenaltyThrow() {
        Dataset d = Dataset.of(6, 1, new double[] {-3, -2, 0, 0.2, 2, 3}, new double[] {0, 0, 1, 1, 2, 2}, null,
                List.of("t"), "y");
        assertThatThrownBy(() -> new SoftmaxRegression(SoftmaxOptions.defaults().withPenalty(Penalty.NONE)).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("separated").hasMessageContaining("L2");
        // class 2 is separated from the rest by t > 0, but classes 0 and 1 overlap: quasi-complete; the fit pushes
        // class 2's logits so far that only the one-versus-rest check still sees it
        Dataset q = Dataset.of(12, 2, new double[] {-1, 0, -2, 1, -1.5, -1, -1.2, 0.5, -1.1, 0.2, -1.8, -0.5, -1.4,
                0.9, -1.6, 0.1, 2, 0.1, 3, -0.5, 2.5, 0.7, 1.5, 0}, new double[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2},
                null, List.of("t", "u"), "y");
        assertThatThrownBy(() -> new SoftmaxRegression(SoftmaxOptions.defaults().withPenalty(Penalty.NONE)).fit(q))
                .isInstanceOf(FitException.class).hasMessageContaining("class 2 against the others")
                .hasMessageContaining("'t'");
        SoftmaxResult ok = new SoftmaxRegression(SoftmaxOptions.defaults()).fit(d);
        assertThat(ok.report().converged()).isTrue();
        assertThat(ok.model().predict(new double[] {-2.5})).isEqualTo(0);
        assertThat(ok.model().predict(new double[] {2.5})).isEqualTo(2);
    }

    @Test
    void interceptsOnlyAreTheCentredLogOfTheClassRates() {
        Dataset d = Dataset.of(6, 0, new double[0], new double[] {0, 1, 1, 2, 2, 2});
        SoftmaxModel model = new SoftmaxRegression(SoftmaxOptions.defaults().withPenalty(Penalty.NONE).withTol(1e-12))
                .fit(d).model();
        double[] p = model.predictProbabilities(new double[0]);
        assertThat(p[0]).isCloseTo(1 / 6.0, within(1e-9));
        assertThat(p[1]).isCloseTo(2 / 6.0, within(1e-9));
        assertThat(p[2]).isCloseTo(3 / 6.0, within(1e-9));
        double[] b = model.intercepts();
        assertThat(b[0] + b[1] + b[2]).isCloseTo(0, within(1e-12));
    }

    @Test
    void overlappingClassesFitWithoutPenalty() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int m = 600;
        double[] x = new double[m * 2];
        double[] y = new double[m];
        double[][] centres = {{0, 0}, {2, 0}, {0, 2}};
        for (int i = 0; i < m; i++) {
            int c = i % 3;
            x[2 * i] = centres[c][0] + rnd.nextGaussian();
            x[2 * i + 1] = centres[c][1] + rnd.nextGaussian();
            y[i] = c;
        }
        SoftmaxResult r = new SoftmaxRegression(SoftmaxOptions.defaults().withPenalty(Penalty.NONE))
                .fit(Dataset.of(m, 2, x, y));
        assertThat(r.report().converged()).isTrue();
        // the Bayes logits differ by μ_cᵀx − ½‖μ_c‖²: W_1 − W_0 ≈ (2, 0)
        double[][] w = r.model().coefficients();
        assertThat(w[1][0] - w[0][0]).isCloseTo(2.0, within(0.5));
        assertThat(w[2][1] - w[0][1]).isCloseTo(2.0, within(0.5));
    }

    @Test
    void labelsMustBeClassIndices() {
        Dataset bad = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {0, 1.5, 2});
        assertThatThrownBy(() -> new SoftmaxRegression().fit(bad)).hasMessageContaining("1.5 at row 2 (1-based)");
        Dataset gap = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {0, 2, 2});
        assertThatThrownBy(() -> new SoftmaxRegression().fit(gap)).hasMessageContaining("no row of class 1");
    }
}
