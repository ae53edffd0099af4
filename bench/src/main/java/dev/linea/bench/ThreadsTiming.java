package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeSolver;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Threads on a shared machine (issue 17, "both cores"), in one JVM: each workload on 1 thread, on 2 threads and —
 * for the kernels — as the unsplit single-thread kernel ("whole": the vector kernel called directly on all rows,
 * as before row splitting), the variants alternating round by round so that all see the same load. Reports the
 * median and best wall time of each and the ratios: {@code whole ÷ 1 thread} by the calling thread's CPU time
 * (is the split single-thread path slower? CPU time ignores other processes' time slices), {@code 1 ÷ 2 threads}
 * by wall time (the speed-up as measured; on a machine whose cores are busy with other work it cannot show), the
 * CPU time of the 1-thread call and of the 2-thread call's caller and pool helper, and from those the speed-up on
 * free cores: the 1-thread CPU time over the busier of the two threads' (a bound that memory bandwidth shared by
 * the two cores can lower).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *      dev.linea.bench.ThreadsTiming [rounds] [name filter]
 * </pre>
 * With a filter (e.g. {@code logistic}) only the workloads whose name contains it run.
 * Kernels on the vector backend at 1e5×100 (Gram, fused least-squares and logistic gradients, GEMV both ways);
 * fits on {@code auto} at 2e5×100 (OLS normal equations, ridge α = 1 by Cholesky, logistic L2 by L-BFGS).
 * "whole" reaches the package-private vector kernels by reflection: run it on the class path, as above.
 */
public final class ThreadsTiming {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ThreadsTiming() {
    }

    /** A workload; {@code whole} is null for fits (there is no unsplit fit). */
    private record Work(String name, int reps, Runnable split, Runnable whole) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String only = args.length > 1 ? args[1] : ""; // run only the workloads whose name contains this
        Backend vector = Backends.named("vector");
        Backend auto = Backends.named("auto");
        int m = 100_000;
        int n = 100;
        double[] x = Data.gaussian(m * n, 6);
        double[] w = Data.gaussian(n, 7);
        for (int j = 0; j < n; j++) {
            w[j] *= 0.1;
        }
        double[] y = Data.gaussian(m, 8);
        double[] labels = new double[m];
        for (int i = 0; i < m; i++) {
            labels[i] = y[i] > 0 ? 1 : 0;
        }
        double[] g = new double[n];
        double[] c = new double[n * n];
        double[] ym = new double[m];
        Dataset fit = EstimatorPathBench.generate(200_000, 100, 21, false);
        Dataset fitLabels = EstimatorPathBench.generate(200_000, 100, 22, true);

        MethodHandle gram = kernel("Gram", "gram", void.class, int.class, int.class, double[].class, int.class,
                int.class, double[].class, int.class, double[].class, int.class, int.class);
        Class<?>[] fused = {int.class, int.class, double[].class, int.class, int.class, double[].class, int.class,
            boolean.class, double[].class, int.class, double[].class, int.class, double[].class, int.class};
        MethodHandle ls = kernel("FusedGradients", "leastSquares", double.class, fused);
        MethodHandle lg = kernel("FusedGradients", "logistic", double.class, fused);
        Class<?>[] gemv = {int.class, int.class, double.class, double[].class, int.class, int.class, double[].class,
            int.class, double.class, double[].class, int.class};
        MethodHandle gemvN = kernel("Gemv", "notTransposed", void.class, gemv);
        MethodHandle gemvT = kernel("Gemv", "transposed", void.class, gemv);

