package dev.linea.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.scoring.ClassifierScorer;
import dev.linea.models.scoring.Scorer;
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
import static org.assertj.core.api.Assertions.within;

/**
 * Class labels of any type and the model formula from the command line, against the goldens of
 * models/src/test/goldens/make_labels_formula_goldens.py (scikit-learn, statsmodels), and the same model files
 * predicting the same values from the CLI and the Java scorers.
 */
class LabelsFormulaCliTest {
    private static final Path DIR = Path.of("../models/src/test/resources/golden/labels");
    private static final String DATA = DIR.resolve("customers.csv").toString();

    private static JsonNode golden(String name) throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("goldens.json").toFile()).get(name);
    }

    private static List<String[]> csv(String text) {
        return text.lines().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void logisticWithYesNoLabelsAndATextColumnMatchesScikitLearnAndPredictsByLabel(@TempDir Path dir)
            throws IOException {
        JsonNode g = golden("logistic_onehot_full");
        Path model = dir.resolve("logit.json");
        CliTest.Run fit = run("fit", "--model", "logistic", DATA, "--target", "bought", "--exclude", "sales,x3",
                "--json", "--save", model.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(fit.out());
        assertThat(out.get("classes").toString()).isEqualTo("[\"no\",\"yes\"]");
        assertThat(out.get("positive_class").asText()).isEqualTo("yes");
        assertThat(out.get("intercept").asDouble()).isCloseTo(g.get("intercept").asDouble(), within(1e-6));
        for (int j = 0; j < g.get("names").size(); j++) {
            String name = g.get("names").get(j).asText();
            assertThat(out.get("coefficients").get(name)).as(name).isNotNull();
            assertThat(out.get("coefficients").get(name).asDouble()).as(name)
                    .isCloseTo(g.get("coefficients").get(j).asDouble(), within(1e-6));
        }

        CliTest.Run pred = run("predict", "--model", model.toString(), DATA, "--keep", "region");
        assertThat(pred.code()).as(pred.err()).isZero();
        List<String[]> rows = csv(pred.out());
        assertThat(rows.getFirst()).containsExactly("region", "predicted_bought", "p_no", "p_yes");
        // the Java scorer on the same model file, by name: the same probabilities, bit for bit
        ClassifierScorer scorer = ClassifierScorer.of(ModelFiles.load(model));
        List<String[]> data = csv(Files.readString(Path.of(DATA)));
        List<String> header = List.of(data.getFirst());
        double[] p = new double[2];
        for (int i = 1; i <= 5; i++) {
            String[] r = rows.get(i);
            JsonNode gp = g.get("probabilities_first_rows").get(i - 1);
            assertThat(Double.parseDouble(r[3])).isCloseTo(gp.get(1).asDouble(), within(1e-6));
            Map<String, Object> named = new HashMap<>();
            for (String c : scorer.columns()) {
                named.put(c, data.get(i)[header.indexOf(c)]);
            }
            String label = scorer.predict(named, p);
            assertThat(r[0]).isEqualTo(data.get(i)[header.indexOf("region")]);
            assertThat(r[1]).isEqualTo(label);
            assertThat(Double.parseDouble(r[2])).isEqualTo(p[0]);
            assertThat(Double.parseDouble(r[3])).isEqualTo(p[1]);
        }
    }

    @Test
    void formulaOlsMatchesStatsmodelsAndTheModelFilePredictsAsTheScorer(@TempDir Path dir) throws IOException {
        JsonNode g = golden("ols_formula");
        Path model = dir.resolve("ols.json");
        CliTest.Run fit = run("fit", "--model", "ols", "--formula", g.get("formula").asText(), DATA, "--json",
                "--save", model.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(fit.out());
        assertThat(out.get("formula").asText()).isEqualTo(g.get("formula").asText());
        assertThat(out.get("encoding").get("categorical").get("region").get("coding").asText()).isEqualTo("full");
        for (int k = 0; k < g.get("names").size(); k++) {
            String name = g.get("names").get(k).asText();
            double b = g.get("coefficients").get(k).asDouble();
            double ours = name.equals("Intercept") ? out.get("intercept").asDouble()
                    : out.get("coefficients").get(name).asDouble();
            assertThat(ours).as(name).isCloseTo(b, within(1e-9 * Math.max(1, Math.abs(b))));
        }
        String saved = Files.readString(model);
        assertThat(saved).contains("\"step\" : \"encode\"", "\"coding\" : \"full\"", "\"step\" : \"formula\"");

        CliTest.Run pred = run("predict", "--model", model.toString(), DATA);
        assertThat(pred.code()).as(pred.err()).isZero();
        List<String[]> rows = csv(pred.out());
        assertThat(rows.getFirst()).containsExactly("predicted_sales");
        Scorer scorer = Scorer.of(ModelFiles.load(model));
        assertThat(scorer.columns()).containsExactly("x1", "region", "x2", "x3");
        List<String[]> data = csv(Files.readString(Path.of(DATA)));
        List<String> header = List.of(data.getFirst());
        for (int i = 1; i < data.size(); i++) {
            Map<String, Object> named = new HashMap<>();
            for (String c : scorer.columns()) {
                named.put(c, data.get(i)[header.indexOf(c)]);
            }
            assertThat(Double.parseDouble(rows.get(i)[0])).as("row %d", i).isEqualTo(scorer.score(named));
        }
    }

    @Test
    void softmaxWithTextLabelsNamesItsProbabilityColumnsAfterTheClasses(@TempDir Path dir) {
        Path model = dir.resolve("softmax.json");
        CliTest.Run fit = run("fit", "--model", "softmax", DATA, "--target", "region", "--exclude", "bought,sales",
                "--save", model.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("class east", "class west");
        CliTest.Run pred = run("predict", "--model", model.toString(), DATA, "--json");
        assertThat(pred.code()).as(pred.err()).isZero();
        assertThat(pred.out()).contains("\"predicted_region\" : \"", "\"p_east\" : ", "\"p_north\" : ",
                "\"p_south\" : ", "\"p_west\" : ");
    }

    @Test
    void aHeldOutFileIsLabelledByTheTrainingClasses(@TempDir Path dir) throws IOException {
        CliTest.Run same = run("fit", "--model", "logistic", DATA, "--target", "bought", "--exclude", "sales,x3",
                "--test", DATA, "--json");
        assertThat(same.code()).as(same.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(same.out());
        assertThat(out.get("held_out_metrics").get("accuracy").asDouble())
                .isEqualTo(out.get("training_metrics").get("accuracy").asDouble());
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "region,x1,x2,x3,sales,bought\neast,1,0.5,0,3,yes\nwest,2,0.1,1,4,maybe\n");
        CliTest.Run bad = run("fit", "--model", "logistic", DATA, "--target", "bought", "--exclude", "sales,x3",
                "--test", other.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("line 3", "class 'maybe' was not seen in training", "expected one of [no, yes]");
    }

    @Test
    void badFormulasAndLabelsAreClearErrors() {
        CliTest.Run caret = run("fit", "--model", "ols", "--formula", "sales ~ x1 + (x2 + x3):x1", DATA);
        assertThat(caret.code()).isEqualTo(2);
        assertThat(caret.err()).contains("parentheses group terms only inside I(…)", "^");
        CliTest.Run missing = run("fit", "--model", "ols", "--formula", "sales ~ x1 + zone", DATA);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("the formula reads column 'zone', which is not in the data");
        CliTest.Run three = run("fit", "--model", "logistic", DATA, "--target", "region", "--exclude", "bought");
        assertThat(three.code()).isEqualTo(2);
        assertThat(three.err()).contains("has 4 classes", "use --model softmax");
        CliTest.Run positive = run("fit", "--model", "logistic", DATA, "--target", "bought", "--exclude", "sales,x3",
                "--positive", "maybe");
        assertThat(positive.code()).isEqualTo(2);
        assertThat(positive.err()).contains("positive class 'maybe' is not a class of bought");
    }
}
