package dev.linea.models.glm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import dev.linea.models.inference.CoefficientStats;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GLM fits against statsmodels 0.13.5 (golden/glm/statsmodels.json, made by src/test/goldens/make_glm_goldens.py
 * with IRLS at tol 1e-13), on every available backend, with Linea's default tolerance. Parameters are compared at
 * {@value #REL} relative to the largest |parameter|; everything else (standard errors, z, intervals, deviances,
 * Pearson χ², scale, log-likelihood, AIC) at {@value #REL} relative to itself, p-values with an absolute floor.
 */
class GlmStatsmodelsTest {
    static final double REL = 1e-6;
    private static final JsonNode GOLD = GoldenFiles.json("glm/statsmodels.json");

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (Iterator<String> it = GOLD.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (GOLD.get(name).isObject()) {
                    list.add(Arguments.of(name, b.name()));
                }
            }
        }
        return list.stream();
    }

    static GlmOptions options(JsonNode g) {
        Family family = switch (g.get("family").asText()) {
            case "Poisson" -> new Poisson();
            case "Gamma" -> new Gamma();
            case "Tweedie" -> new Tweedie(g.get("var_power").asDouble());
            case "Gaussian" -> new Gaussian();
            default -> throw new IllegalStateException(g.get("family").asText());
        };
        Link link = switch (g.get("link").asText().toLowerCase(java.util.Locale.ROOT)) {
            case "log" -> Link.LOG;
            case "inversepower", "inverse_power" -> Link.INVERSE;
            case "identity" -> Link.IDENTITY;
            default -> throw new IllegalStateException(g.get("link").asText());
        };
        return GlmOptions.of(family).withLink(link);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void matchesStatsmodels(String name, String backend) {
        JsonNode g = GOLD.get(name);
        Dataset data = GoldenFiles.csv("glm/" + g.get("data").asText(), -1);
        if (g.has("freq_weights")) {
            data = data.withWeights(GoldenFiles.doubles(g.get("freq_weights")));
        }
        double[] offset = g.has("exposure")
                ? GeneralizedLinearModel.logExposure(GoldenFiles.doubles(g.get("exposure"))) : null;
        GlmResult r = new GeneralizedLinearModel(options(g), Backends.named(backend)).fit(data, offset);
        assertThat(r.converged()).as(name + " converged: " + r.report()).isTrue();

        double[] params = GoldenFiles.doubles(g.get("params"));
        double scale = 0;
        for (double p : params) {
            scale = Math.max(scale, Math.abs(p));
        }
        List<CoefficientStats> c = r.coefficients();
        assertThat(c).hasSize(params.length);
        for (int j = 0; j < params.length; j++) {
            String what = name + " " + c.get(j).name();
            assertThat(c.get(j).estimate()).as(what + " param")
                    .isCloseTo(params[j], org.assertj.core.data.Offset.offset(REL * scale));
            close(what + " bse", c.get(j).stdError(), g.get("bse").get(j).asDouble(), 0);
            close(what + " z", c.get(j).t(), g.get("tvalues").get(j).asDouble(), 0);
            close(what + " p", c.get(j).pValue(), g.get("pvalues").get(j).asDouble(), 1e-14);
            close(what + " ci lower", c.get(j).lower(), g.get("conf_int").get(j).get(0).asDouble(), REL * scale);
            close(what + " ci upper", c.get(j).upper(), g.get("conf_int").get(j).get(1).asDouble(), REL * scale);
        }
        close(name + " deviance", r.deviance(), g.get("deviance").asDouble(), 0);
        close(name + " null deviance", r.nullDeviance(), g.get("null_deviance").asDouble(), 0);
        close(name + " pearson chi2", r.pearsonChi2(), g.get("pearson_chi2").asDouble(), 0);
        close(name + " scale", r.dispersion(), g.get("scale").asDouble(), 0);
        close(name + " df_resid", r.dfResid(), g.get("df_resid").asDouble(), 0);
        close(name + " df_model", r.dfModel(), g.get("df_model").asDouble(), 0);
        if (g.get("llf").isNull()) {
            assertThat(r.logLikelihood()).as(name + " llf").isNaN();
            assertThat(r.aic()).as(name + " aic").isNaN();
        } else {
            close(name + " llf", r.logLikelihood(), g.get("llf").asDouble(), 0);
            close(name + " aic", r.aic(), g.get("aic").asDouble(), 0);
        }
        assertThat(r.toMap()).containsEntry("family", r.family().name()).containsEntry("nobs", r.nobs())
                .containsKeys("coefficients", "deviance", "null_deviance", "pearson_chi2", "scale", "llf", "aic");
        assertThat(r.summary()).contains("Generalized Linear Model Regression Results", r.family().name(),
                r.link().label(), "intercept");
    }

    /** |a − b| ≤ REL·max(|a|, |b|) + abs. */
    static void close(String what, double actual, double expected, double abs) {
        double tol = REL * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
        assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
    }
}
