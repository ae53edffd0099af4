package dev.linea.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results into {@code report.md}: the machine's limits measured in the same run, the headline
 * targets, and per benchmark and shape the time, the rate (GB/s or GFLOP/s, see {@link WorkModel}), the rate as a
 * share of the machine's limit, and the ratios to the scalar and native backends.
 * Run alone: {@code java -cp bench/target/benchmarks.jar dev.linea.bench.report.BenchReport results.json}; the
 * charts are {@link Charts}, the reference-tool table reads {@link Reference}s.
 */
public final class BenchReport {
    private final List<Measurement> rows;
    private final double triad;
    private final double triadAll;
    private final double read;
    private final double peak;

    /** Elements per array of the limit benchmarks, and flops of one peakFma call (as measured, from the run). */
    public BenchReport(List<Measurement> rows, long limitElements, double fmaFlops) {
        this.rows = List.copyOf(rows);
        this.limitElements = limitElements;
        this.fmaFlops = fmaFlops;
        this.triad = limit("MachineLimitsBench.triad");
        this.triadAll = limit("MachineLimitsBench.triadAllThreads");
        this.read = limit("MachineLimitsBench.readSum");
        this.peak = limit("MachineLimitsBench.peakFma");
    }

    private static String methodOf(Path autoFile) throws IOException {
        JsonNode first = new ObjectMapper().readTree(Files.readString(autoFile)).path(0);
        return first.path("method").asText("");
    }

    private final long limitElements;
    private final double fmaFlops;

    /**
     * Rebuilds {@code report.md} and the charts next to a results.json:
     * {@code BenchReport results.json [reference.json]} (the reference file defaults to the one beside it).
     */
    public static void main(String[] args) throws IOException {
        Path json = Path.of(args.length > 0 ? args[0] : "results.json").toAbsolutePath();
        List<Measurement> rows = parse(Files.readString(json));
        BenchReport r = new BenchReport(rows, dev.linea.bench.MachineLimitsBench.N,
                dev.linea.bench.MachineLimitsBench.peakFmaFlops());
        Path dir = json.getParent();
        Map<String, String> charts = Charts.write(r, dir);
        Path ref = args.length > 1 ? Path.of(args[1]) : dir.resolve("reference.json");
        List<Reference> refs = Files.exists(ref) ? Reference.read(ref) : null;
        Path out = dir.resolve("report.md");
        // The alternating auto timing of the same run, when it was made (auto-versus-best.json beside results.json).
        Path autoFile = dir.resolve("auto-versus-best.json");
        List<AutoTiming> auto = Files.exists(autoFile) ? AutoTiming.read(autoFile) : List.of();
        String method = auto.isEmpty() ? "" : methodOf(autoFile);
        Files.writeString(out, r.markdown(Map.of("results", json.toString()), charts, refs, "no " + ref, auto,
                method));
        System.out.println("wrote " + out + " and " + charts.size() + " charts");
    }

