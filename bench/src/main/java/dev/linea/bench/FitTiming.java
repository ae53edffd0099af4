package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.models.Dataset;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Poisson;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeSolver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whole fits on data written by {@code bench/reference/run_reference.py}, so that Linea and the reference tools
 * (scikit-learn, numpy, statsmodels, glmnet) fit the very same numbers: the script writes X (m×n, row-major), the
 * Gaussian target, 0/1 labels and Poisson counts as little-endian doubles, runs this class, and puts its medians
 * next to the tools' in one table.
 *
 * <pre>  java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx8g \
 *       -cp bench/target/benchmarks.jar dev.linea.bench.FitTiming DIR M N REPEATS THREADS TASKS [BACKEND]</pre>
 *
 * DIR holds x.bin, y.bin, labels.bin, counts.bin; THREADS is a comma list (e.g. {@code 1,2}); TASKS a comma list of
 * ols_ne, ols_qr, ridge, lasso, logistic, poisson; BACKEND defaults to auto. Each fit runs once to warm up (JIT,
 * first-use calibration), then REPEATS times with {@link Threads#call} in force; one JSON line per task and thread
 * count goes to standard output: {@code {"task", "threads", "seconds" (median), "runs"}}. Wall-clock time, like the
 * tools' {@code time.perf_counter}: run it with nothing else on the machine.
 */
public final class FitTiming {
    private FitTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            throw new IllegalArgumentException("usage: FitTiming DIR M N REPEATS THREADS TASKS [BACKEND], found "
                    + args.length + " arguments");
        }
        Path dir = Path.of(args[0]);
        int m = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        int[] threads = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> tasks = List.of(args[5].split(","));
        Backend backend = Backends.named(args.length > 6 ? args[6] : "auto");
        double[] x = read(dir.resolve("x.bin"), (long) m * n);
        Dataset gaussian = Dataset.wrap(m, n, x, read(dir.resolve("y.bin"), m), null, null, "y");
        Map<String, Supplier<Object>> fits = new LinkedHashMap<>();
        fits.put("ols_ne", () -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS),
                backend).fit(gaussian).model());
        fits.put("ols_qr", () -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR), backend)
                .fit(gaussian).model());
        fits.put("ridge", () -> new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), backend).fit(gaussian)
                .model());
        fits.put("lasso", () -> new ElasticNet(ElasticNetOptions.lasso(), backend).fit(gaussian).lambda(99));
        if (tasks.contains("logistic")) {
            Dataset labels = Dataset.wrap(m, n, x, read(dir.resolve("labels.bin"), m), null, null, "label");
            fits.put("logistic", () -> new LogisticRegression(
                    LogisticOptions.defaults().withSolver(LogisticSolver.LBFGS), backend).fit(labels).model());
        }
        if (tasks.contains("poisson")) {
            Dataset counts = Dataset.wrap(m, n, x, read(dir.resolve("counts.bin"), m), null, null, "count");
            fits.put("poisson", () -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()), backend).fit(counts)
                    .params());
        }
        PrintStream out = System.out;
        for (String task : tasks) {
            Supplier<Object> fit = fits.get(task);
            if (fit == null) {
                throw new IllegalArgumentException("task '" + task + "', expected one of " + fits.keySet());
            }
            for (int t : threads) {
                Threads.call(t, fit::get); // warm-up: JIT, first-use calibration
                List<Double> runs = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    Threads.call(t, fit::get);
                    runs.add((System.nanoTime() - t0) / 1e9);
                }
                List<Double> sorted = new ArrayList<>(runs);
                sorted.sort(null);
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : 0.5 * (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2));
                StringBuilder line = new StringBuilder();
                line.append(String.format(Locale.ROOT, "{\"task\": \"%s\", \"threads\": %d, \"backend\": \"%s\", "
                        + "\"seconds\": %.6f, \"runs\": [", task, t, backend.name(), median));
                for (int r = 0; r < runs.size(); r++) {
                    line.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", runs.get(r)));
                }
                out.println(line.append("]}"));
                out.flush();
            }
        }
    }

    /** {@code count} little-endian doubles from a file of exactly that many. */
    static double[] read(Path file, long count) throws IOException {
        double[] v = new double[Math.toIntExact(count)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != count * 8) {
                throw new IllegalArgumentException(file + " holds " + ch.size() + " bytes, expected " + count * 8
                        + " (" + count + " doubles)");
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 24).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            while (at < v.length) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), (long) (v.length - at) * 8);
                buf.limit(want);
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw new IOException(file + " ended early at double " + at);
                    }
                }
                buf.flip();
                int k = want / 8;
                buf.asDoubleBuffer().get(v, at, k);
                at += k;
            }
        }
        return v;
    }
}
