package dev.linea.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.linea.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Files that cannot be read or written, lost output, sizes beyond the heap, failed fits and empty models. */
class FailureModesCliTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void fitOnce() {
        model = dir.resolve("m.json");
        assertThat(run("fit", "diabetes", "--save", model.toString()).code()).isZero();
    }

    /** A run whose stderr is one line (or a few) of messages and never a stack trace. */
    private static void assertNoStackTrace(CliTest.Run r) {
        assertThat(r.err() + r.out()).doesNotContain("Exception", "\tat ", "Caused by");
    }

    @Test
    @DisplayName("C28 predict --out to /proc, a directory, a missing directory, /dev/full: exit 2, one line")
    void unwritableOutputs() throws IOException {
        Path missing = dir.resolve("no-such-dir").resolve("p.csv");
        Object[][] cases = {
                {"/proc/x", "cannot write --out /proc/x"},
                {dir.toString(), "is a directory"},
                {missing.toString(), "no such directory"},
                {"/dev/full", "cannot write --out /dev/full: No space left on device"},
        };
        for (Object[] c : cases) {
            if (c[0].equals("/dev/full") && !Files.exists(Path.of("/dev/full"))) {
                continue;
            }
            CliTest.Run r = run("predict", "--model", model.toString(), "diabetes", "--out", (String) c[0]);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains((String) c[1]);
            assertNoStackTrace(r);
        }
        CliTest.Run save = run("fit", "diabetes", "--save", missing.toString());
        assertThat(save.code()).isEqualTo(2);
        assertThat(save.err()).contains("--save", "no such directory");
    }

    @Test
    @DisplayName("C29 unreadable inputs (a directory as the CSV or the model): exit 2, one line")
    void unreadableInputs() {
        CliTest.Run fit = run("fit", dir.toString(), "--target", "y");
        assertThat(fit.code()).isEqualTo(2);
        assertThat(fit.err()).contains("is a directory, expected a file");
        CliTest.Run predict = run("predict", "--model", model.toString(), dir.toString());
        assertThat(predict.code()).isEqualTo(2);
        assertThat(predict.err()).contains("is a directory");
        CliTest.Run m = run("predict", "--model", dir.toString(), "diabetes");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("--model", "is a directory");
        assertNoStackTrace(fit);
        assertNoStackTrace(predict);
        assertNoStackTrace(m);
    }

    @Test
    @DisplayName("C30 an unexpected exception: one line and exit 4, the stack trace only with LINEA_DEBUG")
    void unexpectedExceptionIsOneLine() throws Exception {
        CommandLine cmd = new CommandLine(new FitCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        java.lang.reflect.Method handle = Main.class.getDeclaredMethod("handle", Exception.class, CommandLine.class,
                CommandLine.ParseResult.class);
        handle.setAccessible(true);
        int code = (int) handle.invoke(null, new IllegalStateException("boom"), cmd, null);
        assertThat(code).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(err.toString()).contains("internal error", "boom", "LINEA_DEBUG").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("C31 --poly and --n-lambda beyond the heap: exit 2 up front with the size and the limit")
    void sizesBeyondTheHeapFailUpFront() throws IOException {
        Path four = dir.resolve("four.csv");
        Files.writeString(four, "a,b,c,d,y\n1,2,3,4,5\n2,1,4,3,6\n3,3,1,2,7\n4,4,2,1,9\n");
        CliTest.Run poly = run("fit", four.toString(), "--target", "y", "--poly", "40");
        assertThat(poly.code()).as(poly.err()).isEqualTo(2);
        assertThat(poly.err()).contains("--poly 40 expands 4 columns into 135750", "needs about", "GB",
                "maximum heap of");
        // The case: 3 columns, degree 50, 23425 columns: 8.8 GB, beyond any default heap here.
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "a,b,c,y\n1,2,3,5\n2,1,4,6\n3,3,1,7\n4,4,2,9\n");
        if (Runtime.getRuntime().maxMemory() < 8.0e9) {
            CliTest.Run p50 = run("fit", three.toString(), "--target", "y", "--poly", "50");
            assertThat(p50.code()).as(p50.err()).isEqualTo(2);
            assertThat(p50.err()).contains("into 23425", "maximum heap of");
        }
        CliTest.Run lasso = run("fit", "diabetes", "--model", "lasso", "--n-lambda", "1000000000");
        assertThat(lasso.code()).as(lasso.err()).isEqualTo(2);
        assertThat(lasso.err()).contains("--n-lambda 1000000000", "needs about", "maximum heap of");
        assertThat(run("path", "diabetes", "--n-lambda", "1000000000").code()).isEqualTo(2);
        assertThat(run("cv", "diabetes", "--n-lambda", "1000000000").code()).isEqualTo(2);
        assertNoStackTrace(poly);
        assertNoStackTrace(lasso);
    }

    /** A run whose standard output fails on every write, as a full disk or a closed pipe does. */
    private static synchronized CliTest.Run runToBrokenStdout(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("No space left on device");
                }
            }, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new CliTest.Run(code, "", err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    @DisplayName("C32 standard output that cannot be written (> /dev/full): exit 2 with a message")
    void lostStdoutIsAnError() {
        for (String[] args : new String[][] {
                {"predict", "--model", model.toString(), "diabetes"},
                {"predict", "--model", model.toString(), "diabetes", "--json"},
                {"fit", "diabetes"},
                {"summary", "diabetes"}}) {
            CliTest.Run r = runToBrokenStdout(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("cannot write to standard output");
        }
    }

    @Test
    @DisplayName("C33 a fit that exits non-zero writes no --save file")
    void failedFitSavesNothing() {
        Path g = dir.resolve("g.json");
        CliTest.Run r = run("fit", "diabetes", "--model", "gd", "--learning-rate", "1e-9", "--epochs", "5", "--save",
                g.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no model file written");
        assertThat(g).doesNotExist();
        Path diverged = dir.resolve("d.json");
        assertThat(run("fit", "diabetes", "--model", "gd", "--learning-rate", "1e9", "--save", diverged.toString())
                .code()).isEqualTo(1);
        assertThat(diverged).doesNotExist();
        Path softmax = dir.resolve("s.json");
        CliTest.Run s = run("fit", "iris", "--model", "softmax", "--penalty", "none", "--save", softmax.toString());
        if (s.code() != 0) {
            assertThat(softmax).doesNotExist();
        }
    }

    @Test
    @DisplayName("C34 lasso with zero features and --no-intercept: exit 2 like every other model")
    void emptyLassoIsRefused() throws IOException {
        Path csv = dir.resolve("xy.csv");
        Files.writeString(csv, "x,y\n1,2\n2,3\n3,5\n4,4\n5,6\n6,8\n7,7\n8,9\n9,11\n10,10\n11,12\n12,14\n");
        for (String m : new String[] {"lasso", "elasticnet", "ols", "ridge"}) {
            CliTest.Run r = run("fit", csv.toString(), "--target", "y", "--exclude", "x", "--no-intercept",
                    "--model", m);
            assertThat(r.code()).as(m + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("nothing to fit");
        }
        CliTest.Run fixed = run("fit", csv.toString(), "--target", "y", "--exclude", "x", "--no-intercept",
                "--model", "lasso", "--lambda", "0.1");
        assertThat(fixed.code()).isEqualTo(2);
    }

    @Test
    @DisplayName("C35 a prediction that overflows the inverse link: exit 1, nothing written, never Infinity")
    void nonFinitePredictionsFailTheRun() throws IOException {
        Path m = Files.writeString(dir.resolve("overflow.json"), """
                {"format": "linea-model", "version": 1, "family": "poisson", "link": "log", "target": "y",
                 "features": ["x"], "intercept": 0.0, "coefficients": [800.0], "training": {"rows": 3}}""");
        Path csv = Files.writeString(dir.resolve("x.csv"), "x\n0.5\n1\n0.25\n");
        Path out = dir.resolve("overflow.csv");
        for (String[] args : new String[][] {
                {"predict", "--model", m.toString(), csv.toString()},
                {"predict", "--model", m.toString(), csv.toString(), "--json"},
                {"predict", "--model", m.toString(), csv.toString(), "--out", out.toString()}}) {
            CliTest.Run r = run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("row 2 (1-based) scores Infinity", "nothing was written");
            assertThat(r.out()).doesNotContain("Infinity");
            assertNoStackTrace(r);
        }
        assertThat(out).doesNotExist();
    }
}
