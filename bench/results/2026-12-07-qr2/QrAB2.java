import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Random;

/**
 * Same-JVM A/B of the TSQR factorization: two builds (kernels + models class directories) loaded by separate class
 * loaders, factorizations alternated, thread CPU time per run; prints the per-build median and the ratio.
 * With -Dmode=solve: the whole RefinedQr (factorization + solve), wall time unless -Dclock=cpu (for runs on
 * more than one thread, -Dlinea.threads=N).
 * Run: java --add-modules jdk.incubator.vector QrAB.java A_kernels:A_models B_kernels:B_models [m] [n] [reps]
 */
public class QrAB2 {
    public static void main(String[] args) throws Exception {
        int m = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 9;
        var mx = ManagementFactory.getThreadMXBean();
        Random rnd = new Random(42);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        boolean solve = "solve".equals(System.getProperty("mode"));
        boolean wall = "wall".equals(System.getProperty("clock", solve ? "wall" : "cpu"));
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = a[i * n] - 0.5 * a[i * n + n - 1] + rnd.nextGaussian();
        }
        Object[] backends = new Object[2];
        Constructor<?>[] ctors = new Constructor<?>[2];
        java.lang.reflect.Method[] solves = new java.lang.reflect.Method[2];
        for (int v = 0; v < 2; v++) {
            String[] dirs = args[v].split(":");
            URL[] urls = new URL[dirs.length];
            for (int d = 0; d < dirs.length; d++) {
                urls[d] = Path.of(dirs[d]).toUri().toURL();
            }
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> backends0 = cl.loadClass("dev.linea.kernels.Backends");
            backends[v] = backends0.getMethod("named", String.class).invoke(null, "vector");
            Class<?> be = cl.loadClass("dev.linea.kernels.Backend");
            String cls = solve ? "dev.linea.models.linalg.RefinedQr" : "dev.linea.models.linalg.TallSkinnyQr";
            ctors[v] = cl.loadClass(cls).getConstructor(be, int.class, int.class, double[].class);
            solves[v] = solve ? cl.loadClass(cls).getMethod("solve", double[].class, int.class) : null;
        }
        long[][] t = new long[2][reps];
        for (int rep = -2; rep < reps; rep++) {
            for (int v = 0; v < 2; v++) {
                double[] w = a.clone();
                long t0 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
                Object f = ctors[v].newInstance(backends[v], m, n, w);
                if (solve) {
                    solves[v].invoke(f, y, 2);
                }
                long t1 = wall ? System.nanoTime() : mx.getCurrentThreadCpuTime();
                if (rep >= 0) {
                    t[v][rep] = t1 - t0;
                }
            }
        }
        double[] med = new double[2];
        for (int v = 0; v < 2; v++) {
            java.util.Arrays.sort(t[v]);
            med[v] = t[v][reps / 2] / 1e9;
            System.out.printf("%s: median %.3f s (%.1f GFLOP/s), min %.3f s%n", v == 0 ? "A" : "B", med[v],
                    2.0 * m * n * n / med[v] / 1e9, t[v][0] / 1e9);
        }
        System.out.printf("A/B = %.2f%n", med[0] / med[1]);
    }
}
