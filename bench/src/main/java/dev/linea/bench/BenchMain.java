package dev.linea.bench;

import dev.linea.bench.report.BenchReport;
import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./linea bench}: runs the JMH suites and writes {@code results.json} (JMH's JSON) and {@code report.md}.
 * <pre>
 *   --smoke        one short iteration of a tiny subset (CI: proves the suites run; no timing meaning)
 *   --quick        the representative subset, under 5 minutes on 2 cores
 *   (default)      every benchmark at its default shapes
 *   --full         the default plus more iterations and forks
 *   --only REGEX   only benchmarks whose name matches (e.g. --only 'GemvBench|Level1Bench.dot')
 *   --out DIR      where to write (default bench/results/latest under --root, or ./bench-results)
 *   --json         print a compact JSON summary on standard output (JMH's progress goes to DIR/jmh.log)
 * </pre>
 * Only the backends available on this machine are benchmarked; the report says which were skipped and why.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        String mode = "default";
        String only = null;
        Path out = null;
        Path root = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke", "--quick", "--full" -> mode = args[i].substring(2);
                case "--only" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--root" -> root = Path.of(args[++i]);
                case "--json" -> json = true;
                case "-h", "--help" -> {
                    System.out.println("usage: linea bench [--smoke|--quick|--full] [--only REGEX] [--out DIR] [--json]");
                    return;
                }
                default -> {
                    System.err.println("linea bench: unknown option '" + args[i]
                            + "', expected --smoke, --quick, --full, --only REGEX, --out DIR or --json");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            out = root != null ? root.resolve("bench/results/latest") : Path.of("bench-results");
        }
        Files.createDirectories(out);
        List<String> backends = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (BackendStatus s : Backends.statuses()) {
            if (s.isAvailable()) {
                backends.add(s.name());
            } else {
                skipped.put(s.name(), s.reason());
            }
        }
        ChainedOptionsBuilder ob = new OptionsBuilder()
                .param("backend", backends.toArray(String[]::new))
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("results.json").toString());
        if (json) {
            ob.output(out.resolve("jmh.log").toString());
        }
        configure(ob, mode, only);
        long start = System.nanoTime();
        new Runner(ob.build()).run();
        double minutes = (System.nanoTime() - start) / 6e10;

        List<dev.linea.bench.report.Measurement> rows = BenchReport.parse(
                Files.readString(out.resolve("results.json")));
        BenchReport report = new BenchReport(rows, MachineLimitsBench.N, MachineLimitsBench.peakFmaFlops());
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("mode", mode + (only == null ? "" : ", only " + only));
        ctx.put("date", Instant.now().toString());
        ctx.put("wall time", String.format(java.util.Locale.ROOT, "%.1f min", minutes));
        ctx.putAll(machine());
        ctx.put("backends benchmarked", String.join(", ", backends));
        skipped.forEach((k, v) -> ctx.put("skipped backend " + k, v));
        Files.writeString(out.resolve("report.md"), report.markdown(ctx));
        if (json) {
            System.out.println(report.json());
        } else {
            System.out.println("linea bench: wrote " + out.resolve("results.json") + " and " + out.resolve("report.md"));
        }
    }

    private static void configure(ChainedOptionsBuilder ob, String mode, String only) {
        switch (mode) {
            case "smoke" -> {
                ob.include(only != null ? only : "MachineLimitsBench.peakFma|Level1Bench.dot|GemvBench.gemvN"
                                + "|FusedGradientBench.leastSquares|Level3Bench.gram$|FactorizationBench.cholesky"
                                + "|FitBench.ridgeCholesky")
                        .param("n", "1000").param("gemvShape", "64x64").param("gradShape", "1000x10")
                        .param("gramShape", "100x10").param("cholN", "64").param("qrShape", "100x10")
                        .param("gemmN", "16").param("fitShape", "1000x10")
                        .forks(1).warmupIterations(0).measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(100));
            }
            case "quick" -> {
                ob.include(only != null ? only : "MachineLimitsBench|Level1Bench.dot|GemvBench"
                                + "|FusedGradientBench|Level3Bench.gram$|FactorizationBench.cholesky")
                        .param("n", "10000", "10000000").param("gemvShape", "10000x1000")
                        .param("gradShape", "100000x100").param("gramShape", "500x500", "100000x100")
                        .param("cholN", "500")
                        .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            }
            case "full" -> ob.include(only != null ? only : ".*").forks(2).warmupIterations(5).measurementIterations(10);
            default -> ob.include(only != null ? only : ".*");
        }
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
