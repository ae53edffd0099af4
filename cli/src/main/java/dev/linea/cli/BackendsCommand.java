package dev.linea.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code linea backends}: every backend, whether it loaded, why not, and what it runs on. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend, whether it is available on this JVM and machine, and why not.")
final class BackendsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--calibrate", description = "Measure where native overtakes vector for each routed kernel on "
            + "this machine and save it for auto (~/.cache/linea/auto-routing.properties, or -Dlinea.auto.table).")
    boolean calibrate;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (calibrate) {
            BackendStatus nat = Backends.status("native");
            if (!nat.isAvailable()) {
                throw new IllegalArgumentException("nothing to calibrate: the native backend is unavailable ("
                        + nat.reason() + ")");
            }
            BackendStatus vec = Backends.status("vector");
            dev.linea.kernels.Backend small = vec.isAvailable() ? vec.backend() : Backends.named("scalar");
            System.err.println("linea backends: calibrating " + small.name() + " against native (about a minute)…");
            Map<dev.linea.kernels.Kernel, Long> t = dev.linea.kernels.RoutingCalibration.calibrateAndSave(small,
                    nat.backend());
            out.println("saved to " + dev.linea.kernels.RoutingCalibration.file() + " (used by auto from the next start):");
            t.forEach((k, v) -> out.printf("  %-18s %s%n", k.name().toLowerCase(java.util.Locale.ROOT),
                    v == Long.MAX_VALUE ? small.name() + " always" : "native from " + v + " elements of work"));
            return 0;
        }
        List<BackendStatus> statuses = Backends.statuses();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (BackendStatus s : statuses) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("available", s.isAvailable());
                if (!s.isAvailable()) {
                    m.put("reason", s.reason());
                    m.put("fix", s.fix());
                }
                m.put("details", s.details());
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("default", Backends.defaultName());
            root.put("threads", threads());
            root.put("backends", list);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            return 0;
        }
        out.printf("%-8s %-11s %s%n", "backend", "available", "details");
        for (BackendStatus s : statuses) {
            String first = s.isAvailable() ? "" : "why not: " + s.reason();
            out.printf("%-8s %-11s %s%n", s.name(), s.isAvailable() ? "yes" : "no", first);
            if (!s.isAvailable()) {
                out.printf("%-8s %-11s fix: %s%n", "", "", s.fix());
            }
            for (Map.Entry<String, String> e : s.details().entrySet()) {
                out.printf("%-8s %-11s %s: %s%n", "", "", e.getKey(), e.getValue());
            }
        }
        out.println();
        out.println("default backend: " + Backends.defaultName()
                + "  (set with -Dlinea.backend=NAME or LINEA_BACKEND=NAME)");
        out.println("threads: " + dev.linea.kernels.Threads.count() + " from " + CliThreads.source()
                + "  (set with --threads N or -Dlinea.threads=N; the same bits on any count: docs/threads.md)");
        return 0;
    }

    /** The thread setting: the count, where it came from, what it splits (docs/threads.md). */
    private static Map<String, Object> threads() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("count", dev.linea.kernels.Threads.count());
        t.put("source", CliThreads.source());
        t.put("cores", Runtime.getRuntime().availableProcessors());
        t.put("split", "gram, gemv (both transposes), gemm, fused least-squares and logistic gradients on the "
                + "vector and scalar backends, over row blocks fixed by the shape: bit-identical on any count");
        t.put("native", "OpenBLAS takes linea.native.threads, else this count (its results are not bit-identical "
                + "across counts); see the native backend's threads detail");
        t.put("knob", "--threads N or -Dlinea.threads=N");
        return t;
    }
}
