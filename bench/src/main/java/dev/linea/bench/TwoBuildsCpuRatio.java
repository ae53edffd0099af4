package dev.linea.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The 100-λ lasso path of {@link EstimatorPathBench#lassoPath} timed in two builds of Linea within one JVM, on a
 * machine shared with other work: each build's benchmarks jar gets its own class loader, the two alternate fit by
 * fit on the same generated data, and each fit is timed by the <em>thread CPU time</em> (other processes' time
 * slices do not inflate it, unlike wall time). Prints per shape the median and best of each build and their ratio.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *      dev.linea.bench.TwoBuildsCpuRatio BEFORE.jar AFTER.jar [rounds] [shape ...]
 * </pre>
 * Shapes default to 2000x100 and 20000x200; the backend is vector, the options {@code ElasticNetOptions.lasso()}:
 * each build's defaults.
 */
public final class TwoBuildsCpuRatio {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Rounds run before timing: enough for C2 to compile both builds' path code. */
    private static final int WARM_UP = 15;

    private TwoBuildsCpuRatio() {
    }

    /** One build: its class loader and the reflective handles of a default lasso path fit. */
    private record Build(String name, Method generate, Object options, Object backend, Class<?> elasticNet,
                         Class<?> optionsType, Class<?> backendType, Class<?> datasetType) {
        static Build load(String jar) throws Exception {
            ClassLoader l = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> bench = l.loadClass("dev.linea.bench.EstimatorPathBench");
            Method generate = bench.getDeclaredMethod("generate", int.class, int.class, long.class, boolean.class);
            generate.setAccessible(true);
            Class<?> opts = l.loadClass("dev.linea.models.lasso.ElasticNetOptions");
            Class<?> backends = l.loadClass("dev.linea.kernels.Backends");
            Class<?> backendType = l.loadClass("dev.linea.kernels.Backend");
            return new Build(jar, generate, opts.getMethod("lasso").invoke(null),
                    backends.getMethod("named", String.class).invoke(null, "vector"),
                    l.loadClass("dev.linea.models.lasso.ElasticNet"), opts, backendType,
                    l.loadClass("dev.linea.models.Dataset"));
        }

        /** @return the thread CPU time of one default path fit, in ms */
        double fit(Object data) throws Exception {
            Object en = elasticNet.getConstructor(optionsType, backendType).newInstance(options, backend);
            Method fit = elasticNet.getMethod("fit", datasetType);
            long t0 = CPU.getCurrentThreadCpuTime();
            fit.invoke(en, data);
            return (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Build before = Build.load(args[0]);
        Build after = Build.load(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        String[] shapes = args.length > 3 ? Arrays.copyOfRange(args, 3, args.length)
                : new String[] {"2000x100", "20000x200"};
        System.out.println("# thread CPU time of ElasticNetOptions.lasso() path fits, builds alternating, " + rounds
                + " rounds after " + WARM_UP + " warm-up rounds; before = " + before.name() + ", after = " + after.name());
        for (String shape : shapes) {
            int[] s = Data.shape(shape);
            Object db = before.generate().invoke(null, s[0], s[1], 23L, false);
            Object da = after.generate().invoke(null, s[0], s[1], 23L, false);
            double[] tb = new double[rounds];
            double[] ta = new double[rounds];
            for (int r = -WARM_UP; r < rounds; r++) {
                double b = before.fit(db);
                double a = after.fit(da);
                if (r >= 0) {
                    tb[r] = b;
                    ta[r] = a;
                }
            }
            Arrays.sort(tb);
            Arrays.sort(ta);
            System.out.println(String.format(Locale.ROOT, "%-10s before %8.2f ms (best %8.2f)  after %8.2f ms (best %8.2f)"
                    + "  after/before %.2f× (best %.2f×)", shape, tb[rounds / 2], tb[0], ta[rounds / 2], ta[0],
                    ta[rounds / 2] / tb[rounds / 2], ta[0] / tb[0]));
        }
    }
}
