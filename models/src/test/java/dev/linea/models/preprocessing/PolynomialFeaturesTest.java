package dev.linea.models.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.models.Dataset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.linea.models.preprocessing.PreprocessingGolden.close;
import static dev.linea.models.preprocessing.PreprocessingGolden.dataset;
import static dev.linea.models.preprocessing.PreprocessingGolden.matrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolynomialFeaturesTest {

    /** Against scikit-learn's PolynomialFeatures: names (translated from "A^2 B" to "A^2*B"), powers, values. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"degree3", "degree2_interaction", "degree2_bias", "degree3_interaction_bias"})
    void matchesScikitLearn(String name) {
        JsonNode root = PreprocessingGolden.root();
        JsonNode g = root.get("poly").get(name);
        PolynomialFeatures pf = new PolynomialFeatures(g.get("degree").asInt(), g.get("interaction_only").asBoolean(),
                g.get("include_bias").asBoolean());
        Dataset data = dataset(root, root.get("x"), true);
        List<String> expectedNames = new ArrayList<>();
        g.get("sklearn_names").forEach(n -> expectedNames.add(n.asText().replace(' ', '*')));
        assertThat(pf.names(data.featureNames())).containsExactlyElementsOf(expectedNames);
        assertThat(pf.outputColumns(4)).isEqualTo(expectedNames.size());

        Dataset t = pf.transform(data);
        assertThat(t.cols()).isEqualTo(expectedNames.size());
        assertThat(t.featureNames()).containsExactlyElementsOf(expectedNames);
        assertThat(t.copyY()).containsExactly(data.copyY());
        assertThat(t.copyWeights()).containsExactly(data.copyWeights());
        assertThat(t.targetName()).isEqualTo("Y");
        double[][] expected = matrix(g.get("transformed"));
        for (int i = 0; i < expected.length; i++) {
            double[] raw = new double[4];
            for (int j = 0; j < 4; j++) {
                raw[j] = data.x(i, j);
            }
            double[] row = pf.transformRow(raw);
            for (int c = 0; c < expected[i].length; c++) {
                close(name + " (" + i + ", " + expectedNames.get(c) + ")", t.x(i, c), expected[i][c], 0);
                assertThat(row[c]).isEqualTo(t.x(i, c));
            }
        }
    }

    @Test
    void namesUseInputNamesWithCaretAndStar() {
        assertThat(new PolynomialFeatures(3).names(List.of("a", "b"))).containsExactly(
                "a", "b", "a^2", "a*b", "b^2", "a^3", "a^2*b", "a*b^2", "b^3");
        assertThat(new PolynomialFeatures(3, true, true).names(List.of("a", "b", "c"))).containsExactly(
                "1", "a", "b", "c", "a*b", "a*c", "b*c", "a*b*c");
        assertThat(new PolynomialFeatures(2).transformRow(new double[] {2, 3}))
                .containsExactly(2, 3, 4, 6, 9);
    }

    /** C(n+d, d) − 1 columns, or Σ_{k ≤ min(d, n)} C(n, k) interaction-only, + 1 for the bias. */
    @Property(tries = 300)
    void columnCountFormula(@ForAll @IntRange(min = 0, max = 12) int n, @ForAll @IntRange(min = 1, max = 6) int d,
                            @ForAll boolean interactionOnly, @ForAll boolean bias) {
        long expected = bias ? 1 : 0;
        if (interactionOnly) {
            for (int k = 1; k <= Math.min(d, n); k++) {
                expected += binomial(n, k);
            }
        } else {
            expected += binomial(n + d, d) - 1;
        }
        PolynomialFeatures pf = new PolynomialFeatures(d, interactionOnly, bias);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            names.add("v" + j);
        }
        assertThat(pf.outputColumns(n)).isEqualTo(expected);
        List<String> out = pf.names(names);
        assertThat(out).hasSize((int) expected).doesNotHaveDuplicates();
        assertThat(pf.transformRow(new double[n])).hasSize((int) expected);
    }

    @Test
    void largestDegreeOfOneColumnIsCheap() {
        PolynomialFeatures pf = new PolynomialFeatures(PolynomialFeatures.MAX_OUTPUT_COLUMNS);
        assertThat(pf.outputColumns(1)).isEqualTo(1_000_000);
        List<String> names = pf.names(List.of("x"));
        assertThat(names.get(999_999)).isEqualTo("x^1000000");
        double[] row = pf.transformRow(new double[] {1});
        assertThat(row[999_999]).isEqualTo(1.0);
    }

    @Test
    void badInputNamesFoundAndExpected() {
        assertThatThrownBy(() -> new PolynomialFeatures(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("degree is 0, expected 1..1000000");
        assertThatThrownBy(() -> new PolynomialFeatures(1_000_001))
                .hasMessageContaining("degree is 1000001, expected 1..1000000");
        assertThatThrownBy(() -> new PolynomialFeatures(2).outputColumns(-1))
                .hasMessageContaining("inputColumns is -1, expected >= 0");
        // C(1413 + 2, 2) − 1 = 1_000_404 > 1_000_000; C(1412 + 2, 2) − 1 = 998_990 fits
        assertThat(new PolynomialFeatures(2).outputColumns(1412)).isEqualTo(998_990);
        assertThatThrownBy(() -> new PolynomialFeatures(2).outputColumns(1413))
                .hasMessageContaining("degree 2 of 1413 input columns gives more than 1000000 output columns")
                .hasMessageContaining("expected at most 1000000");
        assertThatThrownBy(() -> new PolynomialFeatures(40, true, false).outputColumns(40))
                .hasMessageContaining("interactions of 40 input columns");
        // C(203, 3) − 1 = 1_373_700: rejected before anything is allocated
        assertThatThrownBy(() -> new PolynomialFeatures(3).transformRow(new double[200]))
                .hasMessageContaining("degree 3 of 200 input columns gives more than 1000000");
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
