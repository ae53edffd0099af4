import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Random;

/**
 * Same-JVM A/B of the whole OLS fit (LinearRegression with the solver named, backend auto): two builds (':'-lists of
 * class dirs and jars, each a full class path) loaded by separate class loaders, fits alternated, thread CPU time of
 * the calling thread (run with -Dlinea.threads=1 so that it is all the work), median and min of `reps` after 2
 * warm-up rounds, and the ratio.
 * Run: java -Dlinea.threads=1 --add-modules jdk.incubator.vector FitAB.java A_cp B_cp [m] [n] [reps] [solver]
 */
public class FitAB {
    public static void main(String[] args) throws Exception {
        int m = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        String solverName = args.length > 5 ? args[5] : "QR";
        var mx = ManagementFactory.getThreadMXBean();
        Random rnd = new Random(3);
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = x[i * n] + rnd.nextGaussian();
        }
        Object[] data = new Object[2];
        Object[] est = new Object[2];
        Method[] fit = new Method[2];
        for (int v = 0; v < 2; v++) {
            String[] parts = args[v].split(":");
            URL[] urls = new URL[parts.length];
            for (int i = 0; i < parts.length; i++) {
                urls[i] = Path.of(parts[i]).toUri().toURL();
            }
            ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> ds = cl.loadClass("dev.linea.models.Dataset");
            data[v] = ds.getMethod("of", int.class, int.class, double[].class, double[].class).invoke(null, m, n, x, y);
            Class<?> opt = cl.loadClass("dev.linea.models.ols.OlsOptions");
            Class<?> solver = cl.loadClass("dev.linea.models.ols.OlsSolver");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object s = Enum.valueOf((Class) solver, solverName);
            Object o = opt.getMethod("withSolver", solver).invoke(opt.getMethod("defaults").invoke(null), s);
            Class<?> beClass = cl.loadClass("dev.linea.kernels.Backend");
            Object be = cl.loadClass("dev.linea.kernels.Backends").getMethod("named", String.class).invoke(null, "auto");
            Class<?> lr = cl.loadClass("dev.linea.models.ols.LinearRegression");
            est[v] = lr.getConstructor(opt, beClass).newInstance(o, be);
            fit[v] = lr.getMethod("fit", ds);
        }
        long[][] t = new long[2][reps];
        for (int rep = -2; rep < reps; rep++) {
            for (int v = 0; v < 2; v++) {
                long t0 = mx.getCurrentThreadCpuTime();
                fit[v].invoke(est[v], data[v]);
                long t1 = mx.getCurrentThreadCpuTime();
                if (rep >= 0) {
                    t[v][rep] = t1 - t0;
                }
            }
        }
        double[] med = new double[2];
        for (int v = 0; v < 2; v++) {
            java.util.Arrays.sort(t[v]);
            med[v] = t[v][reps / 2] / 1e9;
            System.out.printf("%s %s %dx%d: median %.3f s, min %.3f s%n", v == 0 ? "A" : "B", solverName, m, n,
                    med[v], t[v][0] / 1e9);
        }
        System.out.printf("A/B = %.3f%n", med[0] / med[1]);
    }
}
