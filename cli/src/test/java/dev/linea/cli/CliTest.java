package dev.linea.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end, in-process: exit codes and what a person sees. */
class CliTest {

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void backendsListsEveryBackend() {
        Run r = run("backends");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("scalar", "vector", "native", "auto", "default backend");
    }

    @Test
    void backendsJson() {
        Run r = run("backends", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"backends\"", "\"name\" : \"scalar\"", "\"available\" : true");
    }

    @Test
    void backendsShowTheThreadSetting() {
        Run r = run("--threads", "3", "backends", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"threads\" : {", "\"count\" : 3", "\"source\" : \"--threads\"");
        Run after = run("backends", "--threads", "1");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).contains("threads: 1 from --threads");
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), dev.linea.kernels.Threads.MAX);
        assertThat(run("backends").out()).contains("threads: " + cores + " from all cores (the default)");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C50 --threads outside 1..256, or a bad -Dlinea.threads: exit 2 naming the value")
    void badThreadCount() {
        Run r = run("--threads", "0", "backends");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--threads is 0, expected a whole number from 1 to 256");
        assertThat(run("fit", "diabetes", "--threads", "300").err())
                .contains("--threads is 300, expected a whole number from 1 to 256");
        System.setProperty(dev.linea.kernels.Threads.PROPERTY, "two");
        try {
            Run p = run("backends");
            assertThat(p.code()).isEqualTo(2);
            assertThat(p.err()).contains("linea.threads = 'two', expected a whole number from 1 to 256");
        } finally {
            System.clearProperty(dev.linea.kernels.Threads.PROPERTY);
        }
    }

    @Test
    void fitOlsOnEmbeddedDiabetes() {
        Run r = run("fit", "diabetes", "--backend", "scalar");
        assertThat(r.code()).as(r.err()).isZero();
        // statsmodels' OLS on the same data gives bmi = 5.60296 (see models' goldens).
        assertThat(r.out()).contains("bmi", "5.60296", "R² 0.517");
    }

    @Test
    void fitJson() {
        Run r = run("fit", "diabetes", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"coefficients\"", "\"report\"", "\"training_metrics\"");
    }

    @Test
    void summaryPrintsTheInferenceTable() {
        Run r = run("summary", "diabetes");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("R-squared", "P>|t|", "Durbin-Watson", "Cond. No.");
    }

    @Test
    void userCsvWithTarget(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("line.csv");
        Files.writeString(csv, "x,y\n0,1\n1,3\n2,5\n3,7\n");
        Run r = run("fit", csv.toString(), "--target", "y", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"x\" : 2.0");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C01 a bad CSV cell: exit 2 naming line, column and value")
    void badCsvNamesLineAndColumnAndExitsTwo(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x,y\n0,1\n1,oops\n");
        Run r = run("fit", csv.toString(), "--target", "y");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 3, column 'y': 'oops' is not a number");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C01 a ragged CSV row: exit 2 naming the line")
    void raggedCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("ragged.csv");
        Files.writeString(csv, "x,y\n0,1\n1\n");
        Run r = run("fit", csv.toString(), "--target", "y");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 3 has 1 fields, expected 2");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C02 missing target column or file")
    void missingTargetAndMissingFile() {
        assertThat(run("fit", "no-such-file.csv", "--target", "y").err()).contains("no such file");
        assertThat(run("fit", "diabetes", "--target", "nope").err()).contains("no column 'nope'");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C03 unknown backend or solver: exit 2 with the known names")
    void unknownBackendAndSolver() {
        Run r = run("fit", "diabetes", "--backend", "gpu");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown backend 'gpu'", "scalar, vector, native, auto");
        assertThat(run("fit", "diabetes", "--solver", "magic").err()).contains("--solver = 'magic'");
    }

    @Test
    void fitSaveThenPredict(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.json");
        Run fit = run("fit", "diabetes", "--save", model.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        Path out = dir.resolve("pred.csv");
        Run p = run("predict", "--model", model.toString(), "diabetes", "--out", out.toString());
        assertThat(p.code()).as(p.err()).isZero();
        java.util.List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(443);
        assertThat(lines.get(0)).isEqualTo("predicted_progression");
        assertThat(Double.parseDouble(lines.get(1))).isFinite();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("C05 a model file that does not match the data, or is truncated")
    void predictWithMissingColumnOrBadModel(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.json");
        run("fit", "diabetes", "--save", model.toString());
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "age,sex\n1,2\n");
        assertThat(run("predict", "--model", model.toString(), csv.toString()).err()).contains("no column 'bmi'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(model).substring(0, 50));
        Run r = run("predict", "--model", broken.toString(), "diabetes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not a complete JSON document");
    }
}
