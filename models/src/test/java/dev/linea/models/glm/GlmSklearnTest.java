package dev.linea.models.glm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Penalized GLMs against scikit-learn 1.2.1's PoissonRegressor, GammaRegressor and TweedieRegressor (lbfgs at
 * tol 1e-10; golden/glm/sklearn.json) on the scaled diabetes data, on every available backend: coefficients and
 * intercept at {@value #REL} relative to the largest |coefficient| (the intercept to max(1, |b|)).
 */
class GlmSklearnTest {
    static final double REL = 1e-6;
    private static final JsonNode GOLD = GoldenFiles.json("glm/sklearn.json");

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (String name : new String[] {"poisson_alpha_0.01", "poisson_alpha_0.01_weighted", "poisson_alpha_0",
                    "gamma_alpha_0.01", "tweedie_1.5_alpha_0.01"}) {
                list.add(Arguments.of(name, b.name()));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesSklearn(String name, String backend) {
        JsonNode g = GOLD.get(name);
        Dataset data = GoldenFiles.csv("glm/diabetes.csv", -1);
        if (g.has("sample_weight")) {
            data = data.withWeights(GoldenFiles.doubles(g.get("sample_weight")));
        }
        JsonNode p = g.get("params");
        Family family = switch (g.get("estimator").asText()) {
            case "PoissonRegressor" -> new Poisson();
            case "GammaRegressor" -> new Gamma();
            case "TweedieRegressor" -> new Tweedie(p.get("power").asDouble());
            default -> throw new IllegalStateException(g.get("estimator").asText());
        };
        // scikit-learn's regressors all use the log link here (GammaRegressor's only link).
        GlmOptions opt = GlmOptions.of(family).withLink(Link.LOG).withAlpha(p.get("alpha").asDouble());
        GlmResult r = new GeneralizedLinearModel(opt, Backends.named(backend)).fit(data);
        assertThat(r.converged()).as(name + ": " + r.report()).isTrue();
        double[] coef = GoldenFiles.doubles(g.get("coef"));
        double scale = 0;
        for (double c : coef) {
            scale = Math.max(scale, Math.abs(c));
        }
        double[] got = r.coefficientArray();
        for (int j = 0; j < coef.length; j++) {
            assertThat(got[j]).as(name + " coef " + j)
                    .isCloseTo(coef[j], org.assertj.core.data.Offset.offset(REL * scale));
        }
        double b = g.get("intercept").asDouble();
        assertThat(r.intercept()).as(name + " intercept")
                .isCloseTo(b, org.assertj.core.data.Offset.offset(REL * Math.max(1, Math.abs(b))));
        if (opt.alpha() > 0) {
            assertThat(r.coefficients().get(1).stdError()).as("no inference when penalized").isNaN();
        }
    }
}
