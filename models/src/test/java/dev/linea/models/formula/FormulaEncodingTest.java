package dev.linea.models.formula;

import dev.linea.models.ClassLabels;
import dev.linea.models.LinearModel;
import dev.linea.models.LinearPredictor;
import dev.linea.models.Table;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.preprocessing.Encoding;
import dev.linea.models.preprocessing.MissingPolicy;
import dev.linea.models.preprocessing.Preprocessing;
import dev.linea.models.scoring.Scorer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The formula on typed columns: it reads the encoding's dense output (categorical columns fully coded, missing
 * cells filled by the policy), keeps the indicators it needs, and is replayed from a model file by the scorer.
 */
class FormulaEncodingTest {

    /** 8 rows: y = 1 + 2x + (north: 3, south: −1), x with one missing cell, region with one missing cell. */
    private static Table table() {
        String[] region = {"east", "north", "south", "east", null, "north", "south", "east"};
        double[] x = {0, 1, 2, 3, 4, Double.NaN, 6, 7};
        double[] y = new double[8];
        double xMean = (0 + 1 + 2 + 3 + 4 + 6 + 7) / 7.0;
        for (int i = 0; i < 8; i++) {
            double xi = Double.isNaN(x[i]) ? xMean : x[i];
            double effect = region[i] == null ? 0.5 : switch (region[i]) {
                case "north" -> 3;
                case "south" -> -1;
                default -> 0;
            };
            y[i] = 1 + 2 * xi + effect + (i % 2 == 0 ? 0.01 : -0.01);
        }
        return Table.builder("t").categorical("region", region).numeric("x", x).numeric("y", y).build();
    }

    @Test
    void missingCellsAreFilledByThePolicyAndTheFormulaKeepsTheTreatmentIndicators(@org.junit.jupiter.api.io.TempDir
                                                                                   Path dir) {
        DesignPlan.Fitted f = DesignPlan.fit(Formula.parse("y ~ x + C(region)"), table(), null,
                MissingPolicy.parse("mean,level"));
        // the encoding codes region fully, with the 'missing' level last; the formula drops the reference 'east'
        Encoding enc = f.preprocessing().encoding().orElseThrow();
        assertThat(enc.features()).containsExactly("x", "region[east]", "region[north]", "region[south]",
                "region[missing]");
        assertThat(f.plan().names()).containsExactly("x", "C(region)[T.north]", "C(region)[T.south]",
                "C(region)[T.missing]");
        assertThat(f.missing().cells()).isEqualTo(2);
        assertThat(f.data().rows()).isEqualTo(8);
        OlsResult r = new LinearRegression().fit(f.data());
        LinearModel m = r.model();
        assertThat(m.intercept()).isCloseTo(1, within(0.05));
        assertThat(m.coefficients()[0]).isCloseTo(2, within(0.01));
        assertThat(m.coefficients()[1]).isCloseTo(3, within(0.05));

        // saved and loaded: the same preprocessing; the scorer replays encoding + formula from named values
        Path file = dir.resolve("m.json");
        ModelFiles.save(r.predictor(), f.preprocessing(), "y", 8, file);
        ModelFiles.Loaded loaded = ModelFiles.load(file);
        assertThat(loaded.preprocessing()).isEqualTo(f.preprocessing());
        Scorer s = Scorer.of(loaded);
        assertThat(s.columns()).containsExactly("x", "region");
        double[] beta = m.coefficients();
        assertThat(s.score(Map.of("x", 2.0, "region", "north")))
                .isCloseTo(m.intercept() + 2 * beta[0] + beta[1], within(1e-12));
        Map<String, Object> missingRegion = new HashMap<>();
        missingRegion.put("x", 2.0);
        missingRegion.put("region", null);
        assertThat(s.score(missingRegion)).isCloseTo(m.intercept() + 2 * beta[0] + beta[3], within(1e-12));
        // an unseen level: an error by default; all indicators 0 with ZERO, which is the reference level's score
        assertThatThrownBy(() -> s.score(Map.of("x", 2.0, "region", "west")))
                .hasMessageContaining("level 'west' was not seen in training");
        assertThat(s.score(Map.of("x", 2.0, "region", "west"), Encoding.Unseen.ZERO))
                .isEqualTo(s.score(Map.of("x", 2.0, "region", "east")));
        // the dense path: the encoded row, bit for bit the named path's score
        double[] dense = new double[s.width()];
        enc.encode(Map.of("x", 2.0, "region", "south"), dense, 0, Encoding.Unseen.ERROR);
        assertThat(s.score(dense)).isEqualTo(s.score(Map.of("x", 2.0, "region", "south")));
    }

