package dev.linea.bench;

import dev.linea.bench.report.AutoTiming;
import dev.linea.bench.report.BenchReport;
import dev.linea.bench.report.Charts;
import dev.linea.bench.report.Reference;
import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./linea bench}: runs the JMH suites and writes {@code results.json} (JMH's JSON) and {@code report.md}.
 * <pre>
 *   --smoke        one short iteration of a tiny subset (CI: proves the suites run; no timing meaning)
 *   --quick        the representative subset: JMH under 5 minutes on 2 cores, then the alternating auto timing
 *   (default)      every benchmark at its default shapes
 *   --full         the default plus more iterations and forks
 *   --only REGEX   only benchmarks whose name matches (e.g. --only 'GemvBench|Level1Bench.dot')
 *   --backends L   only these backends (comma list, e.g. vector,native); the others are reported as skipped
 *   --out DIR      where to write (default bench/results/latest under --root, or ./bench-results)
 *   --json         print a compact JSON summary on standard output (JMH's progress goes to DIR/jmh.log)
 *   --reference F  the reference tools' timings (default DIR/reference.json, when it exists)
 *   --auto-rounds N  rounds of the alternating auto-against-the-best timing after the JMH runs (default 13, 1 in
 *                  smoke mode; 0: none, the auto table then compares JMH's figures alone); see {@link AutoVersusBest}
 * </pre>
 * Only the backends available on this machine are benchmarked; the report says which were skipped and why.
 * Each benchmark runs in its own JMH {@link Runner}, so that one line per benchmark ("[3/12] GemvBench.gemvN,
 * 4m 12s elapsed") goes to standard error as it starts, and results.json is rewritten after each one (a run cut
 * short keeps what it measured). Next to report.md go the PNG charts ({@link Charts}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        String mode = "default";
        String only = null;
        Path out = null;
        Path root = null;
        boolean json = false;
        Path reference = null;
        List<String> wanted = null;
        int autoRounds = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke", "--quick", "--full" -> mode = args[i].substring(2);
                case "--only" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--root" -> root = Path.of(args[++i]);
                case "--json" -> json = true;
                case "--reference" -> reference = Path.of(args[++i]);
                case "--backends" -> wanted = List.of(args[++i].split(","));
                case "--auto-rounds" -> autoRounds = rounds(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: linea bench [--smoke|--quick|--full] [--only REGEX] [--backends LIST] [--out DIR] [--json] [--reference FILE] [--auto-rounds N]");
                    return;
                }
                default -> {
                    System.err.println("linea bench: unknown option '" + args[i]
                            + "', expected --smoke, --quick, --full, --only REGEX, --backends LIST, --out DIR, --json or "
                            + "--reference FILE or --auto-rounds N");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            out = root != null ? root.resolve("bench/results/latest") : Path.of("bench-results");
        }
        Files.createDirectories(out);
        calibrateOnce(mode);
        List<String> backends = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (BackendStatus s : Backends.statuses()) {
            if (wanted != null && !wanted.contains(s.name())) {
                skipped.put(s.name(), "not in --backends " + String.join(",", wanted));
            } else if (s.isAvailable()) {
                backends.add(s.name());
            } else {
                skipped.put(s.name(), s.reason());
            }
        }
        if (backends.isEmpty()) {
            System.err.println("linea bench: --backends " + String.join(",", wanted) + " names no available backend; "
                    + "expected some of scalar, vector, native, auto (./linea backends lists them)");
            System.exit(2);
        }
        ChainedOptionsBuilder ob = new OptionsBuilder()
                .param("backend", backends.toArray(String[]::new))
                .shouldFailOnError(false);
        String include = configure(ob, mode, only);
        long start = System.nanoTime();
        runEach(ob.build(), include, out.resolve("results.json"), json ? out.resolve("jmh.log") : null, start);

        List<dev.linea.bench.report.Measurement> rows = BenchReport.parse(
                Files.readString(out.resolve("results.json")));
        List<AutoTiming> autoTimings = List.of();
        String autoMethod = "";
        AutoVersusBest.Settings settings = mode.equals("smoke") ? AutoVersusBest.Settings.SMOKE
                : AutoVersusBest.Settings.QUICK;
        if (autoRounds < 0) {
            autoRounds = settings.rounds();
        }
        if (autoRounds > 0 && backends.contains("auto")) {
            settings = settings.withRounds(autoRounds);
            System.err.printf(Locale.ROOT, "linea bench: auto against the best single backend, timed alternately, "
                    + "%s elapsed%n", elapsed(start));
            try {
                autoTimings = AutoVersusBest.run(rows, settings, out.resolve("auto-versus-best.log"), System.err);
                autoMethod = settings.describe() + (mode.equals("smoke")
                        ? " (smoke: proves the workers run; far too short to warm the code up, no timing meaning)" : "");
                AutoTiming.write(out.resolve("auto-versus-best.json"), autoTimings, autoMethod);
            } catch (IOException e) {
                System.err.println("linea bench: the alternating auto timing failed (" + e.getMessage() + "); the "
                        + "report compares JMH's figures alone");
                autoTimings = List.of();
            }
        }
        double minutes = (System.nanoTime() - start) / 6e10;
        BenchReport report = new BenchReport(rows, MachineLimitsBench.N, MachineLimitsBench.peakFmaFlops());
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("mode", mode + (only == null ? "" : ", only " + only));
        ctx.put("date", Instant.now().toString());
        ctx.put("wall time", String.format(java.util.Locale.ROOT, "%.1f min", minutes));
        ctx.putAll(machine());
        ctx.put("backends benchmarked", String.join(", ", backends));
        skipped.forEach((k, v) -> ctx.put("skipped backend " + k, v));
        ctx.put("auto against the best", autoTimings.isEmpty()
                ? "JMH's figures alone (one fork per backend)"
                : "timed alternately after the JMH runs, " + settings.rounds() + " rounds (last section)");
        Map<String, String> charts = Charts.write(report, out);
        Path ref = reference != null ? reference : out.resolve("reference.json");
        List<Reference> refs = Files.exists(ref) ? Reference.read(ref) : null;
        Files.writeString(out.resolve("report.md"), report.markdown(ctx, charts, refs, "no " + ref, autoTimings, autoMethod));
        if (json) {
            System.out.println(report.json(autoTimings));
        } else {
            System.out.println("linea bench: wrote " + out.resolve("results.json") + ", " + out.resolve("report.md")
                    + " and " + charts.size() + " charts");
        }
    }

    /**
     * Runs every benchmark matching {@code include} in turn, one Runner each, printing a progress line to standard
     * error before each and rewriting {@code results} (JMH's JSON) after each.
     *
     * @param log JMH's own output goes here (appended) when not null; otherwise to standard output as usual
     */
    static void runEach(Options base, String include, Path results, Path log, long start) throws IOException {
        // The same list and filter JMH's Runner uses, so the count is what will run.
        List<String> names = new ArrayList<>();
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT);
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(quiet, List.of(include), List.of())) {
            if (!names.contains(e.getUsername())) {
                names.add(e.getUsername()); // one entry per mode: a benchmark with two modes runs once
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
        List<RunResult> all = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            System.err.printf(Locale.ROOT, "linea bench [%d/%d] %s, %s elapsed%n", i + 1, names.size(), simple,
                    elapsed(start));
            Options one = new OptionsBuilder().parent(base).include("^" + Pattern.quote(name) + "$").build();
            try {
                if (log == null) {
                    all.addAll(new Runner(one).run());
                } else {
                    // A fresh appending stream per Runner: a Runner closes its output when it ends.
                    PrintStream ps = new PrintStream(new FileOutputStream(log.toFile(), true), true,
                            StandardCharsets.UTF_8);
                    all.addAll(new Runner(one, OutputFormatFactory.createFormatInstance(ps, VerboseMode.NORMAL)).run());
                    ps.close();
                }
            } catch (RunnerException e) {
                // With shouldFailOnError(false) a failing benchmark is only missing from the results; keep going.
                System.err.println("linea bench: " + simple + " failed: " + e.getMessage());
                failed++;
            }
            ResultFormatFactory.getInstance(ResultFormatType.JSON, results.toString()).writeOut(all);
        }
        System.err.printf(Locale.ROOT, "linea bench: %d benchmarks run, %d failed, %s elapsed%n", names.size() - failed,
                failed, elapsed(start));
    }

    private static int rounds(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        System.err.println("linea bench: --auto-rounds is '" + s + "', expected a whole number >= 0");
        System.exit(2);
        return 0;
    }

    private static String elapsed(long start) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    /** Sets the mode's options and returns the include regex (JMH's: matched anywhere in the full name). */
    private static String configure(ChainedOptionsBuilder ob, String mode, String only) {
        String include;
        switch (mode) {
            case "smoke" -> {
                include = only != null ? only : "MachineLimitsBench.peakFma|Level1Bench.dot|GemvBench.gemvN"
                        + "|FusedGradientBench.leastSquares|Level3Bench.gram$|FactorizationBench.cholesky"
                        + "|FitBench.ridgeCholesky|ScoringBench.dotRow|ScorerBench.singleDouble";
                ob.param("n", "1000").param("gemvShape", "64x64").param("gradShape", "1000x10")
                        .param("gramShape", "100x10").param("cholN", "64").param("qrShape", "100x10")
                        .param("gemmN", "16").param("fitShape", "1000x10").param("p", "16")
                        .forks(1).warmupIterations(0).measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(100));
            }
            case "quick" -> {
                include = only != null ? only : "MachineLimitsBench|Level1Bench.dot|GemvBench"
                        + "|FusedGradientBench|Level3Bench.gram$|FactorizationBench.cholesky"
                        // Single-row dots per backend and the Scorer's single row and batch (about 50 s): quick
                        // stays near 5 minutes.
                        + "|ScoringBench.dotRow|ScorerBench.singleDouble|ScorerBench.batchDouble";
                ob.param("n", "10000", "10000000").param("gemvShape", "10000x1000")
                        .param("gradShape", "100000x100")
                        .param("gramShape", "500x500", "100000x100", "10000x1000")
                        .param("cholN", "500", "2000").param("gemmN", "1000").param("p", "64")
                        .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            }
            case "full" -> {
                include = only != null ? only : ".*";
                ob.forks(2).warmupIterations(5).measurementIterations(10);
            }
            default -> include = only != null ? only : ".*";
        }
        return include;
    }

    /**
     * auto's crossovers must be this machine's, or the "auto vs best" table measures another machine's thresholds:
     * calibrate once (about a minute) when no calibration is cached, except in smoke mode (CI: no timing meaning)
     * and quick mode (its budget is five minutes; it says how to calibrate instead).
     */
    private static void calibrateOnce(String mode) throws IOException {
        if (mode.equals("smoke") || java.nio.file.Files.exists(dev.linea.kernels.RoutingCalibration.file())) {
            return;
        }
        if (mode.equals("quick")) {
            // quick stays under 5 minutes: say how to get this machine's crossovers instead of spending one here
            System.err.println("linea bench: auto runs on its measured defaults (no calibration cached); run "
                    + "./linea backends --calibrate first for this machine's crossovers (docs/routing.md)");
            return;
        }
        dev.linea.kernels.BackendStatus v = Backends.status("vector");
        dev.linea.kernels.BackendStatus n = Backends.status("native");
        if (!v.isAvailable() || !n.isAvailable()) {
            return;
        }
        System.err.println("linea bench: calibrating auto's routing on this machine first (about a minute; cached in "
                + dev.linea.kernels.RoutingCalibration.file() + ")");
        dev.linea.kernels.RoutingCalibration.calibrateAndSave(v.backend(), n.backend());
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        String cpu = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            cpu = "unknown (" + e.getMessage() + ")";
        }
        m.put("cpu", cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible");
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        BackendStatus vec = Backends.status("vector");
        m.put("vector species", vec.details().getOrDefault("species", "–"));
        BackendStatus nat = Backends.status("native");
        m.put("native", nat.isAvailable() ? nat.details().toString() : "unavailable: " + nat.reason());
        return m;
    }
}
