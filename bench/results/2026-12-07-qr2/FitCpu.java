import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;

import java.lang.management.ManagementFactory;

/**
 * Whole OLS fits (LinearRegression, backend auto) by QR and by the normal equations, alternated in one JVM, thread
 * CPU time of the calling thread (run with -Dlinea.threads=1 so that it is all the work), median and min of `reps`
 * after 2 warm-up rounds; the ratio QR / NE; the QR fit's status line.
 * Run: java -Dlinea.threads=1 --add-modules jdk.incubator.vector -cp <kernels:models classes>:<deps> FitCpu.java [m] [n] [reps]
 */
public class FitCpu {
    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        var mx = ManagementFactory.getThreadMXBean();
        java.util.Random r = new java.util.Random(3);
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = x[i * n] + r.nextGaussian();
        }
        var data = dev.linea.models.Dataset.of(m, n, x, y);
        var be = dev.linea.kernels.Backends.named("auto");
        OlsSolver[] solvers = {OlsSolver.QR, OlsSolver.NORMAL_EQUATIONS};
        long[][] t = new long[2][reps];
        String status = "";
        for (int rep = -2; rep < reps; rep++) {
            for (int v = 0; v < 2; v++) {
                long t0 = mx.getCurrentThreadCpuTime();
                var fit = new LinearRegression(OlsOptions.defaults().withSolver(solvers[v]), be).fit(data);
                long t1 = mx.getCurrentThreadCpuTime();
                if (rep >= 0) {
                    t[v][rep] = t1 - t0;
                }
                if (v == 0) {
                    status = fit.report().status();
                }
            }
        }
        double[] med = new double[2];
        for (int v = 0; v < 2; v++) {
            java.util.Arrays.sort(t[v]);
            med[v] = t[v][reps / 2] / 1e9;
            System.out.printf("%s %dx%d: median %.3f s, min %.3f s%n", solvers[v], m, n, med[v], t[v][0] / 1e9);
        }
        System.out.printf("QR / NE = %.2f; QR status: %s%n", med[0] / med[1], status);
    }
}
