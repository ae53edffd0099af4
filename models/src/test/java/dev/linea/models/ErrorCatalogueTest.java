package dev.linea.models;

import dev.linea.kernels.Backends;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.io.ModelFiles;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeSolver;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * One test per row of the error catalogue in docs/errors.md (the ids match). Each pins what the library promises
 * for a bad or awkward input: the exception type and the words of its message, or the documented behaviour.
 */
class ErrorCatalogueTest {

    private static Dataset line(int m, double scale) {
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = scale * (i + 1);
            x[2 * i + 1] = scale * ((i * i) % 7);
            y[i] = 1 + 2 * (i + 1) + 0.5 * ((i * i) % 7) + (i % 2 == 0 ? 0.01 : -0.01);
        }
        return Dataset.of(m, 2, x, y);
    }

    @Test
    @DisplayName("E01 NaN or ±Inf in X names the row and the column")
    void e01() {
        assertThatThrownBy(() -> Dataset.of(2, 2, new double[] {1, 2, 3, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has NaN at row 1, column 1 ('x2')");
        assertThatThrownBy(() -> Dataset.of(2, 1, new double[] {Double.NEGATIVE_INFINITY, 2}, new double[] {1, 2}))
                .hasMessageContaining("-Infinity at row 0, column 0");
    }

    @Test
    @DisplayName("E02 NaN or ±Inf in y names the row")
    void e02() {
        assertThatThrownBy(() -> Dataset.of(2, 1, new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("y has Infinity at row 1, expected a finite number");
    }

    @Test
    @DisplayName("E03 negative, NaN or all-zero weights")
    void e03() {
        Dataset d = line(4, 1);
        assertThatThrownBy(() -> d.withWeights(new double[] {1, -1, 1, 1}))
                .hasMessageContaining("weights has -1.0 at row 1, expected a finite weight >= 0");
        assertThatThrownBy(() -> d.withWeights(new double[] {1, Double.NaN, 1, 1})).hasMessageContaining("NaN at row 1");
        assertThatThrownBy(() -> d.withWeights(new double[4])).hasMessageContaining("weights are all zero");
    }

    @Test
    @DisplayName("E05 a ragged CSV row names its line")
    void e05() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,b,y\n1,2,3\n4,5\n"), CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3 has 2 fields, expected 3");
    }

    @Test
    @DisplayName("E06 a non-numeric CSV cell names its line, column and value")
    void e06() {
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,b,y\n1,2,3\n4,five,6\n"), CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3, column 'b': 'five' is not a number");
    }

    @Test
    @DisplayName("E07 empty input: no rows")
    void e07() {
        assertThatThrownBy(() -> Dataset.of(0, 1, new double[0], new double[0]))
                .hasMessageContaining("dataset has 0 rows, expected at least 1");
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n"), CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data rows");
    }

    @Test
    @DisplayName("E08 one row: OLS keeps the intercept and names the dropped columns; ridge fits")
    void e08() {
        Dataset one = Dataset.of(1, 2, new double[] {1, 2}, new double[] {3});
        OlsResult r = new LinearRegression().fit(one);
        assertThat(r.report().solver()).isEqualTo("PIVOTED_QR");
        assertThat(r.droppedFeatures()).containsExactly("x1", "x2");
        assertThat(r.model().intercept()).isEqualTo(3);
        LinearModel ridge = new Ridge().fit(one).model();
        assertThat(ridge.coefficients()).containsExactly(0, 0);
        assertThat(ridge.intercept()).isEqualTo(3);
    }

    @Test
    @DisplayName("E09 more columns than rows: AUTO pivots and names drops; QR refuses; ridge with α > 0 fits")
    void e09() {
        double[] x = new double[3 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i + 1.0);
        }
        Dataset wide = Dataset.of(3, 5, x, new double[] {1, 2, 4});
        OlsResult r = new LinearRegression().fit(wide);
        assertThat(r.droppedFeatures()).hasSize(3);
        assertThat(r.report().notes()).anyMatch(n -> n.contains("more parameters (6) than rows (3)"));
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR)).fit(wide))
                .isInstanceOf(FitException.class).hasMessageContaining("rows");
        for (double c : new Ridge().fit(wide).model().coefficients()) {
            assertThat(c).isFinite();
        }
    }

    @Test
    @DisplayName("E10 a constant column: AUTO drops and names it; normal equations and unpenalized ridge refuse")
    void e10() {
        Dataset d = Dataset.of(4, 2, new double[] {1, 5, 2, 5, 3, 5, 4, 5}, new double[] {1, 2, 3, 5});
        assertThat(new LinearRegression().fit(d).droppedFeatures()).containsExactly("x2");
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS))
                .fit(d)).isInstanceOf(FitException.class).hasMessageContaining("column 'x2' is constant");
        assertThatThrownBy(() -> new Ridge(new RidgeOptions(0, true, RidgeSolver.AUTO)).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("use alpha > 0");
        assertThat(new Ridge().fit(d).model().coefficient(1)).isEqualTo(0, offset(1e-12));
    }

    @Test
    @DisplayName("E11 duplicated columns: AUTO drops the second copy and names it")
    void e11() {
        Dataset d = Dataset.of(5, 2, new double[] {1, 1, 2, 2, 3, 3, 5, 5, 8, 8}, new double[] {1, 3, 2, 5, 4});
        OlsResult r = new LinearRegression().fit(d);
        assertThat(r.droppedFeatures()).containsExactly("x2");
        assertThat(r.report().notes()).anyMatch(n -> n.contains("dependent column(s) dropped"));
        LinearModel ridge = new Ridge().fit(d).model();
        assertThat(ridge.coefficient(0)).isEqualTo(ridge.coefficient(1), offset(1e-12)); // the penalty splits evenly
    }

    @Test
    @DisplayName("E12 a constant target: β = 0, b = y, R² undefined (NaN), not 1 or −∞")
    void e12() {
        Dataset d = Dataset.of(4, 1, new double[] {1, 2, 3, 5}, new double[] {3, 3, 3, 3});
        OlsResult r = new LinearRegression().fit(d);
        assertThat(r.model().coefficient(0)).isEqualTo(0, offset(1e-15));
        assertThat(r.model().intercept()).isEqualTo(3, offset(1e-15));
        assertThat(r.inference().rSquared()).isNaN();
    }

    @Test
    @DisplayName("E13 a single class for logistic regression, or a label that is not 0/1")
    void e13() {
        Dataset one = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1});
        assertThatThrownBy(() -> new dev.linea.models.logistic.LogisticRegression().fit(one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y has no row of class 0");
        assertThatThrownBy(() -> new dev.linea.models.logistic.LogisticRegression()
                .fit(Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {0, 1, 2, 1})))
                .hasMessageContaining("y has 2.0 at row 3 (1-based), expected a binary label 0 or 1");
    }

    @Test
    @DisplayName("E14 y < 0 for Poisson, y ≤ 0 for Gamma, a NaN or short offset")
    void e14() {
        double[] x = {1, 2, 3, 4};
        assertThatThrownBy(() -> glm(new dev.linea.models.glm.Poisson()).fit(Dataset.of(4, 1, x,
                new double[] {1, -1, 2, 3}))).hasMessageContaining("y has -1.0 at row 2 (1-based), expected a count >= 0");
        assertThatThrownBy(() -> glm(new dev.linea.models.glm.Gamma()).fit(Dataset.of(4, 1, x,
                new double[] {1, 0, 2, 3}))).hasMessageContaining("y has 0.0 at row 2 (1-based), expected y > 0");
        Dataset counts = Dataset.of(4, 1, x, new double[] {1, 1, 2, 3});
        assertThatThrownBy(() -> glm(new dev.linea.models.glm.Poisson()).fit(counts, new double[] {0, Double.NaN, 0, 0}))
                .hasMessageContaining("offset has NaN at row 1");
        assertThatThrownBy(() -> glm(new dev.linea.models.glm.Poisson()).fit(counts, new double[] {0, 0}))
                .hasMessageContaining("offset has 2 values, expected 4");
    }

    private static dev.linea.models.glm.GeneralizedLinearModel glm(dev.linea.models.glm.Family f) {
        return new dev.linea.models.glm.GeneralizedLinearModel(dev.linea.models.glm.GlmOptions.of(f));
    }

    @Test
    @DisplayName("E22 perfect separation names the feature and advises a penalty; with L2 the fit is fine")
    void e22() {
        Dataset sep = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {0, 0, 1, 1});
        var none = dev.linea.models.logistic.LogisticOptions.defaults()
                .withPenalty(dev.linea.models.logistic.Penalty.NONE);
        assertThatThrownBy(() -> new dev.linea.models.logistic.LogisticRegression(none).fit(sep))
                .isInstanceOf(FitException.class).hasMessageContaining("separated").hasMessageContaining("'x1'")
                .hasMessageContaining("L2");
        assertThat(new dev.linea.models.logistic.LogisticRegression().fit(sep).model().coefficient(0)).isFinite();
    }

    @Test
    @DisplayName("E15 a negative penalty, an l1 ratio outside [0, 1], a negative learning rate")
    void e15() {
        assertThatThrownBy(() -> new RidgeOptions(-0.5, true, RidgeSolver.AUTO))
                .hasMessageContaining("alpha is -0.5, expected a finite number ≥ 0");
        assertThatThrownBy(() -> ElasticNetOptions.elasticNet(1.5))
                .hasMessageContaining("l1_ratio is 1.5").hasMessageContaining("expected a value in [0, 1]");
        assertThatThrownBy(() -> GradientDescentOptions.defaults().withLearningRate(-1))
                .hasMessageContaining("learningRate is -1.0");
        assertThatThrownBy(() -> GradientDescentOptions.defaults().withAlpha(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> dev.linea.models.logistic.LogisticOptions.defaults().withC(0))
                .hasMessageContaining("C is 0.0, expected a finite number > 0");
        assertThatThrownBy(() -> new dev.linea.models.glm.Tweedie(0.5)).hasMessageContaining("Tweedie power is 0.5");
    }

    @Test
    @DisplayName("E16 features of 1e±300: AUTO, QR and ridge fit exactly; normal equations refuse, naming the column")
    void e16() {
        double expected = new LinearRegression().fit(line(10, 1)).model().coefficient(0);
        for (double s : new double[] {1e300, 1e-300, 1e150, 1e-150}) {
            Dataset d = line(10, s);
            assertThat(new LinearRegression().fit(d).model().coefficient(0) * s).as("OLS at %s", s)
                    .isCloseTo(expected, offset(1e-12));
            assertThat(new Ridge(new RidgeOptions(0, true, RidgeSolver.AUTO)).fit(d).model().coefficient(0) * s)
                    .as("ridge at %s", s).isCloseTo(expected, offset(1e-9));
            assertThat(new Ridge(new RidgeOptions(0, true, RidgeSolver.EIGEN)).fit(d).model().coefficient(0) * s)
                    .as("ridge eigen at %s", s).isCloseTo(expected, offset(1e-9));
        }
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS))
                .fit(line(10, 1e300))).isInstanceOf(FitException.class)
                .hasMessageContaining("column 'x1' has magnitude 4.50e+300").hasMessageContaining("overflow");
    }

    @Test
    @DisplayName("E17 model files: truncated, unknown version, feature count mismatch")
    void e17() {
        String ok = ModelFiles.toJson(new LinearModel(1, new double[] {2, 3}, List.of("a", "b"), null), "y", 3);
        assertThatThrownBy(() -> ModelFiles.parse(ok.substring(0, 40), "m.json"))
                .hasMessageContaining("not a complete JSON document").hasMessageContaining("line");
        assertThatThrownBy(() -> ModelFiles.parse(ok.replace("\"version\" : " + ModelFiles.VERSION, "\"version\" : 7"), "m.json"))
                .hasMessageContaining("version 7 is not supported");
        assertThatThrownBy(() -> ModelFiles.parse(ok.replace("\"b\" ]", "\"b\", \"c\" ]"), "m.json"))
                .hasMessageContaining("3 features but 2 coefficients");
    }

    @Test
    @DisplayName("E18 an unknown backend name lists the known ones")
    void e18() {
        assertThatThrownBy(() -> Backends.named("cuda"))
                .hasMessageContaining("unknown backend 'cuda', expected one of [scalar, vector, native, auto]");
    }

    @Test
    @DisplayName("E19 non-convergence is reported in the report, not hidden")
    void e19() {
        var r = new GradientDescent(GradientDescentOptions.defaults().withMaxEpochs(2).withStandardize(false))
                .fit(line(30, 1));
        assertThat(r.report().converged()).isFalse();
        assertThat(r.report().status()).contains("maximum epochs (2)");
        for (double c : r.model().coefficients()) {
            assertThat(c).isFinite();
        }
    }

    @Test
    @DisplayName("E20 divergence is a FitException with the epoch and the learning rate, and the loss so far")
    void e20() {
        assertThatThrownBy(() -> new GradientDescent(GradientDescentOptions.defaults().withLearningRate(1e6)
                .withStandardize(false)).fit(line(30, 1)))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("diverged at epoch").hasMessageContaining("η/10")
                .satisfies(e -> assertThat(((FitException) e).report().lossHistory()).isNotEmpty());
    }

    @Test
    @DisplayName("E21 a singular system names the column and suggests the remedy")
    void e21() {
        Dataset d = Dataset.of(4, 2, new double[] {1, 2, 2, 4, 3, 6, 4, 8}, new double[] {1, 2, 3, 5});
        assertThatThrownBy(() -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS))
                .fit(d)).isInstanceOf(FitException.class).hasMessageContaining("use AUTO or PIVOTED_QR");
        assertThatThrownBy(() -> new Ridge(new RidgeOptions(0, true, RidgeSolver.CHOLESKY)).fit(d))
                .isInstanceOf(FitException.class).hasMessageContaining("column 'x2'");
    }

    @Test
    @DisplayName("E23 a kernel argument out of shape names the kernel, parameter, value and expectation")
    void e23() {
        assertThatThrownBy(() -> Backends.named("vector").dot(5, new double[4], 0, new double[5], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dot").hasMessageContaining("x").hasMessageContaining("4");
    }

    @Test
    @DisplayName("E40 a number outside the strict grammar (Java's 5d, 5f, 0x1.8p1, a control character) names line, column and value")
    void e40() {
        for (String bad : List.of("5d", "5f", "0x1.8p1", "1\u00072")) {
            String shown = bad.replace("\u0007", "\\u0007");
            assertThatThrownBy(() -> CsvDatasets.read(new StringReader("a,y\n1,2\n" + bad + ",3\n"),
                    CsvDatasets.Spec.target("y"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("line 3, column 'a': '" + shown + "' is not a number, expected a decimal "
                            + "number such as 12, -0.5 or 1.5e-3");
        }
        Dataset d = CsvDatasets.read(new StringReader("a,y\n+1.5E+2,-.5\n 3. ,2e-3\n"), CsvDatasets.Spec.target("y"));
        assertThat(d.copyX()).containsExactly(150, 3);
        assertThat(d.copyY()).containsExactly(-0.5, 0.002);
    }

    @Test
    @DisplayName("E41 a UTF-8 byte-order mark is not part of the first column's name")
    void e41(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("bom.csv");
        java.nio.file.Files.writeString(f, "\uFEFFy,x\n1,2\n");
        assertThat(CsvDatasets.read(f, CsvDatasets.Spec.target("y")).copyY()).containsExactly(1);
        assertThat(CsvDatasets.read(new StringReader("\uFEFFy,x\n1,2\n"), CsvDatasets.Spec.target("y")).copyY())
                .containsExactly(1);
    }

    @Test
    @DisplayName("E42 input that is not UTF-8 CSV text says what it is: a directory, UTF-16, binary, bytes not UTF-8")
    void e42(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        assertThatThrownBy(() -> CsvDatasets.read(dir, CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a directory, expected a CSV file");
        java.nio.file.Path u16 = java.nio.file.Files.write(dir.resolve("u16.csv"),
                "y,x\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> CsvDatasets.read(u16, CsvDatasets.Spec.target("y")))
                .hasMessageContaining("UTF-16 text without a byte-order mark");
        java.nio.file.Path bin = java.nio.file.Files.write(dir.resolve("b.csv"), new byte[] {'y', '\n', 0, 1});
        assertThatThrownBy(() -> CsvDatasets.read(bin, CsvDatasets.Spec.target("y")))
                .hasMessageContaining("looks binary (a NUL byte on line 2");
        java.nio.file.Path latin = java.nio.file.Files.write(dir.resolve("l.csv"),
                "y,x\n1,\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvDatasets.read(latin, CsvDatasets.Spec.target("y")))
                .hasMessageContaining("line 2 is not valid UTF-8 (bytes E9");
    }

    @Test
    @DisplayName("E43 more columns than FastCSV's limit (quoted CSV) names the limit and the property that raises it")
    void e43() {
        StringBuilder h = new StringBuilder("\"y\"");
        for (int j = 0; j < 16_400; j++) {
            h.append(",x").append(j);
        }
        assertThatThrownBy(() -> CsvDatasets.read(new StringReader(h + "\n"), CsvDatasets.Spec.target("y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 16384 fields").hasMessageContaining("-Dfastcsv.max.field.count=N");
    }

    @Test
    @DisplayName("E24 Dataset.wrap validates as Dataset.of does, without copying")
    void e24() {
        assertThatThrownBy(() -> Dataset.wrap(3, 2, new double[5], new double[3], null, null, "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 5 values, expected rows × cols = 3 × 2 = 6");
        assertThatThrownBy(() -> Dataset.wrap(2, 1, new double[] {1, Double.NaN}, new double[2], null, null, "y"))
                .hasMessageContaining("x has NaN at row 1, column 0");
        assertThatThrownBy(() -> Dataset.wrap(2, 1, new double[2], new double[2], new double[] {1, -1}, null, "y"))
                .hasMessageContaining("weights has -1.0 at row 1");
    }

    @Test
    @DisplayName("E25 offsets of the wrong length or not finite are rejected by the design")
    void e25() {
        Dataset d = Dataset.of(4, 1, new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
        assertThatThrownBy(() -> d.design(true).withOffsets(new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offsets have 3 values, expected 4 (one per row)");
        assertThatThrownBy(() -> d.design(true).withOffsets(new double[] {0, 0, Double.NaN, 0}))
                .hasMessageContaining("offset has NaN at row 2, expected a finite number");
    }

    @Test
    @DisplayName("E26 splitOffColumn: a consumed dataset, a column out of range")
    void e26() {
        Dataset d = Dataset.of(2, 3, new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 2});
        assertThatThrownBy(() -> d.splitOffColumn(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 3 is not a column, expected 0 ≤ c < 3");
        d.splitOffColumn(0);
        assertThatThrownBy(() -> d.splitOffColumn(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("this dataset was consumed by an earlier splitOffColumn");
    }
}
