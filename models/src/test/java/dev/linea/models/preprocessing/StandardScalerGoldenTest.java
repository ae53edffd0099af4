package dev.linea.models.preprocessing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.models.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.linea.models.preprocessing.PreprocessingGolden.close;
import static dev.linea.models.preprocessing.PreprocessingGolden.dataset;
import static dev.linea.models.preprocessing.PreprocessingGolden.doubles;
import static dev.linea.models.preprocessing.PreprocessingGolden.matrix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * StandardScaler against scikit-learn's StandardScaler (with sample_weight for the weighted case) on the first 50
 * rows and 4 columns of the raw diabetes data, to 1e-12 relative. Standardized values are O(1) and come from a
 * subtraction x − μ with |μ| ≤ 100, so they also get an absolute 1e-13.
 */
class StandardScalerGoldenTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "weighted", "no_mean", "constant_column"})
    void matchesScikitLearn(String name) {
        JsonNode root = PreprocessingGolden.root();
        JsonNode g = root.get("scaler").get(name);
        JsonNode x = g.has("x") ? g.get("x") : root.get("x");
        Dataset data = dataset(root, x, g.get("weighted").asBoolean());
        ScalerOptions opt = new ScalerOptions(g.get("with_mean").asBoolean(), g.get("with_std").asBoolean());
        StandardScaler s = StandardScaler.fit(data, opt);

        double[] mean = doubles(g.get("mean"));
        double[] scale = doubles(g.get("scale"));
        assertThat(s.columns()).isEqualTo(mean.length);
        for (int j = 0; j < mean.length; j++) {
            close(name + " mean " + j, s.means()[j], mean[j], 0);
            close(name + " scale " + j, s.scales()[j], scale[j], 0);
        }
        double[][] expected = matrix(g.get("transformed"));
        Dataset z = s.transform(data);
        double[] row = new double[mean.length];
        for (int i = 0; i < expected.length; i++) {
            double[] viaRow = s.transformRow(rowOf(data, i), row);
            for (int j = 0; j < mean.length; j++) {
                close(name + " z(" + i + ", " + j + ")", z.x(i, j), expected[i][j], 1e-13);
                assertThat(viaRow[j]).isEqualTo(z.x(i, j));
            }
        }
    }

    private static double[] rowOf(Dataset d, int i) {
        double[] r = new double[d.cols()];
        for (int j = 0; j < r.length; j++) {
            r[j] = d.x(i, j);
        }
        return r;
    }
}
