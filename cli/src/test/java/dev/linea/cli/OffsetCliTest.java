package dev.linea.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * {@code fit --model poisson --offset logexp} → save → predict against statsmodels' GLM(Poisson, offset=log
 * exposure) (golden/offset, made by models/src/test/goldens/make_offset_cli_goldens.py): coefficients, the training
 * metrics of the fitted means, and the predictions of new rows, with --poly 2 and --standardize too.
 */
class OffsetCliTest {
    private static final Path DIR = Path.of("src/test/resources/golden/offset");
    private static final String TRAIN = DIR.resolve("train.csv").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode golden(String which) throws IOException {
        return JSON.readTree(DIR.resolve("statsmodels.json").toFile()).get(which);
    }

    private static JsonNode fitJson(String... extra) throws IOException {
        String[] args = new String[7 + extra.length];
        String[] base = {"fit", TRAIN, "--target", "y", "--model", "poisson", "--json"};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliTest.Run r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static void assertMatches(JsonNode fit, JsonNode g) {
        assertThat(fit.get("intercept").asDouble()).isCloseTo(g.get("intercept").asDouble(), offset(1e-7));
        List<String> names = JSON.convertValue(g.get("features"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(fit.get("coefficients").size()).isEqualTo(names.size());
        for (int j = 0; j < names.size(); j++) {
            assertThat(fit.get("coefficients").get(names.get(j)).asDouble()).as(names.get(j))
                    .isCloseTo(g.get("coefficients").get(j).asDouble(), offset(1e-7));
        }
        JsonNode m = fit.get("training_metrics");
        assertThat(m.get("r_squared").asDouble()).isCloseTo(g.get("r_squared").asDouble(), offset(1e-9));
        assertThat(m.get("mse").asDouble()).isCloseTo(g.get("mse").asDouble(), offset(1e-7));
        assertThat(m.get("mae").asDouble()).isCloseTo(g.get("mae").asDouble(), offset(1e-8));
        assertThat(fit.get("deviance").asDouble()).isCloseTo(g.get("deviance").asDouble(), offset(1e-7));
    }

    @Test
    @DisplayName("C20 --offset: training metrics from the design without the offset column, offset applied")
    void offsetMetricsMatchStatsmodels() throws IOException {
        JsonNode fit = fitJson("--offset", "logexp");
        assertMatches(fit, golden("linear"));
        assertThat(fit.get("coefficients").has("logexp")).isFalse();
        assertThat(fit.get("offset").asText()).isEqualTo("logexp");
        // The text output prints the same R² (statsmodels' 0.924344).
        CliTest.Run text = run("fit", TRAIN, "--target", "y", "--model", "poisson", "--offset", "logexp");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains(String.format(java.util.Locale.ROOT, "R² %.6g",
                golden("linear").get("r_squared").asDouble()), "offset: logexp");
    }

    @Test
    @DisplayName("C21 --offset with --poly 2: the offset is not expanded into features")
    void polyDoesNotExpandTheOffset() throws IOException {
        JsonNode fit = fitJson("--offset", "logexp", "--poly", "2");
        assertMatches(fit, golden("poly2"));
        fit.get("coefficients").fieldNames().forEachRemaining(n -> assertThat(n).doesNotContain("logexp"));
    }

    @Test
    @DisplayName("C22 --offset with --standardize (and --poly): the same fit on the original scale")
    void standardizeWorksWithAnOffset() throws IOException {
        assertMatches(fitJson("--offset", "logexp", "--standardize"), golden("linear"));
        assertMatches(fitJson("--offset", "logexp", "--standardize", "--poly", "2"), golden("poly2"));
    }

    @Test
    @DisplayName("C23 the model file records the offset; predict requires and applies it (text and JSON)")
    void saveThenPredictAppliesTheOffset(@TempDir Path dir) throws IOException {
        for (String variant : List.of("linear", "poly2")) {
            Path model = dir.resolve(variant + ".json");
            CliTest.Run fit = variant.equals("linear")
                    ? run("fit", TRAIN, "--target", "y", "--model", "poisson", "--offset", "logexp", "--save",
                    model.toString())
                    : run("fit", TRAIN, "--target", "y", "--model", "poisson", "--offset", "logexp", "--poly", "2",
                    "--standardize", "--save", model.toString());
            assertThat(fit.code()).as(fit.err()).isZero();
            assertThat(Files.readString(model)).contains("\"offset\" : \"logexp\"", "\"version\" : " + dev.linea.models.io.ModelFiles.VERSION);
            JsonNode expected = golden(variant).get("predictions");
            CliTest.Run csv = run("predict", "--model", model.toString(), DIR.resolve("score.csv").toString());
            assertThat(csv.code()).as(csv.err()).isZero();
            String[] lines = csv.out().split("\n");
            assertThat(lines[0]).isEqualTo("predicted_y");
            assertThat(lines).hasSize(expected.size() + 1);
            CliTest.Run json = run("predict", "--model", model.toString(), DIR.resolve("score.csv").toString(),
                    "--json");
            assertThat(json.code()).as(json.err()).isZero();
            JsonNode p = JSON.readTree(json.out());
            for (int i = 0; i < expected.size(); i++) {
                double want = expected.get(i).asDouble();
                assertThat(Double.parseDouble(lines[i + 1])).isCloseTo(want, offset(1e-7 * Math.max(1, want)));
                assertThat(p.get(i).asDouble()).isCloseTo(want, offset(1e-7 * Math.max(1, want)));
            }
        }
    }

    @Test
    @DisplayName("C24 predict without the model's offset column: exit 2 naming it")
    void predictNeedsTheOffsetColumn(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.json");
        assertThat(run("fit", TRAIN, "--target", "y", "--model", "poisson", "--offset", "logexp", "--save",
                model.toString()).code()).isZero();
        Path csv = dir.resolve("no-offset.csv");
        Files.writeString(csv, "x1,x2\n0.1,0.2\n1,1\n");
        CliTest.Run r = run("predict", "--model", model.toString(), csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no column 'logexp'", "--offset logexp");
    }
}