    @Test
    void aFormulaOfNumbersOnlyHasNoEncodingStep() {
        Table t = Table.builder("t").numeric("a", new double[] {1, 2, 3, 4, 5})
                .numeric("b", new double[] {2, 1, 4, 3, 6}).numeric("y", new double[] {1, 3, 2, 5, 4}).build();
        DesignPlan.Fitted f = DesignPlan.fit(Formula.parse("y ~ a*b + I(a^2)"), t, null, MissingPolicy.error());
        assertThat(f.preprocessing().encoding()).isEmpty();
        assertThat(f.preprocessing().inputs()).containsExactly("a", "b");
        assertThat(f.plan().names()).containsExactly("a", "b", "I(a ^ 2)", "a:b");
        assertThat(f.data().xUnsafe()).startsWith(1, 2, 1, 2, 2, 1, 4, 2);
        Preprocessing p = f.preprocessing();
        assertThat(p.apply(new double[] {3, 4})).containsExactly(3, 4, 9, 12);
    }

    @Test
    void badUsesAreRefusedNamingWhatWasFoundAndExpected() {
        Table t = table();
        assertThatThrownBy(() -> DesignPlan.fit(Formula.parse("y ~ x + I(region * 2)"), t, null,
                MissingPolicy.parse("mean,level")))
                .hasMessageContaining("column 'region' is categorical")
                .hasMessageContaining("expected a numeric column there");
        assertThatThrownBy(() -> DesignPlan.fit(Formula.parse("y ~ x + zone"), t, null, MissingPolicy.error()))
                .hasMessageContaining("the formula reads column 'zone', which is not in the data");
        assertThatThrownBy(() -> DesignPlan.fit(Formula.parse("y ~ x + C(region, Treatment('west'))"), t, null,
                MissingPolicy.parse("mean,level")))
                .hasMessageContaining("reference level 'west'").hasMessageContaining("expected one of");
        // the error policy: the missing cells are named by row and column
        assertThatThrownBy(() -> DesignPlan.fit(Formula.parse("y ~ x + C(region)"), t, null, MissingPolicy.error()))
                .hasMessageContaining("missing value");
    }

    @Test
    void aClassifiersTargetIsLabelledAndAHeldOutTableRelabelledByTheTrainingClasses() {
        Table t = Table.builder("t").categorical("kind", new String[] {"b", "a", "c", "a", null})
                .numeric("x", new double[] {1, 2, 3, 4, 5}).build();
        ClassLabels.Labelled l = ClassLabels.labelTarget(t, "kind", false, null);
        assertThat(l.labels().labels()).containsExactly("a", "b", "c");
        double[] y = l.table().numbersUnsafe(l.table().indexOf("kind"));
        assertThat(y).containsExactly(1, 0, 2, 0, Double.NaN);
        Table test = Table.builder("test").categorical("kind", new String[] {"c", "d"})
                .numeric("x", new double[] {1, 2}).build();
        assertThatThrownBy(() -> l.labels().relabel(test, "kind"))
                .hasMessageContaining("test: row 2 (1-based), column 'kind': class 'd' was not seen in training");
        assertThatThrownBy(() -> ClassLabels.labelTarget(t, "kind", true, null))
                .hasMessageContaining("expected 2 for binary logistic regression");
    }

    @Test
    void aPredictorWhoseFeaturesAreNotTheFormulasIsRefused() {
        DesignPlan.Fitted f = DesignPlan.fit(Formula.parse("y ~ x + C(region)"), table(), null,
                MissingPolicy.parse("mean,level"));
        LinearPredictor wrong = LinearPredictor.identity(new LinearRegression().fit(
                dev.linea.models.Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {1, 2, 4})).model());
        assertThatThrownBy(() -> Scorer.of(wrong, f.preprocessing()))
                .hasMessageContaining("are not what the preprocessing makes of the inputs");
    }
}
