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
import java.util.List;
import java.util.Random;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * {@code fit}/{@code predict} on sparse inputs (issue 19): a LIBSVM file and a CSV with hashed text columns fit
 * exactly what the dense path fits on the same data written out densely (the dense estimators carry the
 * scikit-learn and glmnet goldens), the model files replay the numbering and the hashing in {@code predict}, and
 * every model, option and input that does not apply is refused with exit 2, naming it (docs/errors.md S-rows).
 */
class SparseCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 40;
    @TempDir
    static Path dir;
    static Path svm;
    static Path svmDense;
    static Path hashed;
    static Path hashedDense;

    /**
     * 250 rows of 6 non-zeros among 40 features, labels ±1 from a sparse truth with noise; the same rows densely
     * (f1 … f40, label 0/1). A CSV with a price and two text columns; its hashed design written densely with the
     * library's FeatureHashing (city#0 … city#15, device#0 … device#7).
     */
    @BeforeAll
    static void files() throws IOException {
        Random r = new Random(19);
        StringBuilder s = new StringBuilder("# a comment line, then the rows\n");
        StringBuilder d = new StringBuilder("label");
        for (int j = 1; j <= N; j++) {
            d.append(",f").append(j);
        }
        d.append('\n');
        for (int i = 0; i < 250; i++) {
            double[] row = new double[N];
            double eta = 0;
            for (int k = 0; k < 6; k++) {
                int j = r.nextInt(N);
                row[j] = Math.round(r.nextGaussian() * 100) / 100.0;
                eta += (j % 4 == 0 ? 1.5 : j % 4 == 1 ? -1 : 0) * row[j];
            }
            int y = eta + r.nextGaussian() > 0 ? 1 : -1;
            s.append(y > 0 ? "+1" : "-1");
            d.append(y > 0 ? 1 : 0);
            for (int j = 0; j < N; j++) {
                if (row[j] != 0) {
                    s.append(' ').append(j + 1).append(':').append(row[j]);
                }
                d.append(',').append(row[j]);
            }
            s.append('\n');
            d.append('\n');
        }
        svm = Files.writeString(dir.resolve("train.svm"), s);
        svmDense = Files.writeString(dir.resolve("train-dense.csv"), d);

        FeatureHashing h = FeatureHashing.parse(List.of("city:4", "device:3"), 0);
        String[] cities = {"paris", "lyon", "nice", "rome", "oslo", "bern", "riga"};
        String[] devices = {"ios", "android", "web"};
        StringBuilder c = new StringBuilder("clicked,price,city,device\n");
        StringBuilder cd = new StringBuilder("clicked,price");
        h.featureNames(List.of()).forEach(n -> cd.append(',').append(n));
        cd.append('\n');
        for (int i = 0; i < 300; i++) {
            String city = cities[r.nextInt(cities.length)];
            String dev = devices[r.nextInt(devices.length)];
            double price = Math.round(r.nextDouble() * 1000) / 1000.0;
            double eta = (city.length() == 4 ? 0.8 : -0.3) + (dev.equals("web") ? -0.9 : 0.2) + price;
            int y = eta + r.nextGaussian() > 0 ? 1 : 0;
            c.append(y).append(',').append(price).append(',').append(city).append(',').append(dev).append('\n');
            double[] x = new double[h.width()];
            int hc = h.hash(city);
            x[FeatureHashing.column(hc, 4)] += FeatureHashing.sign(hc);
            int hd = h.hash(dev);
            x[16 + FeatureHashing.column(hd, 3)] += FeatureHashing.sign(hd);
            cd.append(y).append(',').append(price);
            for (double v : x) {
                cd.append(',').append(v);
            }
            cd.append('\n');
        }
        hashed = Files.writeString(dir.resolve("clicks.csv"), c);
        hashedDense = Files.writeString(dir.resolve("clicks-dense.csv"), cd);
    }

    private static JsonNode json(String... args) throws IOException {
        CliTest.Run r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** The sparse fit's non-zero coefficients equal the dense fit's, and its zeros are the dense fit's zeros. */
    private static void assertSameFit(JsonNode sparse, JsonNode dense, double tol) {
        assertThat(sparse.get("intercept").asDouble()).isCloseTo(dense.get("intercept").asDouble(), offset(tol));
        int nonZero = 0;
        for (var it = dense.get("coefficients").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode s = sparse.get("coefficients").get(e.getKey());
            double v = s == null ? 0 : s.asDouble();
            assertThat(v).as(e.getKey()).isCloseTo(e.getValue().asDouble(), offset(tol));
            nonZero += v != 0 ? 1 : 0;
        }
        assertThat(sparse.get("nonzero_coefficients").asInt()).isEqualTo(nonZero);
        assertThat(sparse.get("coefficients").size()).isEqualTo(nonZero);
    }

    private static double[] predictions(String out) {
        String[] lines = out.strip().split("\n");
        double[] p = new double[lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            p[i - 1] = Double.parseDouble(cells[cells.length - 1]);
        }
        return p;
    }

    @Test
    @DisplayName("S20 fit --format libsvm --model logistic: the dense fit of the same rows; labels ±1 read as 0/1")
    void libsvmLogisticEqualsTheDenseFit() throws IOException {
        JsonNode sp = json("fit", svm.toString(), "--format", "libsvm", "--model", "logistic", "--c", "0.5",
                "--json");
        JsonNode de = json("fit", svmDense.toString(), "-t", "label", "--model", "logistic", "--c", "0.5", "--json");
        assertSameFit(sp, de, 1e-6);
        assertThat(sp.get("rows").asInt()).isEqualTo(250);
        assertThat(sp.get("features").asInt()).isEqualTo(N);
        assertThat(sp.get("labels").asText()).isEqualTo("labels -1/+1 read as 0/1");
        assertThat(sp.get("training_metrics").get("log_loss").asDouble())
                .isCloseTo(de.get("training_metrics").get("log_loss").asDouble(), offset(1e-9));
    }

    @Test
    @DisplayName("S21 fit --format libsvm --model lasso/elasticnet --lambda: the dense fit; save and predict "
            + "--format libsvm replay it")
    void libsvmLassoSavesAndPredicts() throws IOException {
        Path model = dir.resolve("lasso.json");
        JsonNode sp = json("fit", svm.toString(), "--format", "libsvm", "--model", "lasso", "--lambda", "0.03",
                "--save", model.toString(), "--json");
        // the dense file's label is 0/1: the same rows' lasso on the ±1 labels is its affine image, so compare
        // against a dense fit of ±1 labels written out
        Path pm = Files.writeString(dir.resolve("pm.csv"), Files.readString(svmDense).replaceAll("(?m)^0,", "-1,"));
        JsonNode de = json("fit", pm.toString(), "-t", "label", "--model", "lasso", "--lambda", "0.03", "--json");
        assertSameFit(sp, de, 1e-7);
        assertThat(sp.get("nonzero_coefficients").asInt()).isLessThan(N);
        JsonNode en = json("fit", svm.toString(), "--format", "libsvm", "--model", "elasticnet", "--l1-ratio", "0.3",
                "--lambda", "0.05", "--json");
        JsonNode enDense = json("fit", pm.toString(), "-t", "label", "--model", "elasticnet", "--l1-ratio", "0.3",
                "--lambda", "0.05", "--json");
        assertSameFit(en, enDense, 1e-7);

        CliTest.Run p = run("predict", "--model", model.toString(), svm.toString(), "--format", "libsvm");
        assertThat(p.code()).as(p.err()).isZero();
        Path dm = dir.resolve("lasso-dense.json");
        assertThat(run("fit", pm.toString(), "-t", "label", "--model", "lasso", "--lambda", "0.03", "--save",
                dm.toString()).code()).isZero();
        CliTest.Run q = run("predict", "--model", dm.toString(), pm.toString());
        assertThat(p.out()).startsWith("predicted_label\n");
        assertThat(predictions(p.out())).containsExactly(predictions(q.out()), offset(1e-7));
        assertThat(Files.readString(model)).contains("\"numbered\"", "\"indices\"");
    }

    @Test
    @DisplayName("S24 fit --format libsvm --model ridge / poisson: the dense fit of the same rows")
    void libsvmRidgeAndPoissonEqualTheDenseFits() throws IOException {
        Path pm = Files.writeString(dir.resolve("pm2.csv"), Files.readString(svmDense).replaceAll("(?m)^0,", "-1,"));
        assertSameFit(json("fit", svm.toString(), "--format", "libsvm", "--model", "ridge", "--alpha", "2",
                "--json"), json("fit", pm.toString(), "-t", "label", "--model", "ridge", "--alpha", "2", "--json"),
                1e-7);
        Path counts = Files.writeString(dir.resolve("counts.svm"), Files.readString(svm)
                .replaceAll("(?m)^-1 ", "0 ").replaceAll("(?m)^\\+1 ", "2 "));
        Path countsDense = Files.writeString(dir.resolve("counts.csv"), Files.readString(svmDense)
                .replaceAll("(?m)^1,", "2,"));
        assertSameFit(json("fit", counts.toString(), "--format", "libsvm", "--model", "poisson", "--json"),
                json("fit", countsDense.toString(), "-t", "label", "--model", "poisson", "--json"), 1e-6);
        CliTest.Run r = run("fit", svm.toString(), "--format", "libsvm", "--model", "ridge", "--solver", "eigen");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--solver does not apply to --model ridge on sparse inputs");
    }

    @Test
    @DisplayName("S22 fit --hash city:4,device:3: the dense fit of the hashed columns; predict replays the hashing")
    void hashedCsvEqualsTheDenseFitAndPredictReplaysIt() throws IOException {
        Path model = dir.resolve("hashed.json");
        JsonNode sp = json("fit", hashed.toString(), "-t", "clicked", "--hash", "city:4", "--hash", "device:3",
                "--model", "logistic", "--save", model.toString(), "--json");
        JsonNode de = json("fit", hashedDense.toString(), "-t", "clicked", "--model", "logistic", "--json");
        assertSameFit(sp, de, 1e-6);
        assertThat(Files.readString(model)).contains("\"step\" : \"hash\"", "murmurhash3_x86_32");

        CliTest.Run p = run("predict", "--model", model.toString(), hashed.toString());
        assertThat(p.code()).as(p.err()).isZero();
        Path dm = dir.resolve("hashed-dense.json");
        assertThat(run("fit", hashedDense.toString(), "-t", "clicked", "--model", "logistic", "--save",
                dm.toString()).code()).isZero();
        CliTest.Run q = run("predict", "--model", dm.toString(), hashedDense.toString());
        assertThat(predictions(p.out())).containsExactly(predictions(q.out()), offset(1e-7));
        // a seed is part of the hash: another seed is another design (and the file records it)
        JsonNode seeded = json("fit", hashed.toString(), "-t", "clicked", "--hash", "city:4,device:3",
                "--hash-seed", "7", "--model", "logistic", "--json");
        assertThat(seeded.get("coefficients").toString()).isNotEqualTo(sp.get("coefficients").toString());
    }

    @Test
    @DisplayName("S23 the embedded click log: fit --hash and --format libsvm, save, predict by name")
    void embeddedClickLogEndToEnd() {
        for (String[] fit : new String[][] {
                {"fit", "clicks", "--hash", SparseTasks.HASH, "--model", "logistic"},
                {"fit", "clicks.svm", "--format", "libsvm", "--model", "logistic"}}) {
            Path model = dir.resolve(fit[1] + ".json");
            List<String> args = new ArrayList<>(List.of(fit));
            args.addAll(List.of("--save", model.toString()));
            CliTest.Run f = run(args.toArray(String[]::new));
            assertThat(f.code()).as(f.err()).isZero();
            assertThat(f.out()).contains("4000 rows");
            CliTest.Run p = fit[1].endsWith(".svm")
                    ? run("predict", "--model", model.toString(), fit[1], "--format", "libsvm")
                    : run("predict", "--model", model.toString(), fit[1]);
            assertThat(p.code()).as(p.err()).isZero();
            double[] pred = predictions(p.out());
            assertThat(pred).hasSize(4000);
            // an unpenalized intercept: at the optimum the mean probability is the click rate, 953 / 4000
            assertThat(java.util.Arrays.stream(pred).average().orElseThrow()).isCloseTo(953 / 4000.0,
                    offset(1e-6));
        }
    }

    @Test
    @DisplayName("S10 a model that fits no sparse design: exit 2 naming it and the sparse fits")
    void denseOnlyModelsAreRefused() {
        for (Estimator e : Estimator.values()) {
            if (Estimator.SPARSE.contains(e)) {
                continue;
            }
            CliTest.Run r = run("fit", svm.toString(), "--format", "libsvm", "--model", e.name());
            assertThat(r.code()).as(e.name()).isEqualTo(2);
            assertThat(r.err()).contains("--model " + e.name() + " does not apply to sparse inputs (--format libsvm)",
                    "logistic, lasso, elasticnet, ridge, poisson");
        }
        CliTest.Run r = run("fit", hashed.toString(), "-t", "clicked", "--hash", "city:4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--model ols (the default) does not apply to sparse inputs (--hash city:4)");
    }

    @Test
    @DisplayName("S11 options that do not apply to sparse inputs: exit 2 naming the option (--test, --test-fraction, "
            + "--weights and cv apply since session 4: SparseHeldOutCliTest)")
    void optionsThatNeedDenseRowsAreRefused() {
        String[][] cases = {
                {"--poly", "2"}, {"--standardize"}, {"--target", "y"}, {"--exclude", "f1"}, {"--categorical", "f1"},
                {"--numeric", "f1"}, {"--reference", "f1=a"}, {"--missing", "drop"}, {"--formula", "label ~ f1"},
                {"--positive", "1"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("fit", svm.toString(), "--format", "libsvm", "--model",
                    "logistic"));
            args.addAll(List.of(c));
            CliTest.Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains(c[0] + " does not apply to sparse inputs (--format libsvm) with "
                    + "--model logistic");
        }
        CliTest.Run off = run("fit", hashed.toString(), "-t", "clicked", "--hash", "city:4", "--model", "lasso",
                "--lambda", "0.1", "--folds", "3");
        assertThat(off.code()).isEqualTo(2);
        assertThat(off.err()).contains("--folds does not apply");
        CliTest.Run nLambda = run("fit", svm.toString(), "--format", "libsvm", "--model", "lasso", "--lambda", "0.1",
                "--n-lambda", "10");
        assertThat(nLambda.code()).isEqualTo(2);
        assertThat(nLambda.err()).contains("--n-lambda does not apply with --lambda");
        CliTest.Run model = run("fit", svm.toString(), "--format", "libsvm", "--model", "logistic", "--lambda", "1");
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.err()).contains("--lambda does not apply to --model logistic");
    }

    @Test
    @DisplayName("S12 --format, --hash, --hash-seed, --features misused: exit 2 naming the option")
    void formatOptionsAreChecked() {
        String[][] cases = {
                {"--format", "parquet"}, {"--format", "libsvm", "--hash", "a:3"}, {"--hash-seed", "3"},
                {"--features", "10"}, {"--hash", "city"}, {"--hash", "city:29"}};
        String[] expect = {"--format = 'parquet', expected csv or libsvm", "--hash does not apply to --format libsvm",
                "--hash-seed applies only with --hash", "--features applies only with --format libsvm",
                "--hash 'city', expected COLUMN:BITS", "29 bits, expected 1 to 28"};
        for (int k = 0; k < cases.length; k++) {
            List<String> args = new ArrayList<>(List.of("fit", hashed.toString(), "-t", "clicked", "--model",
                    "logistic"));
            args.addAll(List.of(cases[k]));
            CliTest.Run r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(expect[k]).isEqualTo(2);
            assertThat(r.err()).contains(expect[k]);
        }
        CliTest.Run col = run("fit", hashed.toString(), "-t", "clicked", "--hash", "town:4", "--model", "logistic");
        assertThat(col.code()).isEqualTo(2);
        assertThat(col.err()).contains("no --hash column 'town', expected one of [clicked, price, city, device]");
    }

    @Test
    @DisplayName("S13 bad LIBSVM content or labels: exit 2 with the file's line")
    void dataErrorsNameTheLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.svm"), "1 1:2 3:4\n# note\n\n0 2:1 2:5\n");
        CliTest.Run r = run("fit", bad.toString(), "--format", "libsvm", "--model", "logistic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ": line 4: index 2 after 2, expected increasing indices (a duplicate)");
        Path label = Files.writeString(dir.resolve("label.svm"), "1 1:2\n# note\n0 2:1\n\n2 1:1 2:1\n");
        CliTest.Run l = run("fit", label.toString(), "--format", "libsvm", "--model", "logistic");
        assertThat(l.code()).isEqualTo(2);
        assertThat(l.err()).contains("y has 2.0 at row 3 (1-based; line 5 of " + label + "), expected a binary "
                + "label 0 or 1");
        Path text = Files.writeString(dir.resolve("text.csv"), "y,age,city\n1,3,a\n0,old,b\n");
        CliTest.Run t = run("fit", text.toString(), "-t", "y", "--hash", "city:3", "--model", "logistic");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("line 3, column 'age': 'old', expected a finite number (a text column is "
                + "hashed with --hash age:BITS)");
    }

    @Test
    @DisplayName("S14 predict: a LIBSVM model without --format libsvm, --format libsvm with a CSV model, --keep, "
            + "an index beyond the model's features: exit 2")
    void predictMismatchesAreRefused() throws IOException {
        Path model = dir.resolve("l2.json");
        assertThat(run("fit", svm.toString(), "--format", "libsvm", "--model", "logistic", "--save",
                model.toString()).code()).isZero();
        CliTest.Run r = run("predict", "--model", model.toString(), svm.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("was fitted on a LIBSVM file (inputs f1 … f40), expected --format libsvm");
        Path dm = dir.resolve("dense.json");
        assertThat(run("fit", svmDense.toString(), "-t", "label", "--model", "logistic", "--save",
                dm.toString()).code()).isZero();
        CliTest.Run d = run("predict", "--model", dm.toString(), svm.toString(), "--format", "libsvm");
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains("--format libsvm: the model " + dm + " reads the named columns [f1,");
        CliTest.Run k = run("predict", "--model", model.toString(), svm.toString(), "--format", "libsvm", "--keep",
                "a");
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains("--keep does not apply to sparse inputs");
        CliTest.Run u = run("predict", "--model", model.toString(), svm.toString(), "--format", "libsvm", "--unseen",
                "zero");
        assertThat(u.code()).isEqualTo(2);
        assertThat(u.err()).contains("--unseen does not apply to sparse inputs");
        Path wide = Files.writeString(dir.resolve("wide.svm"), "1 1:1\n0 41:1\n");
        CliTest.Run w = run("predict", "--model", model.toString(), wide.toString(), "--format", "libsvm");
        assertThat(w.code()).isEqualTo(2);
        assertThat(w.err()).contains("line 2: index 41, expected at most 40");
    }

    @Test
    @DisplayName("S15 --penalty l1 / --solver newton on more features than a p × p Hessian fits in: exit 2 before "
            + "allocating")
    void hessianSolversAreRefusedOnWideDesigns() {
        CliTest.Run r = run("fit", svm.toString(), "--format", "libsvm", "--features", "100000000", "--model",
                "logistic", "--penalty", "l1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--penalty l1 on 100000000 sparse features: the 100000001 × 100000001 Hessian",
                "use --penalty l2 with --solver lbfgs");
        CliTest.Run n = run("fit", svm.toString(), "--format", "libsvm", "--features", "100000000", "--model",
                "logistic", "--solver", "newton");
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.err()).contains("--solver newton on 100000000 sparse features");
    }

    /**
     * The embedded LIBSVM click log's lasso cross-validation at every default (10 folds, 100 λ down to λ_max·1e-4,
     * tol 1e-12): its one-hot blocks with every level beside the intercept are collinear, and it exited 1 after more
     * than 15 minutes (maxPasses at the smallest λ). Now every λ of every fold is certified (docs/sparse.md).
     */
    @Test
    void clickLogLassoCrossValidationAtTheDefaultsIsCertified() {
        CliTest.Run cv = run("cv", "clicks.svm", "--format", "libsvm", "--model", "lasso");
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.err()).doesNotContain("did not reach");
        assertThat(cv.out()).contains("lambda.min", "lambda.1se");
    }
}