        List<Work> work = new ArrayList<>();
        work.add(new Work("gram 1e5x100", 1, () -> vector.gram(m, n, x, 0, n, null, 0, c, 0, n),
                () -> invoke(gram, m, n, x, 0, n, null, 0, c, 0, n)));
        work.add(new Work("leastSquaresGradient 1e5x100", 5,
                () -> vector.leastSquaresGradient(m, n, x, 0, n, w, 0, false, y, 0, null, 0, g, 0),
                () -> invoke(ls, m, n, x, 0, n, w, 0, false, y, 0, null, 0, g, 0)));
        work.add(new Work("logisticGradient 1e5x100", 5,
                () -> vector.logisticGradient(m, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0),
                () -> invoke(lg, m, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0)));
        work.add(new Work("gemv A·x 1e5x100", 5,
                () -> vector.gemv(Transpose.NONE, m, n, 1, x, 0, n, w, 0, 0, ym, 0),
                () -> invoke(gemvN, m, n, 1.0, x, 0, n, w, 0, 0.0, ym, 0)));
        work.add(new Work("gemv Aᵀ·x 1e5x100", 5,
                () -> vector.gemv(Transpose.TRANSPOSE, m, n, 1, x, 0, n, y, 0, 0, g, 0),
                () -> invoke(gemvT, m, n, 1.0, x, 0, n, y, 0, 0.0, g, 0)));
        work.add(new Work("fit OLS normal equations 2e5x100", 1,
                () -> new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), auto)
                        .fit(fit), null));
        work.add(new Work("fit ridge α=1 Cholesky 2e5x100", 1,
                () -> new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), auto).fit(fit), null));
        work.add(new Work("fit logistic L-BFGS 2e5x100", 1,
                () -> new LogisticRegression(LogisticOptions.defaults().withSolver(LogisticSolver.LBFGS), auto)
                        .fit(fitLabels), null));

        work.removeIf(wk -> !wk.name.contains(only));
        System.out.println("# ThreadsTiming: " + rounds + " rounds, variants alternating; "
                + Runtime.getRuntime().availableProcessors() + " cores; load average at start "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()) + "; " + System.getProperty("java.version"));
        for (Work wk : work) { // warm-up: compile every path, on both counts
            for (int i = 0; i < 3; i++) {
                run(wk.split, 1, wk.reps);
                run(wk.split, 2, wk.reps);
                if (wk.whole != null) {
                    run(wk.whole, 1, wk.reps);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %15s %15s %15s %10s %11s %15s %9s%n", "workload (ms per call)",
                "whole med/best", "1 thr med/best", "2 thr med/best", "whole÷1", "1÷2 wall", "CPU 1 / 2", "1÷2 est");
        System.out.printf(Locale.ROOT, "%-34s %15s %15s %15s %10s %11s %15s %9s%n", "", "(wall)", "(wall)", "(wall)",
                "(CPU)", "med/best", "(c+h)", "free");
        for (Work wk : work) {
            double[][] wall = new double[3][rounds];
            double[][] cpu = new double[3][rounds];
            double[] helper = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    int v = (k + r) % 3; // rotate the order: no variant always runs first
                    if (v == 0 && wk.whole == null) {
                        continue;
                    }
                    long h0 = helperCpu();
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    run(v == 0 ? wk.whole : wk.split, v == 2 ? 2 : 1, wk.reps);
                    wall[v][r] = (System.nanoTime() - t0) / 1e6 / wk.reps;
                    cpu[v][r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6 / wk.reps;
                    if (v == 2) {
                        helper[r] = (helperCpu() - h0) / 1e6 / wk.reps;
                    }
                }
            }
            String whole = wk.whole == null ? "-" : pair(wall[0]);
            String ratio = wk.whole == null ? "-"
                    : String.format(Locale.ROOT, "%.3f", median(cpu[0]) / median(cpu[1]));
            // On free cores the 2-thread call takes as long as its busier thread: caller or helper (CPU time).
            double c1 = median(cpu[1]);
            double c2 = median(cpu[2]);
            double h2 = median(helper);
            System.out.printf(Locale.ROOT, "%-34s %15s %15s %15s %10s %5.2f/%5.2f %15s %9.2f%n", wk.name, whole,
                    pair(wall[1]), pair(wall[2]), ratio, median(wall[1]) / median(wall[2]),
                    best(wall[1]) / best(wall[2]), String.format(Locale.ROOT, "%.1f/%.1f+%.1f", c1, c2, h2),
                    c1 / Math.max(c2, h2));
        }
        System.out.println("# load average at end " + String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /** CPU time of the kernel pool's threads ({@code linea-kernels-N}), summed, in ns. */
    private static long helperCpu() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("linea-kernels-")) {
                long c = CPU.getThreadCpuTime(t.threadId());
                sum += Math.max(c, 0);
            }
        }
        return sum;
    }

    private static void run(Runnable r, int threads, int reps) {
        Threads.run(threads, () -> {
            for (int i = 0; i < reps; i++) {
                r.run();
            }
        });
    }

    private static MethodHandle kernel(String cls, String name, Class<?> ret, Class<?>... params) throws Exception {
        Class<?> k = Class.forName("dev.linea.kernels.vector." + cls);
        Method mt = k.getDeclaredMethod(name, params);
        mt.setAccessible(true);
        return MethodHandles.lookup().unreflect(mt).asType(MethodType.methodType(ret, params));
    }

    private static void invoke(MethodHandle h, Object... args) {
        try {
            h.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static String pair(double[] v) {
        return String.format(Locale.ROOT, "%.2f/%.2f", median(v), best(v));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double best(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
