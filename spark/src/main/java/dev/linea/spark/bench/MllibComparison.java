package dev.linea.spark.bench;

import dev.linea.models.LinearModel;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.spark.DistributedData;
import dev.linea.spark.DistributedLinearRegression;
import dev.linea.spark.DistributedOlsResult;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Linea's distributed least squares and logistic regression against Spark MLlib's {@code LinearRegression}
 * (normal solver) and {@code LogisticRegression} on the same generated data, in the same session: wall time of
 * each fit (median of the repeats), passes, and coefficient agreement. Run by {@code ./linea spark-bench}; see
 * docs/spark.md. Not a JMH benchmark: each fit is seconds to minutes of single-shot work over the whole cluster.
 *
 * <p>Arguments: see {@link #USAGE} ({@code ./linea spark-bench --help}); a bad one gets a message and exit
 * status 2.
 */
public final class MllibComparison {
    private MllibComparison() {
    }

    static final String USAGE = """
            usage: ./linea spark-bench [--rows N] [--cols N] [--partitions N] [--repeats N] [--master M] [--cache]
                                       [--warmup] [--skip-logistic] [--out FILE] [--conf key=value]...
            Linea's distributed OLS and logistic regression against Spark MLlib on the same generated data.
              --rows N          rows of generated data (1e6 or 1000000; default 1e6)
              --cols N          features (default 100)
              --partitions N    partitions of the data (default 2)
              --repeats N       timed fits of each estimator; the table gives the median (default 3)
              --master M        Spark master (default local[2]); local-cluster[W,C,MB] runs W executor JVMs of
                                C cores and MB MiB each (./linea sets up what they need)
              --cache           cache the generated DataFrame before timing
              --warmup          fit everything once on 1e5 rows first, so that no timed fit pays for the JIT
              --skip-logistic   least squares only
              --out FILE        also write the report (Markdown) to FILE
              --conf key=value  a Spark setting (repeatable)
              -h, --help        this text
            """;

    /** What the command line asked for. */
    record Args(long rows, int cols, int partitions, int repeats, String master, boolean cache, boolean logistic,
                boolean warmup, Path out, java.util.Map<String, String> conf) {
    }

    /** A command line that cannot run: its message names the argument and what was expected. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Args a;
        try {
            a = parse(args);
        } catch (UsageException e) {
            System.err.println("spark-bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        run(a);
    }

    /**
     * @throws UsageException for an unknown argument, a missing value or a value that is not a positive number
     *                        or not key=value
     */
    static Args parse(String[] args) {
        long rows = 1_000_000;
        int cols = 100;
        int partitions = 2;
        int repeats = 3;
        String master = "local[2]";
        boolean cache = false;
        boolean logistic = true;
        boolean warmup = false;
        Path out = null;
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--rows" -> rows = positive(arg, value(args, ++i, arg), Long.MAX_VALUE);
                case "--cols" -> cols = (int) positive(arg, value(args, ++i, arg), Integer.MAX_VALUE);
                case "--partitions" -> partitions = (int) positive(arg, value(args, ++i, arg), Integer.MAX_VALUE);
                case "--repeats" -> repeats = (int) positive(arg, value(args, ++i, arg), Integer.MAX_VALUE);
                case "--master" -> master = value(args, ++i, arg);
                case "--cache" -> cache = true;
                case "--skip-logistic" -> logistic = false;
                case "--warmup" -> warmup = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--conf" -> {
                    String kv = value(args, ++i, arg);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--conf is '" + kv + "', expected key=value");
                    }
                    conf.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        return new Args(rows, cols, partitions, repeats, master, cache, logistic, warmup, out, conf);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** A whole number ≥ 1 and ≤ max, written plainly or as 1e6. */
    private static long positive(String option, String text, long max) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " is '" + text + "', expected a whole number >= 1 (e.g. 1000000 or 1e6)");
        }
        if (!(v >= 1) || v != Math.rint(v) || v > max) {
            throw new UsageException(option + " is '" + text + "', expected a whole number from 1 to " + max);
        }
        return (long) v;
    }

    static void run(Args a) throws IOException {
        long rows = a.rows();
        int cols = a.cols();
        int partitions = a.partitions();
        int repeats = a.repeats();
        String master = a.master();
        boolean cache = a.cache();
        boolean logistic = a.logistic();
        boolean warmup = a.warmup();
        Path out = a.out();
        java.util.Map<String, String> conf = a.conf();
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("linea-vs-mllib")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "localhost");
        conf.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "# Linea vs Spark MLlib: %d×%d, %d partitions, master %s, source %s,"
                        + " %d repeat(s), Spark %s, Java %s", rows, cols, partitions, master,
                cache ? "cached DataFrame" : "generated on every pass", repeats, spark.version(),
                System.getProperty("java.version")));
        Dataset<Row> frame = GeneratedData.frame(spark, rows, cols, partitions, 7);
        if (cache) {
            frame = frame.persist(StorageLevel.MEMORY_AND_DISK());
            long t = System.nanoTime();
            long count = frame.count();
            lines.add(String.format(Locale.ROOT, "cached %d rows in %.1f s", count, (System.nanoTime() - t) / 1e9));
        }
        if (warmup) {
            // Every fit once on 1e5 rows, so that no timed fit pays for the JIT compiling its code.
            System.err.println("warm-up on 100000 rows");
            fits(GeneratedData.frame(spark, 100_000, cols, partitions, 11), 1, logistic, new ArrayList<>());
            lines.add("warm-up: every fit once on 100000 rows before timing");
        }
        fits(frame, repeats, logistic, lines);
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        }
        spark.stop();
    }

    private static void fits(Dataset<Row> frame, int repeats, boolean logistic, List<String> lines) {
        DistributedData data = DistributedData.fromVectorColumn(frame, "features", "y");
        Dataset<Row> source = frame;
        lines.add("");
        lines.add("| fit | median s | runs s | passes | max rel. diff. vs MLlib | max rel. diff. vs the accurate fit (Linea QR; Linea Newton) |");
        lines.add("|---|---|---|---|---|---|");

        Timed<LinearRegressionModel> mllib = time(repeats, () -> new org.apache.spark.ml.regression.LinearRegression()
                .setSolver("normal").setRegParam(0).setFeaturesCol("features").setLabelCol("y").fit(source));
        double[] mllibCoef = concat(mllib.value.intercept(), mllib.value.coefficients().toArray());
        Timed<DistributedOlsResult> qr = time(repeats, () -> new DistributedLinearRegression(
                OlsOptions.defaults().withSolver(OlsSolver.QR)).fit(data));
        double[] qrCoef = coef(qr.value.model());
        Timed<DistributedOlsResult> ne0 = time(repeats, () -> new DistributedLinearRegression(
                OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS).withRefinementSteps(0)).fit(data));
        Timed<DistributedOlsResult> ne = time(repeats, () -> new DistributedLinearRegression(
                OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS)).fit(data));
        lines.add(row("MLlib LinearRegression (normal)", mllib, "1", mllibCoef, mllibCoef, qrCoef));
        lines.add(row("Linea OLS normal equations, no refinement", ne0, "" + ne0.value.passes(), coef(ne0.value.model()),
                mllibCoef, qrCoef));
        lines.add(row("Linea OLS normal equations + refinement", ne, "" + ne.value.passes(), coef(ne.value.model()),
                mllibCoef, qrCoef));
        lines.add(row("Linea OLS TSQR + refinement", qr, "" + qr.value.passes(), qrCoef, mllibCoef, qrCoef));
        if (logistic) {
            LogisticComparison.run(source, repeats, lines);
        }
        lines.add("");
        lines.add("Linea's OLS passes ran on (as the executors reported): " + String.join("; ",
                data.executorBackends().stream().map(u -> u.where() + ": " + u.backend()).toList()));
    }

    record Timed<T>(T value, double[] seconds) {
        double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }
    }

    static <T> Timed<T> time(int repeats, Supplier<T> fit) {
        double[] s = new double[repeats];
        T v = null;
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            v = fit.get();
            s[r] = (System.nanoTime() - t) / 1e9;
            System.err.printf(Locale.ROOT, "  run %d: %.2f s%n", r + 1, s[r]);
        }
        return new Timed<>(v, s);
    }

    static String row(String name, Timed<?> t, String passes, double[] coef, double[] mllib, double[] reference) {
        StringBuilder runs = new StringBuilder();
        for (double s : t.seconds) {
            runs.append(runs.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", s));
        }
        return String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %.2e | %.2e |", name, t.median(), runs, passes,
                relDiff(coef, mllib), relDiff(coef, reference));
    }

    static double[] coef(LinearModel m) {
        return concat(m.intercept(), m.coefficients());
    }

    static double[] concat(double b0, double[] beta) {
        double[] c = new double[beta.length + 1];
        c[0] = b0;
        System.arraycopy(beta, 0, c, 1, beta.length);
        return c;
    }

    /** max_j |a_j − b_j| / max_j |b_j| */
    static double relDiff(double[] a, double[] b) {
        double d = 0;
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            d = Math.max(d, Math.abs(a[j] - b[j]));
            s = Math.max(s, Math.abs(b[j]));
        }
        return d / s;
    }
}
