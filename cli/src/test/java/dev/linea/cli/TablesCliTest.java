package dev.linea.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Typed columns from the command line, end to end (fit → save → predict), on the statsmodels goldens of the models
 * module (golden/tables, made by models/src/test/goldens/make_tables_goldens.py): a text column one-hot encoded, a
 * yes/no column, missing cells under each policy with their counts, a named reference, full coding for penalized
 * models, unseen levels at predict time, and the CLI's predictions equal to the Java {@link Scorer}'s.
 */
class TablesCliTest {
    private static final Path DIR = Path.of("../models/src/test/resources/golden/tables");
    private static final String NA = DIR.resolve("shops_na.csv").toString();
    private static final String NEW = DIR.resolve("shops_new.csv").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode golden(String name) throws IOException {
        return JSON.readTree(DIR.resolve("goldens.json").toFile()).get("cases").get(name);
    }

    private static JsonNode json(CliTest.Run r) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static void assertCoefficients(JsonNode fit, JsonNode g) {
        List<String> names = JSON.convertValue(g.get("names"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(fit.get("intercept").asDouble()).isCloseTo(g.get("params").get(0).asDouble(), offset(1e-8));
        assertThat(fit.get("coefficients").size()).isEqualTo(names.size() - 1);
        for (int j = 1; j < names.size(); j++) {
            assertThat(fit.get("coefficients").get(names.get(j))).as(names.get(j)).isNotNull();
            assertThat(fit.get("coefficients").get(names.get(j)).asDouble()).as(names.get(j))
                    .isCloseTo(g.get("params").get(j).asDouble(), offset(1e-8));
        }
        assertThat(fit.get("rows").asInt()).isEqualTo(g.get("rows").asInt());
    }

    @Test
    @DisplayName("C80 --missing median,mode --reference: statsmodels' fit, the counts, then predict and the Scorer agree")
    void medianModeFitSavePredict() throws IOException {
        Path model = dir.resolve("m.json");
        JsonNode fit = json(run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "median,mode",
                "--reference", "region=south", "--json", "--save", model.toString()));
        JsonNode g = golden("median_mode");
        assertCoefficients(fit, g);
        JsonNode missing = fit.get("encoding").get("missing");
        assertThat(missing.get("rows_read").asInt()).isEqualTo(150);
        assertThat(missing.get("rows_dropped").asInt()).isZero();
        for (String c : List.of("region", "size", "member")) {
            assertThat(missing.get("columns").get(c).get("cells").asInt()).as(c)
                    .isEqualTo(g.get("missing_cells").get(c).asInt());
        }
        assertThat(missing.get("columns").get("region").get("action").asText()).contains("mode 'east'");
        JsonNode region = fit.get("encoding").get("categorical").get("region");
        assertThat(region.get("reference").asText()).isEqualTo("south");
        assertThat(fit.get("encoding").get("boolean").get(0).asText()).isEqualTo("member");

        CliTest.Run p = run("predict", "--model", model.toString(), NEW, "--keep", "id");
        assertThat(p.code()).as(p.err()).isZero();
        String[] lines = p.out().split("\n");
        assertThat(lines[0]).isEqualTo("id,predicted_sales");
        double[] expected = new double[g.get("predictions").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = g.get("predictions").get(i).asDouble();
        }
        assertThat(lines).hasSize(expected.length + 1);
        Scorer scorer = Scorer.of(ModelFiles.load(model));
        List<String> raw = Files.readAllLines(Path.of(NEW));
        String[] head = raw.get(0).split(",", -1);
        for (int i = 0; i < expected.length; i++) {
            String[] cells = lines[i + 1].split(",");
            assertThat(cells[0]).isEqualTo(String.format("s%03d", i));
            double cli = Double.parseDouble(cells[1]);
            assertThat(cli).as("row " + i).isCloseTo(expected[i], offset(1e-8));
            Map<String, String> row = new HashMap<>();
            String[] v = raw.get(i + 1).split(",", -1);
            for (int j = 0; j < head.length; j++) {
                row.put(head[j], v[j]);
            }
            assertThat(scorer.score(row)).as("Scorer, row " + i).isEqualTo(cli);
        }
    }

    @Test
    @DisplayName("C81 --missing drop: statsmodels' complete-case fit, 13 rows dropped and counted")
    void dropPolicy() throws IOException {
        JsonNode fit = json(run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "drop", "--json"));
        assertCoefficients(fit, golden("drop"));
        assertThat(fit.get("encoding").get("missing").get("rows_dropped").asInt()).isEqualTo(13);
        CliTest.Run text = run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "drop");
        assertThat(text.out()).contains("137 rows", "policy drop: 13 of 150 rows dropped",
                "categorical region: 4 levels [east, north, south, west], treatment coding, reference 'east'");
    }

    @Test
    @DisplayName("C82 missing cells are an error by default, naming the line and column; a bad policy names itself")
    void missingIsAnErrorByDefault() {
        CliTest.Run r = run("fit", NA, "-t", "sales", "--exclude", "id");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 5", "column 'region'", "--missing");
        CliTest.Run bad = run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "average");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'average' is not a policy", "median");
        CliTest.Run ref = run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "drop", "--reference",
                "region=central");
        assertThat(ref.code()).isEqualTo(2);
        assertThat(ref.err()).contains("'central' is not a level of 'region'", "[east, north, south, west]");
    }

    @Test
    @DisplayName("C83 an unseen level at predict time: an error naming line, column and level, or --unseen zero")
    void unseenLevels() throws IOException {
        Path model = dir.resolve("m.json");
        json(run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "median,mode", "--json", "--save",
                model.toString()));
        Path fresh = Files.writeString(dir.resolve("new.csv"), "region,size,age,member\n"
                + "east,50,10,yes\ncentral,50,10,yes\n");
        CliTest.Run r = run("predict", "--model", model.toString(), fresh.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 3", "column 'region'", "level 'central' was not seen in training",
                "--unseen zero");
        CliTest.Run zero = run("predict", "--model", model.toString(), fresh.toString(), "--unseen", "zero");
        assertThat(zero.code()).as(zero.err()).isZero();
        String[] lines = zero.out().split("\n");
        // all dummies 0: the reference level's prediction (east is the reference here)
        assertThat(lines[2]).isEqualTo(lines[1]);
        CliTest.Run bad = run("predict", "--model", model.toString(), fresh.toString(), "--unseen", "skip");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'skip'", "[error, zero]");
        Path plain = Files.writeString(dir.resolve("plain.csv"), "x,y\n1,2\n2,3.9\n3,6.1\n");
        Path plainModel = dir.resolve("plain.json");
        json(run("fit", plain.toString(), "-t", "y", "--json", "--save", plainModel.toString()));
        CliTest.Run none = run("predict", "--model", plainModel.toString(), plain.toString(), "--unseen", "zero");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("has no categorical column");
    }

    @Test
    @DisplayName("C84 full coding for penalized models; --categorical on numbers, --numeric on text")
    void codingAndOverrides() throws IOException {
        JsonNode ridge = json(run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "drop", "--model",
                "ridge", "--alpha", "1", "--json"));
        assertThat(ridge.get("coefficients").has("region[east]")).isTrue();
        assertThat(ridge.get("coefficients").has("region[west]")).isTrue();
        assertThat(ridge.get("encoding").get("categorical").get("region").get("coding").asText()).isEqualTo("full");
        Path months = Files.writeString(dir.resolve("months.csv"), "month,x,y\n5,1,2\n6,2,3.5\n7,3,4.1\n5,4,6\n"
                + "6,5,6.2\n7,6,8.3\n");
        JsonNode m = json(run("fit", months.toString(), "-t", "y", "--categorical", "month", "--json"));
        assertThat(m.get("coefficients").has("month[T.6]")).isTrue();
        assertThat(m.get("coefficients").has("month[T.7]")).isTrue();
        CliTest.Run num = run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "drop", "--numeric",
                "region");
        assertThat(num.code()).isEqualTo(2);
        assertThat(num.err()).contains("line 2", "column 'region'", "'west' is not a number");
    }

    @Test
    @DisplayName("C85 cv and fit --test replay the training encoding on held-out rows")
    void heldOutRowsAreEncodedAsTraining() throws IOException {
        CliTest.Run cv = run("cv", NA, "-t", "sales", "--exclude", "id", "--missing", "median,mode", "--model",
                "ols", "--folds", "5");
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("mean ± sd");
        JsonNode fit = json(run("fit", NA, "-t", "sales", "--exclude", "id", "--missing", "median,mode", "--test",
                NA, "--json"));
        // the held-out file is the training file: its missing cells take the training fills, the metrics agree
        assertThat(fit.get("held_out_metrics").get("mse").asDouble())
                .isCloseTo(fit.get("training_metrics").get("mse").asDouble(), offset(1e-12));
        CliTest.Run lasso = run("cv", NA, "-t", "sales", "--exclude", "id", "--missing", "drop", "--folds", "3",
                "--json");
        assertThat(lasso.code()).as(lasso.err()).isZero();
        assertThat(lasso.out()).contains("region[east]");
    }

    /** R 4.2's lm on airquality, complete cases: ozone ~ solar_r + wind + temp + relevel(factor(month), "May") + weekend. */
    private static final Map<String, Double> R_DROP = Map.of("solar_r", 0.050454317253501482,
            "wind", -3.070254813493478174, "temp", 1.880550105566201280, "month[T.August]", -4.361347307914327232,
            "month[T.July]", -8.985283663360995376, "month[T.June]", -15.704287932525154758,
            "month[T.September]", -16.544682334641038324, "weekend", 3.093441118643604160);

    @Test
    @DisplayName("C86 airquality (embedded, mixed types, NA cells) --missing drop: R's lm on the complete cases")
    void airqualityMatchesR() throws IOException {
        JsonNode fit = json(run("fit", "airquality", "--exclude", "day", "--reference", "month=May", "--missing",
                "drop", "--json"));
        assertThat(fit.get("rows").asInt()).isEqualTo(111); // R: 42 observations deleted due to missingness
        assertThat(fit.get("intercept").asDouble()).isCloseTo(-75.232864205319316397, offset(1e-9));
        assertThat(fit.get("coefficients").size()).isEqualTo(R_DROP.size());
        R_DROP.forEach((k, v) -> assertThat(fit.get("coefficients").get(k).asDouble()).as(k)
                .isCloseTo(v, offset(1e-10 * Math.max(1, Math.abs(v)))));
        assertThat(fit.get("encoding").get("missing").get("rows_dropped").asInt()).isEqualTo(42);
    }

    @Test
    @DisplayName("C87 the demo's mixed-type fit (median fill, rows without a target dropped) and its scored days: R")
    @SuppressWarnings("unchecked")
    void demoMatchesR() {
        Map<String, Object> r = MixedTypeDemo.run(dir);
        assertThat(r.get("rows")).isEqualTo(116); // 37 rows without ozone dropped
        // R: the rows with ozone, solar_r's NA set to their median 207, lm with month relevelled to May
        Map<String, double[]> expected = new HashMap<>();
        expected.put("solar_r", new double[] {0.049570532267608512, 0.024213227055655991});
        expected.put("wind", new double[] {-2.821327054125566391, 0.661635819115989787});
        expected.put("temp", new double[] {1.857356940641740284, 0.346184316415495130});
        expected.put("month[T.August]", new double[] {-3.717910737074288985, 8.031488858546913079});
        expected.put("month[T.July]", new double[] {-6.494777716018651503, 7.813970987043686200});
        expected.put("month[T.June]", new double[] {-14.300090321449962616, 9.256406020858102934});
        expected.put("month[T.September]", new double[] {-14.652628844080210158, 6.668490731982770647});
        expected.put("weekend", new double[] {3.189120813313365499, 4.436894887658588971});
        Map<String, Object> coefs = (Map<String, Object>) r.get("coefficients_and_standard_errors");
        expected.forEach((k, v) -> {
            List<Double> c = (List<Double>) coefs.get(k);
            assertThat(c).as(k).isNotNull();
            assertThat(c.get(0)).as(k).isCloseTo(v[0], offset(1e-10 * Math.max(1, Math.abs(v[0]))));
            assertThat(c.get(1)).as(k + " SE").isCloseTo(v[1], offset(1e-10 * v[1]));
        });
        List<Map<String, Object>> days = (List<Map<String, Object>>) r.get("new_days");
        double[] predicted = {44.3780187238797694, 85.1008490270695575, 5.8517447471521127};
        for (int i = 0; i < predicted.length; i++) {
            assertThat((Double) days.get(i).get("predicted_ozone")).isCloseTo(predicted[i], offset(1e-9));
        }
        assertThat(Files.exists(dir.resolve("airquality-ols.json"))).isTrue();
    }
}
