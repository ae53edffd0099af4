package dev.linea.models.logistic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Wald inference and odds ratios against statsmodels 0.13.5's Logit on four standardized breast-cancer columns
 * (golden/logistic/logit_inference.json, made by src/test/goldens/make_logit_inference_goldens.py): 1e-6 relative.
 */
class LogisticInferenceTest {
    private static final JsonNode GOLD = GoldenFiles.json("logistic/logit_inference.json");

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void matchesStatsmodelsLogit(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = GoldenFiles.csv("logistic/breast_cancer_std.csv", GOLD.get("columns").asInt());
        LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.NONE).withSolver(LogisticSolver.NEWTON)
                .withTol(1e-14);
        LogisticModel model = new LogisticRegression(o, b).fit(d).model();
        LogisticInference inf = LogisticInference.of(d, model, o, b, 0.05);
        double[] params = GoldenFiles.doubles(GOLD.get("params"));
        double[] bse = GoldenFiles.doubles(GOLD.get("bse"));
        double[] p = GoldenFiles.doubles(GOLD.get("pvalues"));
        double[] or = GoldenFiles.doubles(GOLD.get("odds_ratios"));
        for (int j = 0; j < params.length; j++) {
            assertThat(inf.params()[j]).as("param %d", j).isCloseTo(params[j], offset(1e-6 * Math.abs(params[j])));
            assertThat(inf.standardErrors()[j]).as("se %d", j).isCloseTo(bse[j], offset(1e-6 * bse[j]));
            assertThat(inf.pValue(j)).as("p %d", j).isCloseTo(p[j], offset(1e-6 * p[j] + 1e-14));
            assertThat(inf.oddsRatio(j)).as("OR %d", j).isCloseTo(or[j], offset(1e-6 * or[j]));
            JsonNode ci = GOLD.get("odds_ratio_conf_int").get(j);
            assertThat(inf.oddsRatioLower(j)).isCloseTo(ci.get(0).asDouble(), offset(1e-6 * ci.get(0).asDouble()));
            assertThat(inf.oddsRatioUpper(j)).isCloseTo(ci.get(1).asDouble(), offset(1e-6 * ci.get(1).asDouble()));
        }
        assertThat(inf.logLikelihood()).isCloseTo(GOLD.get("llf").asDouble(), offset(1e-9 * 105));
        assertThat(inf.nullLogLikelihood()).isCloseTo(GOLD.get("llnull").asDouble(), offset(1e-9 * 400));
        assertThat(inf.aic()).isCloseTo(GOLD.get("aic").asDouble(), offset(1e-8 * 220));
        assertThat(inf.pseudoRSquared()).isCloseTo(GOLD.get("prsquared").asDouble(), offset(1e-9));
        assertThat(inf.summary()).contains("odds ratio", "maximum-likelihood covariance");
    }
}
