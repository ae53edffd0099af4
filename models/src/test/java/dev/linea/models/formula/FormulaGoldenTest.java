package dev.linea.models.formula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.models.ClassLabels;
import dev.linea.models.Dataset;
import dev.linea.models.LinearPredictor;
import dev.linea.models.inference.CoefficientStats;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.scoring.ClassifierScorer;
import dev.linea.models.Table;
import dev.linea.models.preprocessing.EncodingSpec;
import dev.linea.models.preprocessing.MissingPolicy;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The formula and class labels against statsmodels' formula API and scikit-learn (goldens made by
 * models/src/test/goldens/make_labels_formula_goldens.py on golden/labels/customers.csv).
 */
class FormulaGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/labels");

    /** The golden table, typed as the CLI reads it; the target a classifier's labels (text) when asked. */
    static Table table(String target, boolean labels) {
        EncodingSpec.Builder types = EncodingSpec.builder();
        if (labels) {
            types.categorical(target);
        }
        return CsvDatasets.readTable(DIR.resolve("customers.csv"), CsvDatasets.Spec.target(target), types.build());
    }

    static JsonNode golden(String name) throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("goldens.json").toFile()).get(name);
    }

    @Test
    void olsWithCategoricalAndInteractionsMatchesStatsmodelsFormulaApi() throws IOException {
        JsonNode g = golden("ols_formula");
        Formula f = Formula.parse(g.get("formula").asText());
        DesignPlan.Fitted fitted = DesignPlan.fit(f, table("sales", false), null, MissingPolicy.error());
        DesignPlan plan = fitted.plan();
        Dataset d = fitted.data();
        OlsResult r = new LinearRegression().fit(d);
        Map<String, CoefficientStats> byName = new HashMap<>();
        for (CoefficientStats c : r.inference().coefficients()) {
            byName.put(c.name(), c);
        }
        // statsmodels' names: "Intercept" and the patsy term names; ours: the intercept first, then the same names
        assertThat(plan.names()).containsExactlyInAnyOrderElementsOf(
                toList(g.get("names")).subList(1, g.get("names").size()));
        List<CoefficientStats> all = r.inference().coefficients();
        for (int k = 0; k < g.get("names").size(); k++) {
            String name = g.get("names").get(k).asText();
            CoefficientStats c = name.equals("Intercept") ? all.getFirst() : byName.get(name);
            assertThat(c).as(name).isNotNull();
            double b = g.get("coefficients").get(k).asDouble();
            double se = g.get("standard_errors").get(k).asDouble();
            assertThat(c.estimate()).as(name).isCloseTo(b, within(1e-10 * Math.max(1, Math.abs(b))));
            assertThat(c.stdError()).as(name).isCloseTo(se, within(1e-10 * se));
        }
        assertThat(r.inference().rSquared()).isCloseTo(g.get("r_squared").asDouble(), within(1e-12));
    }

    @Test
    void fullCodingWithoutAnInterceptAndAPowerMatchStatsmodels() throws IOException {
        JsonNode g = golden("ols_formula_no_intercept");
        Formula f = Formula.parse(g.get("formula").asText());
        DesignPlan.Fitted fitted = DesignPlan.fit(f, table("sales", false), null, MissingPolicy.error());
        assertThat(f.intercept()).isFalse();
        OlsResult r = new LinearRegression(dev.linea.models.ols.OlsOptions.defaults().withIntercept(false))
                .fit(fitted.data());
        // statsmodels writes the power as I(x1 ** 2), ours I(x1 ^ 2); everything else by the same name
        List<String> names = new java.util.ArrayList<>();
        g.get("names").forEach(n -> names.add(n.asText().replace(" ** ", " ^ ")));
        assertThat(fitted.plan().names()).containsExactlyElementsOf(names);
        for (int k = 0; k < names.size(); k++) {
            CoefficientStats c = r.inference().coefficients().get(k);
            double b = g.get("coefficients").get(k).asDouble();
            double se = g.get("standard_errors").get(k).asDouble();
            assertThat(c.name()).isEqualTo(names.get(k));
            assertThat(c.estimate()).as(names.get(k)).isCloseTo(b, within(1e-10 * Math.max(1, Math.abs(b))));
            assertThat(c.stdError()).as(names.get(k)).isCloseTo(se, within(1e-9 * se));
        }
    }

    @Test
    void logisticWithStringLabelsAndACategoricalMatchesScikitLearnAndRoundTrips(@org.junit.jupiter.api.io.TempDir
                                                                               Path dir) throws IOException {
        JsonNode g = golden("logistic_labels");
        ClassLabels.Labelled t = ClassLabels.labelTarget(table("bought", true), "bought", true, null);
        ClassLabels labels = t.labels();
        assertThat(labels.labels()).isEqualTo(toList(g.get("classes")));
        assertThat(labels.positive()).isEqualTo("yes");
        Formula f = Formula.parse(g.get("formula").asText());
        DesignPlan.Fitted fitted = DesignPlan.fit(f, t.table(), null, MissingPolicy.error());
        DesignPlan plan = fitted.plan();
        assertThat(plan.names()).isEqualTo(toList(g.get("names")));
        Dataset d = fitted.data();
        LogisticResult r = new LogisticRegression(LogisticOptions.defaults().withC(g.get("C").asDouble())
                .withTol(1e-12)).fit(d);
        double b0 = g.get("intercept").asDouble();
        assertThat(r.model().intercept()).isCloseTo(b0, within(1e-8 * Math.abs(b0)));
        for (int j = 0; j < plan.names().size(); j++) {
            double b = g.get("coefficients").get(j).asDouble();
            assertThat(r.model().coefficients()[j]).as(plan.names().get(j)).isCloseTo(b, within(1e-8));
        }
        // saved with its encode and formula steps and labels, loaded, scored by label from named raw values
        Path file = dir.resolve("logit.json");
        ModelFiles.save(r.predictor(), fitted.preprocessing(), labels, "bought", d.rows(), file);
        ModelFiles.Loaded loaded = ModelFiles.load(file);
        assertThat(loaded.version()).isEqualTo(6);
        assertThat(loaded.classLabels()).isEqualTo(labels);
        assertThat(loaded.preprocessing()).isEqualTo(fitted.preprocessing());
        assertThat(loaded.inputs()).containsExactly("region", "x1", "x2");
        ClassifierScorer scorer = ClassifierScorer.of(loaded);
        Table raw = table("bought", true);
        double[] p = new double[2];
        double[] q = new double[2];
        for (int i = 0; i < 5; i++) {
            Map<String, Object> row = new HashMap<>();
            for (String c : List.of("region", "x1", "x2")) {
                row.put(c, raw.value(i, raw.indexOf(c)));
            }
            String label = scorer.predict(row, p);
            // the dense path: the encoded row (region as its indicator columns), the same probabilities
            double[] dense = new double[scorer.inputs().size()];
            loaded.preprocessing().encoding().orElseThrow().encode(row, dense, 0,
                    dev.linea.models.preprocessing.Encoding.Unseen.ERROR);
            assertThat(scorer.predict(dense, q)).isEqualTo(label);
            assertThat(q).containsExactly(p);
            JsonNode gp = g.get("probabilities_first_rows").get(i);
            assertThat(p[0]).isCloseTo(gp.get(0).asDouble(), within(1e-8));
            assertThat(p[1]).isCloseTo(gp.get(1).asDouble(), within(1e-8));
            assertThat(label).isEqualTo(p[1] > 0.5 ? "yes" : "no");
            // the plain scorer gives the positive class's probability, bit for bit the same
            assertThat(Scorer.of(loaded).score(dense)).isEqualTo(p[1]);
        }
        assertThat(r.predictor()).isInstanceOf(LinearPredictor.class);
    }

    private static List<String> toList(JsonNode a) {
        List<String> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
