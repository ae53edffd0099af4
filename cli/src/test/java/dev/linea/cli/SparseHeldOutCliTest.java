package dev.linea.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linea.models.preprocessing.FeatureHashing;
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
import java.util.Map;
import java.util.Random;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Held-out evaluation, sample weights, cross-validation and gradient descent on sparse inputs (issue 19): every
 * number equals what the dense path computes on the same rows written out densely — the same seeded split, the
 * same folds, the same weighted metrics — and what stays refused exits 2 naming the option and the model.
 */
class SparseHeldOutCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 30;
    @TempDir
    static Path dir;
    static Path reg;
    static Path regDense;
    static Path regTest;
    static Path regTestDense;
    static Path cls;
    static Path clsDense;
    static Path weights;
    static Path hashed;
    static Path hashedDense;

    /**
     * LIBSVM files of 200 (and 60 held-out) rows with 5 non-zeros among 30 features — a continuous target and ±1
     * labels — and their dense twins (label, w, f1 … f30) whose column w holds the sidecar file's weights; a CSV
     * with a price, two text columns and a weights column, and its hashed design written densely.
     */
    @BeforeAll
    static void files() throws IOException {
        Random r = new Random(23);
        double[] w = new double[200];
        StringBuilder ws = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.round((0.2 + 1.6 * r.nextDouble()) * 100) / 100.0;
            ws.append(w[i]).append('\n');
        }
        weights = Files.writeString(dir.resolve("train.wts"), ws);
        StringBuilder[] f = write(r, 200, w, false);
        reg = Files.writeString(dir.resolve("reg.svm"), f[0]);
        regDense = Files.writeString(dir.resolve("reg.csv"), f[1]);
        f = write(r, 60, null, false);
        regTest = Files.writeString(dir.resolve("reg-test.svm"), f[0]);
        regTestDense = Files.writeString(dir.resolve("reg-test.csv"), f[1]);
        f = write(r, 200, w, true);
        cls = Files.writeString(dir.resolve("cls.svm"), f[0]);
        clsDense = Files.writeString(dir.resolve("cls.csv"), f[1]);

        FeatureHashing h = FeatureHashing.parse(List.of("city:4", "device:2"), 0);
        String[] cities = {"paris", "lyon", "nice", "rome", "oslo", "bern", "riga"};
        String[] devices = {"ios", "android", "web"};
        StringBuilder c = new StringBuilder("spend,price,city,device,w\n");
        StringBuilder cd = new StringBuilder("spend,price");
        h.featureNames(List.of()).forEach(n -> cd.append(',').append(n));
        cd.append(",w\n");
        for (int i = 0; i < 240; i++) {
            String city = cities[r.nextInt(cities.length)];
            String dev = devices[r.nextInt(devices.length)];
            double price = Math.round(r.nextDouble() * 1000) / 1000.0;
            double y = Math.round(((city.length() == 4 ? 0.8 : -0.3) + (dev.equals("web") ? -0.9 : 0.2) + 2 * price
                    + 0.3 * r.nextGaussian()) * 1000) / 1000.0;
            double wi = Math.round((0.5 + r.nextDouble()) * 100) / 100.0;
            c.append(y).append(',').append(price).append(',').append(city).append(',').append(dev).append(',')
                    .append(wi).append('\n');
            double[] x = new double[h.width()];
            int hc = h.hash(city);
            x[FeatureHashing.column(hc, 4)] += FeatureHashing.sign(hc);
            int hd = h.hash(dev);
            x[16 + FeatureHashing.column(hd, 2)] += FeatureHashing.sign(hd);
            cd.append(y).append(',').append(price);
            for (double v : x) {
                cd.append(',').append(v);
            }
            cd.append(',').append(wi).append('\n');
        }
        hashed = Files.writeString(dir.resolve("spend.csv"), c);
        hashedDense = Files.writeString(dir.resolve("spend-dense.csv"), cd);
    }

    /** {LIBSVM text, dense CSV text}: row 0 holds feature N, so both have N columns. */
    private static StringBuilder[] write(Random r, int m, double[] w, boolean binary) {
        StringBuilder s = new StringBuilder();
        StringBuilder d = new StringBuilder("label,w");
        for (int j = 1; j <= N; j++) {
            d.append(",f").append(j);
        }
        d.append('\n');
        for (int i = 0; i < m; i++) {
            double[] row = new double[N];
            double eta = 0.4;
            for (int k = 0; k < 5; k++) {
                int j = i == 0 && k == 0 ? N - 1 : r.nextInt(N);
                row[j] = Math.round((1 + r.nextGaussian()) * 100) / 100.0;
            }
            for (int j = 0; j < N; j++) {
                eta += (j % 3 == 0 ? 0.9 : j % 3 == 1 ? -0.6 : 0) * row[j];
            }
            double y = binary ? (eta + r.nextGaussian() > 0.5 ? 1 : 0)
                    : Math.round((eta + 0.4 * r.nextGaussian()) * 1000) / 1000.0;
            s.append(binary ? (y > 0 ? "+1" : "-1") : Double.toString(y));
            d.append(y).append(',').append(w == null ? 1 : w[i]);
            for (int j = 0; j < N; j++) {
                if (row[j] != 0) {
                    s.append(' ').append(j + 1).append(':').append(row[j]);
                }
                d.append(',').append(row[j]);
            }
            s.append('\n');
            d.append('\n');
        }
        return new StringBuilder[] {s, d};
    }

    /**
     * The JSON output of a run that exits 0, or 1 when its fit stopped without converging (the fixed-epoch
     * stochastic gradient descents here: their output is still the comparison).
     */
    private static JsonNode json(String... args) throws IOException {
        CliTest.Run r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isIn(0, 1);
        if (r.code() == 1) {
            assertThat(r.err()).contains("not converge");
        }
        JsonNode out = JSON.readTree(r.out());
        if (out.has("report")) {
            assertThat(out.get("report").get("converged").asBoolean()).isEqualTo(r.code() == 0);
        }
        return out;
    }

    private static String[] args(String... a) {
        return a;
    }

    private static String[] plus(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    /** Every metric of {@code expected} is in {@code actual}, equal to a relative tol (undefined ones alike). */
    private static void assertSameMetrics(String what, JsonNode actual, JsonNode expected, double tol) {
        assertThat(expected).as(what).isNotNull();
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = actual.get(e.getKey());
            assertThat(a).as(what + " " + e.getKey()).isNotNull();
            if (e.getValue().isNull()) {
                assertThat(a.isNull()).as(what + " " + e.getKey()).isTrue();
            } else {
                double v = e.getValue().asDouble();
                assertThat(a.asDouble()).as(what + " " + e.getKey()).isCloseTo(v, offset(tol * Math.max(1,
                        Math.abs(v))));
            }
        }
    }

    private static void assertSameCoefficients(String what, JsonNode sparse, JsonNode dense, double tol) {
        assertThat(sparse.get("intercept").asDouble()).as(what).isCloseTo(dense.get("intercept").asDouble(),
                offset(tol));
        for (Iterator<Map.Entry<String, JsonNode>> it = dense.get("coefficients").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = sparse.get("coefficients").get(e.getKey());
            assertThat(s == null ? 0 : s.asDouble()).as(what + " " + e.getKey()).isCloseTo(e.getValue().asDouble(),
                    offset(tol));
        }
    }

    /** The model options of each sparse fit, with the tolerance its sparse and dense fits agree to. */
    private static final Object[][] MODELS = {
            {args("--model", "ridge", "--alpha", "2"), 1e-7, false},
            {args("--model", "lasso", "--lambda", "0.05"), 1e-7, false},
            {args("--model", "gd", "--gd-mode", "mini_batch", "--batch-size", "16", "--epochs", "30",
                    "--schedule", "inverse_scaling", "--decay", "0.5"), 1e-9, false},
            {args("--model", "gd", "--alpha", "0.01"), 1e-7, false},
            {args("--model", "logistic", "--c", "0.5"), 1e-6, true}};

    @Test
    @DisplayName("S25 fit --test-fraction on sparse inputs: the dense split's rows and held-out metrics, every model")
    void testFractionEqualsTheDenseSplit() throws IOException {
        for (Object[] m : MODELS) {
            String[] opts = (String[]) m[0];
            double tol = (double) m[1];
            boolean binary = (boolean) m[2];
            String what = String.join(" ", opts);
            String[] split = {"--test-fraction", "0.25", "--seed", "5", "--json"};
            JsonNode sp = json(plus(plus(args("fit", (binary ? cls : reg).toString(), "--format", "libsvm"), opts),
                    split));
            JsonNode de = json(plus(plus(args("fit", (binary ? clsDense : regDense).toString(), "-t", "label",
                    "--exclude", "w"), opts), split));
            // a quarter of 200 rows; stratified, a quarter of each class, rounded per class
            assertThat(sp.get("held_out").get("rows").asInt()).as(what).isEqualTo(de.get("held_out").get("rows")
                    .asInt()).isEqualTo(binary ? 51 : 50);
            assertThat(sp.get("rows").asInt()).as(what).isEqualTo(200 - sp.get("held_out").get("rows").asInt());
            assertThat(sp.get("held_out").get("from").asText()).as(what)
                    .isEqualTo(de.get("held_out").get("from").asText());
            assertSameCoefficients(what, sp, de, tol);
            assertSameMetrics(what + " training", sp.get("training_metrics"), de.get("training_metrics"), tol);
            assertSameMetrics(what + " held-out", sp.get("held_out_metrics"), de.get("held_out_metrics"), tol);
        }
    }

    @Test
    @DisplayName("S25 fit --test FILE on sparse inputs: a LIBSVM test file scores as its dense twin does")
    void testFileEqualsTheDenseTestFile() throws IOException {
        for (Object[] m : MODELS) {
            if ((boolean) m[2]) {
                continue;
            }
            String[] opts = (String[]) m[0];
            String what = String.join(" ", opts);
            JsonNode sp = json(plus(plus(args("fit", reg.toString(), "--format", "libsvm"), opts), "--test",
                    regTest.toString(), "--json"));
            JsonNode de = json(plus(plus(args("fit", regDense.toString(), "-t", "label", "--exclude", "w"), opts),
                    "--test", regTestDense.toString(), "--json"));
            assertThat(sp.get("held_out").get("rows").asInt()).as(what).isEqualTo(60);
            assertSameMetrics(what, sp.get("held_out_metrics"), de.get("held_out_metrics"), (double) m[1]);
        }
        CliTest.Run text = run("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--test",
                regTest.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("held-out (60 rows, --test " + regTest + "):", "R²");
    }

    @Test
    @DisplayName("S26 --weights on sparse inputs: a LIBSVM sidecar file and a hashed CSV's column weigh as the dense "
            + "weights column does (fit, metrics, split)")
    void weightsEqualTheDenseWeights() throws IOException {
        for (Object[] m : MODELS) {
            String[] opts = (String[]) m[0];
            boolean binary = (boolean) m[2];
            String what = String.join(" ", opts) + " weighted";
            String[] split = {"--test-fraction", "0.3", "--json"};
            JsonNode sp = json(plus(plus(args("fit", (binary ? cls : reg).toString(), "--format", "libsvm",
                    "--weights", weights.toString()), opts), split));
            JsonNode de = json(plus(plus(args("fit", (binary ? clsDense : regDense).toString(), "-t", "label",
                    "--weights", "w"), opts), split));
            assertThat(sp.get("weights").asText()).isEqualTo("one per row from " + weights);
            assertSameCoefficients(what, sp, de, (double) m[1]);
            assertSameMetrics(what + " training", sp.get("training_metrics"), de.get("training_metrics"),
                    (double) m[1]);
            assertSameMetrics(what + " held-out", sp.get("held_out_metrics"), de.get("held_out_metrics"),
                    (double) m[1]);
        }
        // a hashed CSV's weights column is a weight, not an input; --test replays the hashing and reads its weights
        for (String model : List.of("ridge", "gd")) {
            JsonNode sp = json("fit", hashed.toString(), "-t", "spend", "--hash", "city:4,device:2", "--weights", "w",
                    "--model", model, "--test", hashed.toString(), "--json");
            JsonNode de = json("fit", hashedDense.toString(), "-t", "spend", "--weights", "w", "--model", model,
                    "--test", hashedDense.toString(), "--json");
            assertThat(sp.get("features").asInt()).isEqualTo(1 + 16 + 4);
            assertSameCoefficients(model, sp, de, 1e-7);
            assertSameMetrics(model + " hashed held-out", sp.get("held_out_metrics"), de.get("held_out_metrics"),
                    1e-7);
        }
    }

    @Test
    @DisplayName("S27 cv on sparse inputs: the dense cv's folds and per-fold metrics (stratified for logistic)")
    void cvEqualsTheDenseCv() throws IOException {
        for (Object[] m : MODELS) {
            String[] opts = (String[]) m[0];
            if (opts[1].equals("lasso")) {
                continue; // the dense cv of the lasso is its path's; the sparse one a fixed λ (below)
            }
            boolean binary = (boolean) m[2];
            String what = String.join(" ", opts);
            String[] cv = {"--folds", "4", "--seed", "3", "--json"};
            JsonNode sp = json(plus(plus(args("cv", (binary ? cls : reg).toString(), "--format", "libsvm",
                    "--weights", weights.toString()), opts), cv));
            JsonNode de = json(plus(plus(args("cv", (binary ? clsDense : regDense).toString(), "-t", "label",
                    "--weights", "w"), opts), cv));
            assertThat(sp.get("stratified").asBoolean()).isEqualTo(binary);
            assertThat(sp.get("per_fold").size()).isEqualTo(4);
            for (int f = 0; f < 4; f++) {
                JsonNode a = sp.get("per_fold").get(f);
                JsonNode b = de.get("per_fold").get(f);
                assertThat(a.get("test_rows").asInt()).as(what).isEqualTo(b.get("test_rows").asInt());
                assertSameMetrics(what + " fold " + (f + 1), a.get("metrics"), b.get("metrics"), (double) m[1]);
            }
        }
        JsonNode lasso = json("cv", reg.toString(), "--format", "libsvm", "--model", "lasso", "--lambda", "0.05",
                "--folds", "3", "--json");
        assertThat(lasso.get("per_fold").size()).isEqualTo(3);
        assertThat(lasso.get("summary").get("mse").get("mean").asDouble()).isPositive();
        CliTest.Run text = run("cv", "clicks", "--hash", SparseTasks.HASH, "--model", "logistic", "--folds", "3");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("logistic, 3-fold cross-validation on clicks (seed 42, stratified by class)",
                "mean ± sd:");
    }

    @Test
    @DisplayName("S29 cv --model lasso/elasticnet without --lambda on sparse inputs: the dense path CV's λ grid, "
            + "errors, λ_min and λ_1se")
    void pathCvEqualsTheDensePathCv() throws IOException {
        for (String[] model : new String[][] {{"--model", "lasso"}, {"--model", "elasticnet", "--l1-ratio", "0.5"}}) {
            for (boolean weighted : new boolean[] {false, true}) {
                String what = String.join(" ", model) + (weighted ? " weighted" : "");
                String[] cv = {"--folds", "4", "--seed", "3", "--n-lambda", "30", "--tol", "1e-20", "--json"};
                String[] sparse = args("cv", reg.toString(), "--format", "libsvm");
                String[] dense = args("cv", regDense.toString(), "-t", "label");
                if (weighted) {
                    sparse = plus(sparse, "--weights", weights.toString());
                    dense = plus(dense, "--weights", "w");
                } else {
                    dense = plus(dense, "--exclude", "w");
                }
                CliTest.Run sr = run(plus(plus(sparse, model), cv));
                CliTest.Run dr = run(plus(plus(dense, model), cv));
                assertThat(sr.code()).as(what + "\n" + sr.err()).isZero();
                assertThat(dr.code()).as(what + "\n" + dr.err()).isZero();
                JsonNode sp = JSON.readTree(sr.out());
                JsonNode de = JSON.readTree(dr.out());
                assertThat(sp.get("cv").size()).as(what).isEqualTo(30).isEqualTo(de.get("cv").size());
                for (int k = 0; k < 30; k++) {
                    JsonNode a = sp.get("cv").get(k);
                    JsonNode b = de.get("cv").get(k);
                    double lambda = b.get("lambda").asDouble();
                    assertThat(a.get("lambda").asDouble()).as(what + " λ " + k).isCloseTo(lambda,
                            offset(1e-12 * lambda));
                    double mse = b.get("mse").asDouble();
                    assertThat(a.get("mse").asDouble()).as(what + " mse " + k).isCloseTo(mse, offset(1e-8 * mse));
                    assertThat(a.get("se").asDouble()).as(what + " se " + k).isCloseTo(b.get("se").asDouble(),
                            offset(1e-8 * mse));
                    assertThat(a.get("nonzero").asInt()).as(what + " nonzero " + k).isEqualTo(b.get("nonzero")
                            .asInt());
                }
                assertThat(sp.get("lambda_min").asDouble()).isCloseTo(de.get("lambda_min").asDouble(),
                        offset(1e-12 * de.get("lambda_min").asDouble()));
                assertThat(sp.get("lambda_1se").asDouble()).isCloseTo(de.get("lambda_1se").asDouble(),
                        offset(1e-12 * de.get("lambda_1se").asDouble()));
                assertThat(sp.get("lambda_min").asDouble()).as(what + ": a choice inside the path")
                        .isLessThan(sp.get("cv").get(0).get("lambda").asDouble());
                assertThat(sp.get("features").asInt()).isEqualTo(30);
                // the sparse JSON lists the non-zero coefficients only; the dense one every feature
                JsonNode sc = sp.get("coefficients_min");
                JsonNode dc = de.get("coefficients_min");
                int nonZero = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = dc.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    double v = e.getValue().asDouble();
                    if (v != 0 && !e.getKey().equals("(intercept)")) {
                        nonZero++;
                    }
                    if (v != 0 || e.getKey().equals("(intercept)")) {
                        assertThat(sc.get(e.getKey())).as(what + " " + e.getKey()).isNotNull();
                        assertThat(sc.get(e.getKey()).asDouble()).as(what + " " + e.getKey()).isCloseTo(v,
                                offset(1e-8 * Math.max(1, Math.abs(v))));
                    }
                }
                assertThat(sc.size()).as(what).isEqualTo(nonZero + 1);
            }
        }
        // the text report on the embedded hashed click log, and fit choosing λ the same way
        CliTest.Run text = run("cv", "clicks", "--hash", SparseTasks.HASH, "--folds", "3", "--n-lambda", "12");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("lasso, 3-fold cross-validation on clicks (seed 42)", "<- lambda.min",
                "lambda.min ");
        CliTest.Run fitCv = run("fit", reg.toString(), "--format", "libsvm", "--model", "lasso", "--folds", "4",
                "--seed", "3", "--n-lambda", "30", "--tol", "1e-20", "--json");
        assertThat(fitCv.code()).as(fitCv.err()).isZero();
        JsonNode chosen = JSON.readTree(fitCv.out());
        JsonNode cvRun = JSON.readTree(run("cv", reg.toString(), "--format", "libsvm", "--folds", "4", "--seed", "3",
                "--n-lambda", "30", "--tol", "1e-20", "--json").out());
        assertThat(chosen.get("lambda").asDouble()).isEqualTo(cvRun.get("lambda_min").asDouble());
        assertThat(chosen.get("lambda_chosen_by").asText()).isEqualTo("4-fold cross-validation (lambda.min; seed 3)");
    }

    @Test
    @DisplayName("S31 path on sparse inputs: the dense path of the same rows, each λ's non-zeros (indices, values, "
            + "names) in one JSON format for both")
    void pathOnSparseInputsEqualsTheDensePath() throws IOException {
        for (boolean weighted : new boolean[] {false, true}) {
            String[] sparse = args("path", reg.toString(), "--format", "libsvm", "--n-lambda", "25", "--tol", "1e-20",
                    "--json");
            String[] dense = args("path", regDense.toString(), "-t", "label", "--n-lambda", "25", "--tol", "1e-20",
                    "--json");
            sparse = weighted ? plus(sparse, "--weights", weights.toString()) : sparse;
            dense = plus(dense, weighted ? new String[] {"--weights", "w"} : new String[] {"--exclude", "w"});
            CliTest.Run sr = run(sparse);
            CliTest.Run dr = run(dense);
            assertThat(sr.code()).as(sr.err()).isZero();
            assertThat(dr.code()).as(dr.err()).isZero();
            JsonNode sp = JSON.readTree(sr.out());
            JsonNode de = JSON.readTree(dr.out());
            assertThat(sp.get("features").asInt()).isEqualTo(30).isEqualTo(de.get("features").asInt());
            assertThat(sp.get("path").size()).isEqualTo(25).isEqualTo(de.get("path").size());
            int last = 0;
            for (int k = 0; k < 25; k++) {
                JsonNode a = sp.get("path").get(k);
                JsonNode b = de.get("path").get(k);
                String what = (weighted ? "weighted " : "") + "λ " + k;
                assertThat(a.get("lambda").asDouble()).as(what).isCloseTo(b.get("lambda").asDouble(),
                        offset(1e-12 * b.get("lambda").asDouble()));
                assertThat(a.get("intercept").asDouble()).as(what).isCloseTo(b.get("intercept").asDouble(),
                        offset(1e-8));
                JsonNode ca = a.get("coefficients");
                JsonNode cb = b.get("coefficients");
                assertThat(ca.get("size").asInt()).isEqualTo(30);
                assertThat(ca.get("indices")).as(what).isEqualTo(cb.get("indices"));
                assertThat(ca.get("names")).as(what).isEqualTo(cb.get("names"));
                assertThat(ca.get("indices").size()).as(what).isEqualTo(a.get("nonzero").asInt())
                        .isEqualTo(ca.get("values").size());
                for (int t = 0; t < ca.get("values").size(); t++) {
                    assertThat(ca.get("values").get(t).asDouble()).as(what).isCloseTo(
                            cb.get("values").get(t).asDouble(), offset(1e-8));
                    // a LIBSVM feature j (1-based in the file) is column j − 1, named fj
                    assertThat(ca.get("names").get(t).asText()).isEqualTo("f" + (ca.get("indices").get(t).asInt() + 1));
                }
                last = a.get("nonzero").asInt();
            }
            assertThat(last).as("the path ends with non-zero coefficients").isPositive();
        }
        CliTest.Run hashedText = run("path", "clicks", "--hash", SparseTasks.HASH, "--n-lambda", "8");
        assertThat(hashedText.code()).as(hashedText.err()).isZero();
        assertThat(hashedText.out()).contains("lasso path on clicks: 8 λ values, 4000 rows, 5157 features");
        JsonNode h = JSON.readTree(run("path", "clicks", "--hash", SparseTasks.HASH, "--n-lambda", "8", "--json").out());
        JsonNode end = h.get("path").get(7).get("coefficients");
        assertThat(end.get("indices").size()).isPositive().isEqualTo(h.get("path").get(7).get("nonzero").asInt());
        assertThat(end.get("names").toString()).contains("site#");
        Object[][] refused = {
                {args("path", reg.toString(), "--format", "libsvm", "--folds", "3"),
                        "--folds does not apply to linea path --model lasso on sparse inputs (--format libsvm)"},
                {args("path", reg.toString(), "--format", "libsvm", "--target", "y"),
                        "--target does not apply to sparse inputs (--format libsvm) with --model lasso"},
                {args("path", hashed.toString(), "-t", "spend", "--hash", "city:4", "--categorical", "device"),
                        "--categorical does not apply to sparse inputs (--hash city:4)"},
                {args("path", reg.toString(), "--format", "libsvm", "--n-lambda", "1000000000"),
                        "--n-lambda 1000000000 (1 sparse path of 1000000000 λ"},
                {args("cv", reg.toString(), "--format", "libsvm", "--n-lambda", "1000000000"),
                        "--n-lambda 1000000000 (11 sparse paths"},
                {args("fit", reg.toString(), "--format", "libsvm", "--model", "lasso", "--n-lambda", "1000000000"),
                        "needs about"}};
        for (Object[] c : refused) {
            CliTest.Run r = run((String[]) c[0]);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains((String) c[1]);
        }
    }

    @Test
    @DisplayName("S28 fit --model gd on sparse inputs: the dense gd fit of the same rows (batch, stochastic)")
    void gdEqualsTheDenseFit() throws IOException {
        for (String[] opts : List.of(args("--model", "gd"), args("--model", "gd", "--gd-mode", "stochastic",
                "--seed", "9", "--epochs", "20", "--schedule", "step", "--decay", "1"))) {
            JsonNode sp = json(plus(plus(args("fit", reg.toString(), "--format", "libsvm"), opts), "--json"));
            JsonNode de = json(plus(plus(args("fit", regDense.toString(), "-t", "label", "--exclude", "w"), opts),
                    "--json"));
            assertSameCoefficients(String.join(" ", opts), sp, de, 1e-9);
            assertThat(sp.get("final_loss").asDouble()).isCloseTo(de.get("final_loss").asDouble(),
                    offset(1e-12 * de.get("final_loss").asDouble()));
            assertThat(sp.get("report").get("iterations").asInt()).isEqualTo(de.get("report").get("iterations")
                    .asInt());
        }
    }

    @Test
    @DisplayName("S11 what stays refused on sparse inputs: exit 2 naming the option (and the model)")
    void whatStaysRefusedIsNamed() throws IOException {
        Object[][] cases = {
                {args("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--weights",
                        weights.toString(), "--test", regTest.toString()),
                        "--weights does not apply to sparse inputs (--format libsvm with --test) with --model ridge"},
                {args("fit", reg.toString(), "--format", "libsvm", "--model", "lasso", "--lambda", "0.1", "--folds",
                        "3"), "--folds does not apply"},
                {args("cv", reg.toString(), "--format", "libsvm", "--test-fraction", "0.2"),
                        "--test-fraction does not apply to linea cv --model lasso on sparse inputs (--format libsvm)"},
                {args("cv", reg.toString(), "--format", "libsvm", "--model", "ols"),
                        "--model ols does not apply to sparse inputs (--format libsvm), expected one of the sparse fits"},
                {args("cv", reg.toString(), "--format", "libsvm", "--model", "huber", "--folds", "3"),
                        "--model huber does not apply to sparse inputs (--format libsvm)"},
                {args("cv", reg.toString(), "--format", "libsvm", "--model", "ridge", "--test-fraction", "0.2"),
                        "--test-fraction does not apply to linea cv"},
                {args("cv", reg.toString(), "--format", "libsvm", "--model", "poisson", "--offset", "f1"),
                        "--offset does not apply to sparse inputs (--format libsvm) with --model poisson"},
                {args("cv", reg.toString(), "--format", "libsvm", "--model", "ridge", "--lambda", "1"),
                        "--lambda does not apply to --model ridge"},
                {args("fit", reg.toString(), "--format", "libsvm", "--model", "gd", "--batch-size", "4"),
                        "--batch-size applies only with --gd-mode mini_batch"},
                {args("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--weights",
                        dir.resolve("missing.wts").toString()), "missing.wts"},
                {args("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--test",
                        regDense.toString()), "reg.csv"}};
        for (Object[] c : cases) {
            String[] a = (String[]) c[0];
            CliTest.Run r = run(a);
            assertThat(r.code()).as(String.join(" ", a) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", a)).contains((String) c[1]);
        }
    }

    @Test
    @DisplayName("S16 S17 a bad sidecar weights file, a test file wider than the training: exit 2 naming the line")
    void weightsAndTestFileErrorsNameTheLine() throws IOException {
        // a sidecar with a bad line, or too few weights: the file, the line, what was expected
        Path bad = Files.writeString(dir.resolve("bad.wts"), Files.readString(weights).replaceFirst("\n", "\nx\n"));
        CliTest.Run r = run("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--weights",
                bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ": line 2: weight 'x', expected a finite number >= 0");
        Path few = Files.writeString(dir.resolve("few.wts"), "1\n2\n");
        r = run("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--weights", few.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has 2 weights, expected 200 (one per row of " + reg);
        Path cols = Files.writeString(dir.resolve("wide-test.svm"), "1 31:1\n");
        r = run("fit", reg.toString(), "--format", "libsvm", "--model", "ridge", "--test", cols.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("index 31, expected at most 30");
        r = run("fit", hashed.toString(), "-t", "spend", "--hash", "city:4", "--weights", "wt", "--model", "ridge");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(hashed + ": no --weights column 'wt', expected one of [spend, price, city, "
                + "device, w]");
        // a model's "row N (1-based)" of a split's training rows names the file's row and line
        StringBuilder odd = new StringBuilder("# one label is not binary\n");
        for (int i = 0; i < 20; i++) {
            odd.append(i == 14 ? 2 : i % 2).append(" 1:").append(i % 3 + 1).append(" 2:0.5\n");
        }
        Path oddFile = Files.writeString(dir.resolve("odd.svm"), odd);
        r = run("fit", oddFile.toString(), "--format", "libsvm", "--model", "logistic", "--test-fraction", "0.3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2.0 at row 15 (1-based; line 16 of " + oddFile + ")");
        r = run("cv", oddFile.toString(), "--format", "libsvm", "--model", "logistic", "--folds", "3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2.0 at row 15 (1-based; line 16 of " + oddFile + ")");
        Path label = Files.writeString(dir.resolve("label-test.svm"), "2 1:1\n");
        r = run("fit", cls.toString(), "--format", "libsvm", "--model", "logistic", "--test", label.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has the label 2.0 on its row 1 (line 1), expected a binary label 0 or 1");
    }
}