    /** Reads JMH's JSON output. */
    public static List<Measurement> parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<Measurement> list = new ArrayList<>();
        for (JsonNode n : root) {
            String full = n.path("benchmark").asText();
            String[] parts = full.split("\\.");
            String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : full;
            Map<String, String> params = new TreeMap<>();
            JsonNode p = n.path("params");
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            String backend = params.getOrDefault("backend", "");
            String shape = "";
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!e.getKey().equals("backend")) {
                    shape = e.getValue();
                }
            }
            JsonNode pm = n.path("primaryMetric");
            double unit = unitSeconds(pm.path("scoreUnit").asText("us/op"));
            double score = pm.path("score").asDouble(Double.NaN) * unit;
            double err = pm.path("scoreError").asDouble(Double.NaN) * unit;
            double best = pm.path("scorePercentiles").path("0.0").asDouble(Double.NaN) * unit;
            list.add(new Measurement(name, backend, shape, n.path("threads").asInt(1), score, err, best, params));
        }
        return list;
    }

    static double unitSeconds(String unit) {
        return switch (unit) {
            case "s/op" -> 1;
            case "ms/op" -> 1e-3;
            case "us/op" -> 1e-6;
            case "ns/op" -> 1e-9;
            default -> throw new IllegalArgumentException("score unit " + unit + ", expected a time per operation");
        };
    }

    /**
     * A limit probe's rate at its fastest sample (the fastest call of the single-thread probes, which run in
     * {@code SampleTime} mode; the fastest iteration of the others): a ceiling must not count the time other work
     * took the core away, or kernels measured in quieter moments show above 100% of it. The mean when JMH gave no
     * percentiles.
     */
    private double limit(String benchmark) {
        for (Measurement m : rows) {
            if (m.benchmark().equals(benchmark)) {
                double s = Double.isFinite(m.best()) && m.best() > 0 ? m.best() : m.seconds();
                return m.threads() * WorkModel.work(m, fmaFlops, limitElements) / s / 1e9;
            }
        }
        return Double.NaN;
    }

    /**
     * Whether a memory-bound measurement's bytes per operation fit under half of the limit probes' arrays (64 MB,
     * twice this machine's 32 MB L3): then repeated calls run from the caches and no memory limit bounds them.
     */
    boolean inCache(Measurement m) {
        double bytes = WorkModel.work(m, fmaFlops, limitElements);
        return bytes < 8.0 * limitElements / 2;
    }

    /** The measurements, in JMH's order. */
    public List<Measurement> rows() {
        return rows;
    }

    /** Achieved GFLOP/s of one measurement where {@link WorkModel#intensity} is known (the roofline's y); else NaN. */
    public double gflops(Measurement m) {
        return m.threads() * WorkModel.flops(m, fmaFlops, limitElements) / m.seconds() / 1e9;
    }

    /** GB/s or GFLOP/s of one measurement, over all its threads. */
    public double rate(Measurement m) {
        return m.threads() * WorkModel.work(m, fmaFlops, limitElements) / m.seconds() / 1e9;
    }

    private Measurement find(String benchmark, String backend, String shape) {
        for (Measurement m : rows) {
            if (m.benchmark().equals(benchmark) && m.backend().equals(backend) && m.shape().equals(shape)) {
                return m;
            }
        }
        return null;
    }

    private double ratio(String benchmark, String shape, String slow, String fast) {
        Measurement a = find(benchmark, slow, shape);
        Measurement b = find(benchmark, fast, shape);
        return a == null || b == null ? Double.NaN : a.seconds() / b.seconds();
    }

    /** The machine's limits measured in this run. */
    public Map<String, Double> limits() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("triad_1thread_GBps", triad);
        m.put("triad_all_threads_GBps", triadAll);
        m.put("read_GBps", read);
        m.put("peak_fma_GFLOPps", peak);
        return m;
    }

    /** The issue-2 targets: name → {figure, goal, met}. */
    public List<Object[]> headline() {
        List<Object[]> h = new ArrayList<>();
        h.add(target("dot n=1e7: vector / scalar", ratio("Level1Bench.dot", "10000000", "scalar", "vector"), 2, "×"));
        h.add(target("dot n=1e4: vector / scalar", ratio("Level1Bench.dot", "10000", "scalar", "vector"), 6, "×"));
        h.add(target("gemv A·x 1e4×1e3: vector / scalar", ratio("GemvBench.gemvN", "10000x1000", "scalar", "vector"),
                3, "×"));
        h.add(target("gemv Aᵀ·x 1e4×1e3: vector / scalar",
                ratio("GemvBench.gemvT", "10000x1000", "scalar", "vector"), 3, "×"));
        Measurement f = find("FusedGradientBench.leastSquares", "vector", "100000x100");
        double fr = f == null ? Double.NaN : rate(f);
        h.add(target("fused gradient 1e5×100: vector GB/s as % of triad (1 thread)", 100 * fr / triad, 85, "%"));
        h.add(target("fused gradient 1e5×100: vector GB/s as % of read bandwidth", 100 * fr / read, 85, "%"));
        Measurement two = find("FusedGradientBench.twoGemv", "vector", "100000x100");
        h.add(target("fused gradient 1e5×100 vs vector two-GEMV gradient",
                f == null || two == null ? Double.NaN : two.seconds() / f.seconds(), 1.7, "×"));
        h.add(target("gram 500×500: vector / scalar", ratio("Level3Bench.gram", "500x500", "scalar", "vector"), 5, "×"));
        h.add(target("cholesky n=500: vector / scalar", ratio("FactorizationBench.cholesky", "500", "scalar", "vector"),
                5, "×"));
        return h;
    }

    /**
     * For every benchmark and shape measured on auto and at least one single backend: {benchmark, shape, best
     * single backend, auto seconds, auto ÷ best, best seconds}.
     */
    public List<Object[]> autoVersusBest() {
        List<Object[]> out = new ArrayList<>();
        for (Measurement a : rows) {
            if (!a.backend().equals("auto")) {
                continue;
            }
            Measurement best = null;
            for (Measurement m : rows) {
                if (m.benchmark().equals(a.benchmark()) && m.shape().equals(a.shape()) && !m.backend().equals("auto")
                        && (best == null || m.seconds() < best.seconds())) {
                    best = m;
                }
            }
            if (best != null) {
                out.add(new Object[]{a.benchmark(), a.shape(), best.backend(), a.seconds(),
                        a.seconds() / best.seconds(), best.seconds()});
            }
        }
        return out;
    }

    private static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f%%", 100 * fraction) : "–";
    }

    private static Object[] target(String name, double figure, double goal, String unit) {
        String met = Double.isNaN(figure) ? "not measured" : figure >= goal ? "met" : "NOT met";
        return new Object[]{name, figure, goal, unit, met};
    }

    /** The markdown report without charts, and with the reference tools marked as skipped. */
    public String markdown(Map<String, String> context) {
        return markdown(context, Map.of(), null, "no reference.json was given");
    }

    /**
     * The markdown report.
     *
     * @param context    lines (mode, command, machine facts) for the top
     * @param charts     benchmark name (or {@link Charts#ROOFLINE_KEY}) → PNG file relative to the report, as
     *                   {@link Charts#write} returns; each is linked under its benchmark's table
     * @param references timings of the reference tools, or null when there are none
     * @param skipReason why there are none (used when {@code references} is null)
     */
    public String markdown(Map<String, String> context, Map<String, String> charts, List<Reference> references,
                           String skipReason) {
        return markdown(context, charts, references, skipReason, List.of(), "");
    }

    /**
     * The markdown report, with auto against the best single backend timed alternately.
     *
     * @param autoTimings auto and the single backends timed in turns (dev.linea.bench.AutoVersusBest), empty when
     *                    not run: the auto table then compares the JMH figures alone
     * @param autoMethod  how they were measured (one sentence for the report)
     */
    public String markdown(Map<String, String> context, Map<String, String> charts, List<Reference> references,
                           String skipReason, List<AutoTiming> autoTimings, String autoMethod) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Linea benchmark report\n\n");
        for (Map.Entry<String, String> e : context.entrySet()) {
            sb.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
        }
        sb.append("\n## Machine limits, measured in this run\n\n| limit | value |\n|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| STREAM-like triad, 1 thread, fastest call | %.1f GB/s |%n", triad));
        sb.append(String.format(Locale.ROOT, "| triad, all threads, fastest iteration | %.1f GB/s |%n", triadAll));
        sb.append(String.format(Locale.ROOT, "| SIMD read (sum, %d streams), 1 thread, fastest call | %.1f GB/s |%n",
                dev.linea.bench.MachineLimitsBench.READ_STREAMS, read));
        sb.append(String.format(Locale.ROOT, "| peak double FMA (%d chains), 1 core, fastest call | %.1f GFLOP/s |%n",
                dev.linea.bench.MachineLimitsBench.FMA_CHAINS, peak));
        sb.append("\nThe limits are ceilings: each probe's fastest of many short calls (hundreds per iteration), "
                + "so time that other work on the machine took from the probe does not lower them. The kernels' "
                + "rates below are their mean times', so their share of a limit stays at or under about 100%. "
                + "Memory-bound kernels are put against the 1-thread read ceiling (% read: "
                + dev.linea.bench.MachineLimitsBench.READ_STREAMS + " concurrent streams) and compared with the "
                + "triad (÷ triad, a ratio: the STREAM reference, not a ceiling for kernels that only read, since "
                + "the triad also writes); compute-bound ones against the FMA peak. A working set under half of "
                + "the limit probes' 64 MB (so within the caches) is marked \"in cache\": no memory limit applies "
                + "to it. All kernels run on one thread.\n");
        if (charts.containsKey(Charts.ROOFLINE_KEY)) {
            sb.append("\n![roofline](").append(charts.get(Charts.ROOFLINE_KEY)).append(")\n\nRoofline: each point is one "
                    + "kernel and shape (flops per byte from the work model), under the memory roof (read GB/s × "
                    + "intensity) and the compute roof (FMA peak) measured above. A point on the roof runs as fast "
                    + "as the machine allows; a point far below it leaves speed on the table.\n");
        }
        sb.append("\n## Headline targets\n\n| target | figure | goal | |\n|---|---|---|---|\n");
        for (Object[] h : headline()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | ≥ %s%s | %s |%n", h[0], fmt((double) h[1], (String) h[3]),
                    trim((double) h[2]), h[3], h[4]));
        }
        Map<String, List<Measurement>> byBench = new LinkedHashMap<>();
        for (Measurement m : rows) {
            if (!m.benchmark().startsWith("MachineLimitsBench")) {
                byBench.computeIfAbsent(m.benchmark(), k -> new ArrayList<>()).add(m);
            }
        }
        sb.append("\n## Results\n");
        for (Map.Entry<String, List<Measurement>> e : byBench.entrySet()) {
            boolean mem = WorkModel.memoryBound(e.getKey());
            sb.append("\n### ").append(e.getKey()).append("\n\n");
            sb.append(mem ? "| shape | backend | time per op | ± (99.9%) | GB/s | ÷ triad | % read | × scalar | × native |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n"
                    : "| shape | backend | time per op | ± (99.9%) | GFLOP/s | % peak | × scalar | × native |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (Measurement m : e.getValue()) {
                double r = rate(m);
                double xs = ratio(m.benchmark(), m.shape(), "scalar", m.backend());
                double xn = ratio(m.benchmark(), m.shape(), "native", m.backend());
                // Benchmarks without a backend parameter (LinearModel.predict) run plain Java.
                String backend = m.backend().isEmpty() ? "no backend" : m.backend();
                if (mem) {
                    // A working set that fits in the caches is not bound by memory: no share of a memory limit.
                    boolean cached = inCache(m);
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            m.shape(), backend, time(m.seconds()), time(m.error()), fmt(r, ""),
                            cached ? "in cache" : fmt(r / triad, "×"), cached ? "in cache" : pct(r / read),
                            fmt(xs, "×"), fmt(xn, "×")));
                } else {
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            m.shape(), backend, time(m.seconds()), time(m.error()), fmt(r, ""),
                            pct(r / peak), fmt(xs, "×"), fmt(xn, "×")));
                }
            }
            if (charts.containsKey(e.getKey())) {
                sb.append("\n![").append(e.getKey()).append("](").append(charts.get(e.getKey())).append(")\n");
            }
        }
        sb.append("\n× scalar: how many times faster than the scalar backend on the same shape (time ratio); "
                + "× native likewise against OpenBLAS through the native backend.\n");
        appendAuto(sb, autoTimings, autoMethod);
        appendReferences(sb, references, skipReason);
        return sb.toString();
    }

    /**
     * "auto against the best single backend": the alternating timings first (the figure that decides "within
     * 10%"), with JMH's ratio beside them; shapes timed by JMH alone after them.
     */
    private void appendAuto(StringBuilder sb, List<AutoTiming> timings, String method) {
        List<Object[]> jmh = autoVersusBest();
        if (jmh.isEmpty() && timings.isEmpty()) {
            return;
        }
        sb.append("\n## auto against the best single backend\n");
        List<Object[]> jmhOnly = new ArrayList<>(jmh);
        if (!timings.isEmpty()) {
            int within = 0;
            for (AutoTiming t : timings) {
                within += t.ratio() <= 1.10 ? 1 : 0;
            }
            sb.append("\nTimed alternately: ").append(method).append(". The best single backend is the one with the "
                    + "smallest median time; auto ÷ best is auto's time ÷ the best's time in the same round, where "
                    + "the two ran back to back, its median over the rounds of each pair of JVMs, and the geometric "
                    + "mean of those medians over the pairs (≤ 1.10: within 10%; < 1: auto beats every single "
                    + "backend); \"one round\" is the smallest and largest of the per-round ratios; \"JMH\" is the same ratio from the JMH tables above (one fork per backend, "
                    + "minutes apart, so a change of load moves it). Single backends far slower "
                    + "than the fastest in JMH (3× in the quick and default modes) are not timed again (listed). Within 10% on ")
                    .append(within).append(" of ").append(timings.size()).append(" shapes.\n\n"
                            + "| benchmark | shape | best single | auto | best | auto ÷ best | one round | JMH | "
                            + "not timed again |\n|---|---|---|---|---|---|---|---|---|\n");
            for (AutoTiming t : timings) {
                String best = t.bestSingle();
                double ratio = t.ratio();
                double[] range = t.roundRatioRange();
                String jmhRatio = "–";
                for (java.util.Iterator<Object[]> it = jmhOnly.iterator(); it.hasNext(); ) {
                    Object[] a = it.next();
                    if (a[0].equals(t.benchmark()) && a[1].equals(t.shape())) {
                        jmhRatio = String.format(Locale.ROOT, "%.2f", (double) a[4]);
                        it.remove();
                    }
                }
                StringBuilder left = new StringBuilder();
                t.leftOut().forEach((b, why) -> left.append(left.isEmpty() ? "" : "; ").append(b).append(" (")
                        .append(why).append(')'));
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3f%s | %.2f–%.2f | %s | %s |%n",
                        t.benchmark(), t.shape(), best == null ? "–" : best, time(t.median("auto")),
                        best == null ? "–" : time(t.median(best)), ratio, ratio > 1.10 ? " **> 1.10**" : "",
                        range[0], range[1], jmhRatio, left.isEmpty() ? "–" : left));
            }
            if (jmhOnly.isEmpty()) {
                return;
            }
            sb.append("\nNot timed alternately (JMH's figures alone, one fork per backend):\n");
        }
        int within = 0;
        for (Object[] a : jmhOnly) {
            within += (double) a[4] <= 1.10 ? 1 : 0;
        }
        sb.append("\nauto's time ÷ the fastest of scalar, vector and native on the same benchmark and shape in the "
                + "JMH tables above (≤ 1.10: within 10%; < 1: auto beats every single backend). Within 10% on ")
                .append(within).append(" of ").append(jmhOnly.size())
                .append(" shapes.\n\n| benchmark | shape | best single | auto | best | auto ÷ best |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Object[] a : jmhOnly) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3f%s |%n", a[0], a[1], a[2],
                    time((double) a[3]), time((double) a[5]), (double) a[4],
                    (double) a[4] > 1.10 ? " **> 1.10**" : ""));
        }
    }

    private void appendReferences(StringBuilder sb, List<Reference> refs, String skipReason) {
        if (refs == null) {
            sb.append("\n## Reference tools (same machine)\n\nSkipped: ").append(skipReason).append(". To produce "
                    + "them, run `/usr/bin/python3 bench/reference/run_reference.py --out OUT/reference.json` (numpy, "
                    + "scikit-learn and R glmnet, single-threaded, on FitBench's shapes; `--small` for shapes 10× "
                    + "smaller) and re-run the bench with the same `--out OUT`, or pass `--reference FILE`.\n");
            return;
        }
        sb.append("\n## Reference tools (same machine)\n\nMedian of 3 runs of each tool, single-threaded "
                + "(OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1). *linea* is the fastest backend of the Linea benchmark "
                + "doing the same work on the same shape in this run, when there is one; tool ÷ linea > 1 means "
                + "Linea is faster.\n\n| task | shape | tool | version | time | linea | tool ÷ linea |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Reference r : refs) {
            if (!r.skipped().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | skipped: %s | – | – |%n", r.name(),
                        r.shape(), r.tool(), r.version().isEmpty() ? "–" : r.version(), r.skipped()));
                continue;
            }
            // The Linea side: the fastest of the named benchmarks (comma-separated: OLS has two solvers) and backends.
            List<String> same = r.linea().isEmpty() ? List.of() : List.of(r.linea().split(","));
            Measurement best = null;
            for (Measurement m : rows) {
                if (same.contains(m.benchmark()) && m.shape().equals(r.shape())
                        && (best == null || m.seconds() < best.seconds())) {
                    best = m;
                }
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.name(), r.shape(),
                    r.tool(), r.version().isEmpty() ? "–" : r.version(), time(r.seconds()),
                    best == null ? "–" : time(best.seconds()) + " (" + best.benchmark() + ", " + best.backend() + ")",
                    best == null ? "–" : fmt(r.seconds() / best.seconds(), "×")));
        }
    }

    /** A compact JSON summary: limits, headline and one rate per measurement. */
    public String json() throws IOException {
        return json(List.of());
    }

    /**
     * The same with auto against the best single backend, timed alternately ({@code autoVersusBest}: benchmark,
     * shape, best, ratio, one-round range), when there are such timings.
     */
    public String json(List<AutoTiming> autoTimings) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("limits", limits());
        List<Map<String, Object>> hl = new ArrayList<>();
        for (Object[] h : headline()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", h[0]);
            m.put("figure", Double.isNaN((double) h[1]) ? null : h[1]);
            m.put("goal", h[2]);
            m.put("status", h[4]);
            hl.add(m);
        }
        root.put("headline", hl);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Measurement m : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("benchmark", m.benchmark());
            x.put("backend", m.backend());
            x.put("shape", m.shape());
            x.put("seconds", m.seconds());
            double r = rate(m);
            x.put(WorkModel.memoryBound(m.benchmark()) ? "GBps" : "GFLOPps", Double.isFinite(r) ? r : null);
            rs.add(x);
        }
        root.put("results", rs);
        if (!autoTimings.isEmpty()) {
            List<Map<String, Object>> av = new ArrayList<>();
            for (AutoTiming t : autoTimings) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("benchmark", t.benchmark());
                x.put("shape", t.shape());
                x.put("best", t.bestSingle());
                double r = t.ratio();
                x.put("autoOverBest", Double.isFinite(r) ? r : null);
                double[] range = t.roundRatioRange();
                x.put("oneRound", Double.isFinite(range[0]) ? List.of(range[0], range[1]) : null);
                av.add(x);
            }
            root.put("autoVersusBest", av);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static String time(double s) {
        if (Double.isNaN(s)) {
            return "–";
        }
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        if (s >= 1e-3) {
            return String.format(Locale.ROOT, "%.3f ms", s * 1e3);
        }
        if (s >= 1e-6) {
            return String.format(Locale.ROOT, "%.3f µs", s * 1e6);
        }
        return String.format(Locale.ROOT, "%.1f ns", s * 1e9);
    }

    private static String fmt(double v, String unit) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%s", v, unit) : "–";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
