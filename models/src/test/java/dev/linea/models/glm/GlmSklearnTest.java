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
 * Penalized GLMs against scikit-learn 1.2.1's PoissonRegressor, GammaRegressor and TweedieRegressor
 * (golden/glm/sklearn.json) on the scaled diabetes data, on every available backend. The reference is the optimum
 * of scikit-learn's objective as its newton-cholesky solver finds it (tol 1e-14): coefficients and intercept at
 * {@value #REL} relative to the largest |coefficient| (the intercept to max(1, |b|)). The coefficients that the
 * default lbfgs solver reports at tol 1e-10 are only within {@value #LBFGS} of that optimum (scipy's L-BFGS-B also
 * stops on a 2.2e-9 relative decrease of the objective), and are checked at that tolerance.
 */
class GlmSklearnTest {
    static final double REL = 1e-6;
    static final double LBFGS = 2e-5;
    private static final JsonNode GOLD = GoldenFiles.json("glm/sklearn.json");

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (String name : new String[] {"poisson_alpha_0.01", "poisson_alpha_0.01_weighted", "poisson_alpha_0",
                    "gamma_alpha_0.01", "tweedie_1.5_alpha_0.01", "poisson_alpha_0.01_noint"}) {
                list.add(Arguments.of(name, b.name()));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesSklearn(String name, String backend) {
        JsonNode g = GOLD.get(name);
        Dataset d = GoldenFiles.csv("glm/diabetes.csv", -1);
        Dataset data = Dataset.of(d.rows(), d.cols(), d.copyX(), GoldenFiles.doubles(g.get("y")),
                g.has("sample_weight") ? GoldenFiles.doubles(g.get("sample_weight")) : null, d.featureNames(), "Y");
        JsonNode p = g.get("params");
        Family family = switch (g.get("estimator").asText()) {
            case "PoissonRegressor" -> new Poisson();
            case "GammaRegressor" -> new Gamma();
            case "TweedieRegressor" -> new Tweedie(p.get("power").asDouble());
            default -> throw new IllegalStateException(g.get("estimator").asText());
        };
        // scikit-learn's regressors all use the log link here (GammaRegressor's only link).
        GlmOptions opt = GlmOptions.of(family).withLink(Link.LOG).withAlpha(p.get("alpha").asDouble())
                .withIntercept(p.get("fit_intercept").asBoolean());
        GlmResult r = new GeneralizedLinearModel(opt, Backends.named(backend)).fit(data);
        assertThat(r.converged()).as(name + ": " + r.report()).isTrue();
        close(name + " (optimum)", r, GoldenFiles.doubles(g.get("coef_exact")), g.get("intercept_exact").asDouble(),
                REL);
        close(name + " (lbfgs)", r, GoldenFiles.doubles(g.get("coef")), g.get("intercept").asDouble(), LBFGS);
        if (opt.alpha() > 0) {
            assertThat(r.coefficients().get(1).stdError()).as("no inference when penalized").isNaN();
        }
    }

    static void close(String what, GlmResult r, double[] coef, double b, double rel) {
        double scale = 0;
        for (double c : coef) {
            scale = Math.max(scale, Math.abs(c));
        }
        double[] got = r.coefficientArray();
        for (int j = 0; j < coef.length; j++) {
            assertThat(got[j]).as(what + " coef " + j)
                    .isCloseTo(coef[j], org.assertj.core.data.Offset.offset(rel * scale));
        }
        assertThat(r.intercept()).as(what + " intercept")
                .isCloseTo(b, org.assertj.core.data.Offset.offset(rel * Math.max(1, Math.abs(b))));
    }
}
