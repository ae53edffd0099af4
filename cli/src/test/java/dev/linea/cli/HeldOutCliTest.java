package dev.linea.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.models.Dataset;
import dev.linea.models.io.CsvDatasets;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Held-out evaluation for every model: fit --test-fraction / --test, and cv --model ANY --folds K. */
class HeldOutCliTest {
    @TempDir
    static Path dir;
    static Path regression;
    static Path binary;
    static Path classes;
    static Path regressionTest;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void data() throws IOException {
        StringBuilder r = new StringBuilder("x1,x2,y\n");
        StringBuilder t = new StringBuilder("x2,x1,y\n"); // another column order: aligned by name
        StringBuilder b = new StringBuilder("x1,x2,y\n");
        StringBuilder c = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 40; i++) {
            double x1 = Math.sin(i);
            double x2 = Math.cos(1.7 * i);
            double noise = ((i * 37) % 11 - 5) * 0.05;
            r.append(x1).append(',').append(x2).append(',').append(3 + x1 - 0.5 * x2 + noise).append('\n');
            if (i < 15) {
                double u1 = Math.sin(i + 0.5);
                double u2 = Math.cos(1.3 * i);
                t.append(u2).append(',').append(u1).append(',').append(3 + u1 - 0.5 * u2 + noise).append('\n');
            }
            b.append(x1).append(',').append(x2).append(',').append(x1 + 0.3 * x2 + noise > 0 ? 1 : 0).append('\n');
            c.append(x1).append(',').append(x2).append(',').append(x1 + noise > 0.4 ? 2 : x2 > 0 ? 1 : 0).append('\n');
        }
        regression = Files.writeString(dir.resolve("r.csv"), r);
        regressionTest = Files.writeString(dir.resolve("rt.csv"), t);
        binary = Files.writeString(dir.resolve("b.csv"), b);
        classes = Files.writeString(dir.resolve("c.csv"), c);
    }

    private static Path dataFor(Estimator e) {
        return e == Estimator.logistic ? binary : e == Estimator.softmax ? classes : regression;
    }

    private static JsonNode json(CliTest.Run r) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    @DisplayName("C42 fit --test on the training file itself: held-out metrics equal the training metrics, every model")
    void heldOutOnTheTrainingRowsEqualsTraining() throws IOException {
        for (Estimator e : Estimator.values()) {
            String data = dataFor(e).toString();
            JsonNode root = json(run("fit", data, "-t", "y", "--model", e.name(), "--test", data, "--json"));
            JsonNode train = root.get("training_metrics");
            JsonNode held = root.get("held_out_metrics");
            assertThat(held).as(e.name()).isNotNull();
            assertThat(root.get("held_out").get("rows").asInt()).isEqualTo(40);
            for (Iterator<String> it = held.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!train.get(k).isNull()) {
                    assertThat(held.get(k).asDouble()).as(e + " " + k).isCloseTo(train.get(k).asDouble(),
                            within(1e-12 * Math.max(1, Math.abs(train.get(k).asDouble()))));
                }
            }
        }
    }

    @Test
    @DisplayName("C42 fit --test FILE: OLS's held-out MSE is that of the training fit on the test rows (columns by name)")
    void heldOutFileAgainstAnIndependentComputation() throws IOException {
        JsonNode root = json(run("fit", regression.toString(), "-t", "y", "--test", regressionTest.toString(),
                "--json"));
        OlsResult ols = new LinearRegression().fit(CsvDatasets.read(regression, CsvDatasets.Spec.target("y")));
        Dataset t = CsvDatasets.read(regressionTest, CsvDatasets.Spec.target("y")); // x2, x1
        double sse = 0;
        for (int i = 0; i < t.rows(); i++) {
            double pred = ols.model().intercept() + ols.model().coefficient(0) * t.x(i, 1)
                    + ols.model().coefficient(1) * t.x(i, 0);
            sse += (t.y(i) - pred) * (t.y(i) - pred);
        }
        assertThat(root.get("held_out_metrics").get("mse").asDouble()).isCloseTo(sse / t.rows(), within(1e-12));
        assertThat(root.get("held_out").get("rows").asInt()).isEqualTo(15);
        CliTest.Run text = run("fit", regression.toString(), "-t", "y", "--test", regressionTest.toString());
        assertThat(text.out()).contains("held-out (15 rows, --test " + regressionTest + "):  R² ");
    }

    @Test
    @DisplayName("C42 fit --test-fraction F --seed S for every model: the split's sizes (stratified for classifiers), "
            + "repeatable by seed")
    void testFractionEveryModel() throws IOException {
        for (Estimator e : Estimator.values()) {
            String data = dataFor(e).toString();
            JsonNode a = json(run("fit", data, "-t", "y", "--model", e.name(), "--test-fraction", "0.25", "--seed",
                    "7", "--json"));
            assertThat(a.get("held_out").get("rows").asInt()).as(e.name()).isBetween(9, 11);
            assertThat(a.get("held_out").get("from").asText()).contains("--test-fraction 0.25", "seed 7");
            if (e.classifier()) {
                assertThat(a.get("held_out").get("from").asText()).contains("stratified by class");
            }
            JsonNode again = json(run("fit", data, "-t", "y", "--model", e.name(), "--test-fraction", "0.25",
                    "--seed", "7", "--json"));
            assertThat(again.get("held_out_metrics")).isEqualTo(a.get("held_out_metrics"));
            assertThat(again.get("training_metrics")).isEqualTo(a.get("training_metrics"));
        }
        JsonNode ols = json(run("fit", regression.toString(), "-t", "y", "--test-fraction", "0.25", "--json"));
        assertThat(ols.get("rows").asInt()).isEqualTo(30); // fitted on the other 30
        JsonNode other = json(run("fit", regression.toString(), "-t", "y", "--test-fraction", "0.25", "--seed", "8",
                "--json"));
        assertThat(other.get("held_out_metrics")).isNotEqualTo(ols.get("held_out_metrics"));
    }

    @Test
    @DisplayName("C42 a stratified split keeps each class's share in the held-out rows")
    void stratifiedSplitKeepsShares() {
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 80 ? 0 : 1;
        }
        Dataset d = Dataset.of(100, 1, new double[100], y);
        HeldOut.Part[] parts = HeldOut.split(d, null, 0.2, 3, true);
        double ones = 0;
        for (double v : parts[1].data().copyY()) {
            ones += v;
        }
        assertThat(parts[1].data().rows()).isEqualTo(20);
        assertThat(ones).isEqualTo(4); // 20% of the 20 ones
        int[] folds = HeldOut.folds(d, 5, 3, true);
        for (int f = 0; f < 5; f++) {
            int n = 0;
            int k = 0;
            for (int i = 0; i < 100; i++) {
                if (folds[i] == f) {
                    n++;
                    k += (int) y[i];
                }
            }
            assertThat(n).isEqualTo(20);
            assertThat(k).isEqualTo(4);
        }
    }

    @Test
    @DisplayName("C43 cv --model ANY --folds K: per-fold held-out metrics and their mean ± sd, every model")
    void cvEveryModel() throws IOException {
        for (Estimator e : Estimator.values()) {
            if (e == Estimator.lasso || e == Estimator.elasticnet) {
                continue; // their path cross-validation is unchanged (PathCvCliTest)
            }
            JsonNode root = json(run("cv", dataFor(e).toString(), "-t", "y", "--model", e.name(), "--folds", "4",
                    "--json"));
            JsonNode folds = root.get("per_fold");
            assertThat(folds).as(e.name()).hasSize(4);
            int tested = 0;
            String metric = e.classifier() ? "accuracy" : "mse";
            List<Double> values = new ArrayList<>();
            for (JsonNode f : folds) {
                tested += f.get("test_rows").asInt();
                assertThat(f.get("train_rows").asInt() + f.get("test_rows").asInt()).isEqualTo(40);
                values.add(f.get("metrics").get(metric).asDouble());
            }
            assertThat(tested).isEqualTo(40);
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            JsonNode s = root.get("summary").get(metric);
            assertThat(s.get("mean").asDouble()).as(e.name()).isCloseTo(mean, within(1e-12));
            assertThat(s.get("sd").asDouble()).as(e.name()).isCloseTo(Math.sqrt(ss / 3), within(1e-12));
        }
        CliTest.Run text = run("cv", regression.toString(), "-t", "y", "--model", "ols", "--folds", "5");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("ols, 5-fold cross-validation on", "mean ± sd:  R² ");
        CliTest.Run lasso = run("cv", regression.toString(), "-t", "y", "--model", "lasso", "--folds", "3",
                "--n-lambda", "10");
        assertThat(lasso.code()).isZero();
        assertThat(lasso.out()).contains("lambda.min");
    }

    @Test
    @DisplayName("C44 held-out misuse: a fraction outside (0, 1), --test with --test-fraction, cv with --test, "
            + "a test file with other columns, an option the model does not take in cv")
    void misuse() throws IOException {
        CliTest.Run f = run("fit", regression.toString(), "-t", "y", "--test-fraction", "1.5");
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).contains("--test-fraction is 1.5, expected a share of the rows strictly between 0 and 1");
        CliTest.Run both = run("fit", regression.toString(), "-t", "y", "--test-fraction", "0.2", "--test",
                regression.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--test-fraction and --test both choose the held-out rows");
        CliTest.Run cv = run("cv", regression.toString(), "-t", "y", "--model", "ols", "--test-fraction", "0.2");
        assertThat(cv.code()).isEqualTo(2);
        assertThat(cv.err()).contains("--test-fraction does not apply to linea cv");
        Path other = Files.writeString(dir.resolve("o.csv"), "x1,x3,y\n1,2,3\n");
        CliTest.Run cols = run("fit", regression.toString(), "-t", "y", "--test", other.toString());
        assertThat(cols.code()).isEqualTo(2);
        assertThat(cols.err()).contains("has other feature columns than the training data: missing [x2], extra [x3]");
        CliTest.Run opt = run("cv", regression.toString(), "-t", "y", "--model", "ols", "--c", "2");
        assertThat(opt.code()).isEqualTo(2);
        assertThat(opt.err()).contains("--c does not apply to --model ols");
        CliTest.Run seed = run("fit", regression.toString(), "-t", "y", "--seed", "3");
        assertThat(seed.code()).isEqualTo(2); // --seed alone is still not an OLS option
    }
}
