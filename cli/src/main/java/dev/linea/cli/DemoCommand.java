package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Poisson;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code linea demo}: the main job on the embedded datasets. Fits each model with every available backend, prints
 * one row per model (time per backend, and how far each backend's coefficients are from the scalar reference's),
 * and writes the diagnostic plots into a folder it names.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fit OLS, ridge, a lasso path, logistic and softmax regression and a Poisson GLM on the embedded "
                + "datasets with every available backend; print times and agreement side by side; write plots; then OLS on a "
                + "table of mixed types with missing cells (airquality), saved and scored by name.")
final class DemoCommand implements Callable<Integer> {

    private static final long WARMUP_NANOS = 10_000_000_000L;
    private static final int REPEATS = 5;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Folder for the plots (default linea-demo).")
    Path out = Path.of("linea-demo");

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @picocli.CommandLine.Mixin
    Progress.Option progress;

    /** One demo fit: a name, a dataset, and what to run on a backend (returning every fitted parameter). */
    record Task(String model, String dataset, Function<Backend, double[]> fit) {
    }

    static List<Task> tasks() {
        Dataset diabetes = DataOptions.embedded("diabetes");
        List<Task> t = new ArrayList<>();
        t.add(new Task("ols (AUTO)", "diabetes", b -> params(new LinearRegression(OlsOptions.defaults(), b)
                .fit(diabetes).model())));
        t.add(new Task("ridge α=1", "diabetes", b -> params(new Ridge(RidgeOptions.defaults(), b).fit(diabetes)
                .model())));
        t.add(new Task("lasso path (100 λ)", "diabetes", b -> {
            ElasticNetPath p = new ElasticNet(ElasticNetOptions.lasso(), b).fit(diabetes);
            double[] all = new double[p.size() * (diabetes.cols() + 1)];
            for (int k = 0; k < p.size(); k++) {
                all[k * (diabetes.cols() + 1)] = p.intercept(k);
                System.arraycopy(p.coefficients(k), 0, all, k * (diabetes.cols() + 1) + 1, diabetes.cols());
            }
            return all;
        }));
        t.add(new Task("poisson glm (log)", "diabetes", b -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()), b)
                .fit(diabetes).params()));
        t.addAll(ClassifierTasks.tasks());
        return t;
    }

    static double[] params(LinearModel m) {
        double[] c = m.coefficients();
        double[] all = new double[c.length + 1];
        all[0] = m.intercept();
        System.arraycopy(c, 0, all, 1, c.length);
        return all;
    }

    @Override
    public Integer call() {
        List<Backend> backends = new ArrayList<>(Backends.available());
        backends.add(Backends.named("auto"));
        List<Task> tasks = tasks();
        int nt = tasks.size();
        double[][] cold = new double[nt][backends.size()];
        double[][] warm = new double[nt][backends.size()];
        double[][] diff = new double[nt][backends.size()];
        double[][] reference = new double[nt][];
        Progress bar = progress.start("linea demo");
        for (int bi = 0; bi < backends.size(); bi++) {
            Backend b = backends.get(bi);
            bar.step("warming up and timing the " + b.name() + " backend (" + (bi + 1) + "/" + backends.size() + ")");
            // The first fits time the JIT (Vector API code is slow until C2 has compiled it, which takes seconds of
            // fitting), not the backend: fit every model round-robin for a while, then keep the best of a few.
            long start = System.nanoTime();
            boolean first = true;
            while (first || !jitQuiet(start)) {
                for (int t = 0; t < nt; t++) {
                    long t0 = System.nanoTime();
                    tasks.get(t).fit().apply(b);
                    if (first) {
                        cold[t][bi] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                first = false;
            }
            for (int t = 0; t < nt; t++) {
                double best = Double.POSITIVE_INFINITY;
                double[] p = null;
                for (int rep = 0; rep < REPEATS; rep++) {
                    long t0 = System.nanoTime();
                    p = tasks.get(t).fit().apply(b);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                }
                warm[t][bi] = best;
                if (reference[t] == null) {
                    reference[t] = p;
                }
                diff[t][bi] = relativeDifference(p, reference[t]);
            }
        }
        bar.step("plots");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", tasks.get(t).model());
            row.put("dataset", tasks.get(t).dataset());
            Map<String, Object> times = new LinkedHashMap<>();
            Map<String, Object> coldTimes = new LinkedHashMap<>();
            Map<String, Object> diffs = new LinkedHashMap<>();
            for (int bi = 0; bi < backends.size(); bi++) {
                times.put(backends.get(bi).name(), warm[t][bi]);
                coldTimes.put(backends.get(bi).name(), cold[t][bi]);
                diffs.put(backends.get(bi).name(), diff[t][bi]);
            }
            row.put("ms", times);
            row.put("first_fit_ms", coldTimes);
            row.put("max_rel_diff_vs_" + backends.getFirst().name(), diffs);
            rows.add(row);
        }
        List<Path> plots = new ArrayList<>(PlotCommand.write(DataOptions.embedded("diabetes"),
                Backends.defaultBackend(), EnumSet.allOf(PlotCommand.Kind.class), out));
        plots.addAll(ClassifierTasks.plots(out));
        bar.step("a mixed-type table");
        Map<String, Object> mixed = MixedTypeDemo.run(out);
        bar.done();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("fits", rows);
            root.put("plots", plots.stream().map(Path::toString).toList());
            root.put("mixed_types", mixed);
            System.out.println(Json.write(root));
            return 0;
        }
        print(rows, backends);
        System.out.println("\nThe vector backend needs C2 to compile its Vector API code (seconds of fitting); until then it"
                + " is slower than the scalar loops: services call Backends.warmUp() and Scorer.warmUp() at start-up,"
                + " one-shot CLI runs do not.");
        System.out.println("\nplots (PNG and SVG) in " + out.toAbsolutePath() + ":");
        for (Path p : plots) {
            if (p.toString().endsWith(".png")) {
                System.out.println("  " + p.getFileName().toString().replace(".png", ""));
            }
        }
        MixedTypeDemo.print(mixed);
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void print(List<Map<String, Object>> rows, List<Backend> backends) {
        System.out.println("best of " + REPEATS + " fits once the JIT has gone quiet (at most "
                + WARMUP_NANOS / 1_000_000_000 + " s of warm-up fits per backend; first, cold fits: --json):");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-22s %-14s", "model", "data"));
        for (Backend b : backends) {
            h.append(String.format(Locale.ROOT, " %10s", b.name()));
        }
        h.append("   max rel. diff vs ").append(backends.getFirst().name());
        System.out.println(h);
        for (Map<String, Object> r : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %-14s", r.get("model"),
                    r.get("dataset")));
            Map<String, Object> ms = (Map<String, Object>) r.get("ms");
            double worst = 0;
            for (Backend b : backends) {
                line.append(String.format(Locale.ROOT, " %8.2fms", (Double) ms.get(b.name())));
            }
            Map<String, Object> d = (Map<String, Object>) r.get("max_rel_diff_vs_" + backends.getFirst().name());
            for (Object v : d.values()) {
                worst = Math.max(worst, (Double) v);
            }
            line.append(String.format(Locale.ROOT, "   %.1e", worst));
            System.out.println(line);
        }
    }

    private long lastCompileMs = -1;
    private long quietSince;

    /**
     * True once the JIT has compiled nothing for 300 ms (at least 1 s after {@code start}), or the warm-up budget is
     * spent: timing before that would measure the compiler's queue (Vector API code runs boxed and slowly until C2
     * has compiled it, and on a busy machine that takes seconds).
     */
    private boolean jitQuiet(long start) {
        long now = System.nanoTime();
        if (now - start > WARMUP_NANOS) {
            lastCompileMs = -1;
            return true;
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return now - start > 3_000_000_000L;
        }
        long c = jit.getTotalCompilationTime();
        if (c != lastCompileMs) {
            lastCompileMs = c;
            quietSince = now;
            return false;
        }
        if (now - start > 1_000_000_000L && now - quietSince > 300_000_000L) {
            lastCompileMs = -1;
            return true;
        }
        return false;
    }

    /** max_j |a_j − b_j| / max(max_j |b_j|, tiny): how far a backend's parameters are from the reference's. */
    static double relativeDifference(double[] a, double[] b) {
        double scale = 0;
        double diff = 0;
        for (int j = 0; j < b.length; j++) {
            scale = Math.max(scale, Math.abs(b[j]));
            diff = Math.max(diff, Math.abs(a[j] - b[j]));
        }
        return diff / Math.max(scale, Double.MIN_NORMAL);
    }
}
