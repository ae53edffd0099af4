import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Thread CPU time of one Backend.residualsDoubleDouble pass over m×n (default 200000×100), scalar and vector
 * alternated, best and median of `reps`; also the largest difference of r between the two (in ulps of r).
 * Run: java --add-modules jdk.incubator.vector -cp kernels/target/classes DdPass.java [m] [n] [reps]
 */
public class DdPass {
    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        var mx = ManagementFactory.getThreadMXBean();
        Random rnd = new Random(42);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = rnd.nextGaussian();
        }
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = rnd.nextGaussian();
        }
        String[] names = {"scalar", "vector"};
        Backend[] be = {Backends.named("scalar"), Backends.named("vector")};
        double[][] r = new double[2][m];
        long[][] t = new long[2][reps];
        for (int rep = -3; rep < reps; rep++) {
            for (int v = 0; v < 2; v++) {
                double[] g = new double[2 * n];
                long t0 = mx.getCurrentThreadCpuTime();
                be[v].residualsDoubleDouble(m, n, a, 0, n, null, 0, x, 0, b, 0, r[v], 0, g, 0);
                long t1 = mx.getCurrentThreadCpuTime();
                if (rep >= 0) {
                    t[v][rep] = t1 - t0;
                }
            }
        }
        double worst = 0;
        for (int i = 0; i < m; i++) {
            worst = Math.max(worst, Math.abs(r[0][i] - r[1][i]) / Math.ulp(r[0][i]));
        }
        for (int v = 0; v < 2; v++) {
            java.util.Arrays.sort(t[v]);
            System.out.printf("%s: median %.4f s, min %.4f s (%.2f ns/element)%n", names[v], t[v][reps / 2] / 1e9,
                    t[v][0] / 1e9, t[v][reps / 2] / (double) m / n);
        }
        System.out.printf("max |r_vector − r_scalar| = %.1f ulp%n", worst);
    }
}
