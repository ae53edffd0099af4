package dev.linea.models.ridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import dev.linea.models.LinearModel;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ridge and RidgeCV against scikit-learn 1.2.1 on the raw diabetes data (golden/ridge/diabetes_ridge.json, made by
 * src/test/goldens/make_ridge_goldens.py), on every available backend. The raw columns make X_cᵀX_c moderately
 * ill-conditioned (κ ≈ 1e7 at small α), so coefficients are compared at 1e-7 relative to the largest one.
 */
class RidgeSklearnTest {
    private static final JsonNode GOLD = GoldenFiles.json("ridge/diabetes_ridge.json");
    private static final double REL = 1e-7;

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    static Dataset diabetes() {
        return GoldenFiles.csv("ols/diabetes.csv", -1);
    }

    static double[] weights(int m) {
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = 1 + i % 5;
        }
        return w;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void gridMatchesSklearnWithEverySolver(String backend) {
        Backend b = Backends.named(backend);
        Dataset data = diabetes();
        JsonNode grid = GOLD.get("grid");
        double[] alphas = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            alphas[k] = grid.get(k).get("alpha").asDouble();
        }
        RidgePath path = new Ridge(RidgeOptions.defaults(), b).path(data, alphas);
        for (int k = 0; k < grid.size(); k++) {
            JsonNode g = grid.get(k);
            double[] coef = GoldenFiles.doubles(g.get("coef"));
            double icpt = g.get("intercept").asDouble();
            for (RidgeSolver s : RidgeSolver.values()) {
                LinearModel model = new Ridge(new RidgeOptions(alphas[k], true, s), b).fit(data).model();
                close(s + " alpha " + alphas[k], model, coef, icpt);
            }
            close("path alpha " + alphas[k], path.model(k), coef, icpt);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void weightedAndNoInterceptMatchSklearn(String backend) {
        Backend b = Backends.named(backend);
        Dataset data = diabetes();
        JsonNode g = GOLD.get("weighted");
        LinearModel wm = new Ridge(RidgeOptions.defaults(), b).fit(data.withWeights(weights(data.rows()))).model();
        close("weighted", wm, GoldenFiles.doubles(g.get("coef")), g.get("intercept").asDouble());

        g = GOLD.get("noint");
        Dataset four = GoldenFiles.csv("ols/diabetes.csv", g.get("columns").asInt());
        LinearModel nm = new Ridge(RidgeOptions.defaults().withIntercept(false), b).fit(four).model();
        close("no intercept", nm, GoldenFiles.doubles(g.get("coef")), 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void ridgeCvMatchesSklearnLeaveOneOut(String backend) {
        Backend b = Backends.named(backend);
        Dataset data = diabetes();
        for (String key : new String[] {"cv", "cv_weighted"}) {
            JsonNode g = GOLD.get(key);
            Dataset d = key.equals("cv") ? data : data.withWeights(weights(data.rows()));
            double[] alphas = GoldenFiles.doubles(g.get("alphas"));
            RidgeCVResult r = new RidgeCV(new RidgeCVOptions(alphas, true, CvCriterion.LEAVE_ONE_OUT), b).fit(d);
            double[] expected = GoldenFiles.doubles(g.get("mean_loo_squared_error"));
            double[] scores = r.scores();
            for (int k = 0; k < alphas.length; k++) {
                assertThat(scores[k]).as(key + " LOO score at alpha " + alphas[k])
                        .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-9 * expected[k]));
            }
            assertThat(r.alpha()).as(key + " chosen alpha").isEqualTo(g.get("alpha").asDouble());
            assertThat(-r.bestScore()).as(key + " best score")
                    .isCloseTo(g.get("best_score").asDouble(), org.assertj.core.data.Offset.offset(1e-9 * expected[0]));
            close(key + " model", r.model(), GoldenFiles.doubles(g.get("coef")), g.get("intercept").asDouble());
        }
    }

    static void close(String what, LinearModel model, double[] coef, double intercept) {
        double scale = 0;
        for (double c : coef) {
            scale = Math.max(scale, Math.abs(c));
        }
        double[] got = model.coefficients();
        assertThat(got).as(what + " length").hasSize(coef.length);
        for (int j = 0; j < coef.length; j++) {
            assertThat(got[j]).as(what + " coefficient " + j)
                    .isCloseTo(coef[j], org.assertj.core.data.Offset.offset(REL * scale));
        }
        assertThat(model.intercept()).as(what + " intercept")
                .isCloseTo(intercept, org.assertj.core.data.Offset.offset(REL * Math.max(1, Math.abs(intercept))));
    }
}
