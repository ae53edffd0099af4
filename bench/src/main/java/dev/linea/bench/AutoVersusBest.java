package dev.linea.bench;

import dev.linea.bench.report.AutoTiming;
import dev.linea.bench.report.Measurement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * auto against the best single backend, timed so that a 10% difference shows on a shared 2-core machine: one
 * worker JVM per backend ({@link AutoVersusBestWorker}: its call sites see that backend only, as in a JMH fork or a
 * program that uses only it), the same benchmark body on the same data ({@link BenchCalls}), each call timed by
 * the worker thread's CPU time, the backends taking turns round by round (the first one rotates), several short
 * rounds; the backend with the smallest median is the best, and auto's time ÷ the best's in the same round is the
 * ratio: its median per JVM pair, then the geometric mean over the pairs ({@link AutoTiming}), is the figure. A
 * JMH fork per backend runs minutes apart from the others, so a change of load between them moves the ratio; here
 * every round has each backend within a second of the others.
 *
 * <p>Which single backends take part: those whose JMH mean on the shape is within {@value #CANDIDATE_FACTOR}× of
 * the fastest single backend's (a backend that much slower in JMH cannot be the best: single JMH forks on a loaded
 * 2-core machine were seen up to 2.2× off); auto always does. Each backend runs in {@link Settings#jvms()} JVMs,
 * round r on JVM r mod jvms: two JVMs running the same kernel can differ by several percent for good (their
 * compiled code, where their arrays landed), which more rounds in one JVM would not average out.
 */
final class AutoVersusBest {
    /** A single backend this many times slower than the fastest in the JMH run is not timed again. */
    static final double CANDIDATE_FACTOR = 3.0;

    /**
     * How long to run: rounds, the wall time of one backend's turn in a round, the CPU time of warm-up (the
     * first shape of a benchmark in a worker; later shapes of the same benchmark reuse its compiled code), JVMs
     * per backend, and how much slower than the fastest in JMH a single backend may be and still be timed.
     */
    record Settings(int rounds, long turnMillis, long firstWarmMillis, long laterWarmMillis, int jvms,
                    double candidateFactor) {
        /** bench --quick and the default mode: 3.9 minutes for the 13 quick shapes at load 5–11. */
        static final Settings QUICK = new Settings(13, 60, 1000, 300, 2, CANDIDATE_FACTOR);
        /** bench --smoke: proves the workers run (no timing meaning). */
        static final Settings SMOKE = new Settings(1, 10, 50, 20, 1, Double.POSITIVE_INFINITY); // JMH unwarmed there

        /** The same with another number of rounds. */
        Settings withRounds(int r) {
            return new Settings(r, turnMillis, firstWarmMillis, laterWarmMillis, jvms, candidateFactor);
        }

        String describe() {
            return String.format(Locale.ROOT, "each backend in %s, timed by the calling thread's CPU time, the "
                    + "backends taking turns (%d rounds of %d ms each, the first backend rotating%s); warm-up %d ms "
                    + "of CPU per worker before a benchmark's first shape, %d ms before the next",
                    jvms == 1 ? "its own JVM" : jvms + " JVMs of its own", rounds, turnMillis,
                    jvms == 1 ? "" : ", round r on each backend's JVM r mod " + jvms, firstWarmMillis,
                    laterWarmMillis);
        }
    }

    private final Settings settings;
    private final PrintStream log;
    private final Map<String, Worker> workers = new LinkedHashMap<>();

    AutoVersusBest(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** bench --quick's shapes of the benchmarks {@link BenchCalls} knows, as "benchmark:shape". */
    static final String QUICK_SHAPES = "Level1Bench.dot:10000,Level1Bench.dot:10000000,ScoringBench.dotRow:64,"
            + "GemvBench.gemvN:10000x1000,GemvBench.gemvT:10000x1000,FusedGradientBench.leastSquares:100000x100,"
            + "FusedGradientBench.logistic:100000x100,FusedGradientBench.twoGemv:100000x100,"
            + "Level3Bench.gram:500x500,Level3Bench.gram:100000x100,Level3Bench.gram:10000x1000,"
            + "FactorizationBench.cholesky:500,FactorizationBench.cholesky:2000";

    /**
     * Alone, without a JMH run (every listed single backend takes part, none filtered out by a JMH figure):
     * {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
     * dev.linea.bench.AutoVersusBest [rounds] [backends] [benchmark:shape,…]} (defaults 13, vector,native, the
     * quick shapes); prints one line per shape and writes auto-versus-best.json in the working directory. A
     * backend written {@code auto@PATH.jar} is the auto backend of that jar (another build, first on the class path),
     * timed as a single one.
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : Settings.QUICK.rounds();
        String[] singles = (args.length > 1 ? args[1] : "vector,native").split(",");
        List<Measurement> rows = new ArrayList<>();
        for (String bs : (args.length > 2 ? args[2] : QUICK_SHAPES).split(",")) {
            String[] p = bs.split(":");
            for (String b : singles) {
                rows.add(new Measurement(p[0], b, p[1], 1, 1, Double.NaN, Map.of()));
            }
            rows.add(new Measurement(p[0], "auto", p[1], 1, 1, Double.NaN, Map.of()));
        }
        Settings s = Settings.QUICK.withRounds(rounds);
        System.out.println("# " + s.describe() + "; " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version"));
        List<AutoTiming> ts = run(rows, s, Path.of("auto-versus-best.log"), System.err);
        for (AutoTiming t : ts) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-32s %-11s", t.benchmark(),
                    t.shape()));
            for (String b : t.rounds().keySet()) {
                line.append(String.format(Locale.ROOT, " | %s %.4g s", b, t.median(b)));
            }
            double[] range = t.roundRatioRange();
            line.append(String.format(Locale.ROOT, " | best %s | auto/best %.3f [rounds %.2f–%.2f]", t.bestSingle(),
                    t.ratio(), range[0], range[1]));
            System.out.println(line);
        }
        AutoTiming.write(Path.of("auto-versus-best.json"), ts, s.describe());
    }

    /**
     * Times auto against the candidate single backends on every benchmark and shape of {@code rows} that JMH
     * measured on auto and {@link BenchCalls} knows.
     *
     * @param workerLog the workers' standard error is appended here
     */
    static List<AutoTiming> run(List<Measurement> rows, Settings settings, Path workerLog, PrintStream progress)
            throws IOException {
        AutoVersusBest a = new AutoVersusBest(settings, progress);
        try {
            return a.timeAll(rows, workerLog);
        } finally {
            a.close();
        }
    }

    private List<AutoTiming> timeAll(List<Measurement> rows, Path workerLog) throws IOException {
        List<AutoTiming> out = new ArrayList<>();
        Set<String> warmed = new HashSet<>();
        for (Measurement a : rows) {
            if (!a.backend().equals("auto") || !BenchCalls.supports(a.benchmark())) {
                continue;
            }
            Map<String, Double> singles = new LinkedHashMap<>();
            for (Measurement m : rows) {
                if (m.benchmark().equals(a.benchmark()) && m.shape().equals(a.shape()) && !m.backend().equals("auto")
                        && !m.backend().isEmpty()) {
                    singles.put(m.backend(), m.seconds());
                }
            }
            if (singles.isEmpty()) {
                continue;
            }
            double fastest = singles.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            List<String> timed = new ArrayList<>();
            Map<String, String> leftOut = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : singles.entrySet()) {
                double r = e.getValue() / fastest;
                if (r <= settings.candidateFactor()) {
                    timed.add(e.getKey());
                } else {
                    leftOut.put(e.getKey(), String.format(Locale.ROOT, "%.2f× the fastest in JMH", r));
                }
            }
            timed.add("auto");
            log.printf(Locale.ROOT, "linea bench: auto vs best, %s %s: %s%n", a.benchmark(), a.shape(),
                    String.join(", ", timed));
            Map<String, double[]> rounds = time(a.benchmark(), a.shape(), timed, warmed.add(a.benchmark()),
                    workerLog);
            out.add(new AutoTiming(a.benchmark(), a.shape(), rounds, leftOut, settings.jvms()));
        }
        return out;
    }

    /**
     * Warms every worker up on the shape at once, then times them in turns; round r runs on each backend's JVM
     * number r mod {@link Settings#jvms()}.
     */
    private Map<String, double[]> time(String benchmark, String shape, List<String> backends, boolean first,
                                       Path workerLog) throws IOException {
        long warm = first ? settings.firstWarmMillis() : settings.laterWarmMillis();
        List<List<Worker>> byReplica = new ArrayList<>();
        for (int j = 0; j < settings.jvms(); j++) {
            List<Worker> ws = new ArrayList<>();
            for (String b : backends) {
                String key = b + "#" + j;
                Worker w = workers.get(key);
                if (w == null) {
                    w = new Worker(b, workerLog);
                    workers.put(key, w);
                }
                ws.add(w);
            }
            byReplica.add(ws);
        }
        for (List<Worker> ws : byReplica) {
            for (Worker w : ws) {
                w.send("shape " + benchmark + " " + shape + " " + warm);
            }
        }
        for (List<Worker> ws : byReplica) {
            for (Worker w : ws) {
                w.expect("ok");
            }
        }
        Map<String, double[]> rounds = new LinkedHashMap<>();
        for (String b : backends) {
            rounds.put(b, new double[settings.rounds()]);
        }
        for (int r = 0; r < settings.rounds(); r++) {
            List<Worker> ws = byReplica.get(r % byReplica.size());
            for (int k = 0; k < ws.size(); k++) {
                Worker w = ws.get((k + r) % ws.size());
                w.send("time " + settings.turnMillis());
                String[] reply = w.reply().split(" ");
                long calls = Long.parseLong(reply[0]);
                long cpu = Long.parseLong(reply[1]);
                rounds.get(w.backend)[r] = cpu / 1e9 / calls;
            }
        }
        return rounds;
    }

    private void close() {
        for (Worker w : workers.values()) {
            w.close();
        }
    }

    /** One worker JVM: the same java, JVM options and class path as this one. */
    private static final class Worker {
        final String backend;
        final Process process;
        final PrintStream in;
        final BufferedReader out;

        Worker(String backend, Path log) throws IOException {
            this.backend = backend;
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
            cmd.addAll(jvm);
            if (jvm.stream().noneMatch(s -> s.contains("jdk.incubator.vector"))) {
                cmd.add("--add-modules=jdk.incubator.vector");
            }
            if (jvm.stream().noneMatch(s -> s.startsWith("--enable-native-access"))) {
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            // "auto@OTHER.jar": the auto backend of another build (an A/B of a change to the backend itself, run
            // alone through main(); the report never passes one)
            int at = backend.indexOf('@');
            cmd.add("-cp");
            cmd.add(at < 0 ? System.getProperty("java.class.path")
                    : backend.substring(at + 1) + java.io.File.pathSeparator + System.getProperty("java.class.path"));
            cmd.add(AutoVersusBestWorker.class.getName());
            cmd.add(at < 0 ? backend : backend.substring(0, at));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = pb.start();
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void send(String command) {
            in.println(command);
        }

        String reply() throws IOException {
            String line = out.readLine();
            if (line == null || line.startsWith("error")) {
                throw new IOException("auto vs best: the " + backend + " worker " + (line == null
                        ? "ended (exit " + exitCode() + "; its output is in the worker log)" : "said: " + line));
            }
            return line;
        }

        void expect(String what) throws IOException {
            String line = reply();
            if (!line.equals(what)) {
                throw new IOException("auto vs best: the " + backend + " worker said '" + line + "', expected '"
                        + what + "'");
            }
        }

        private String exitCode() {
            try {
                return process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)
                        ? String.valueOf(process.exitValue()) : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        void close() {
            in.println("quit");
            in.close();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
