import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.models.Dataset;
import dev.linea.models.logistic.SoftmaxOptions;
import dev.linea.models.logistic.SoftmaxRegression;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The default softmax fit (L2, C = 1, L-BFGS + Newton finish where affordable) on 20 000 × 10, 3 classes: median
 * calling-thread CPU of ROUNDS fits on one thread, and the report (how the finish went).
 * java --add-modules jdk.incubator.vector -cp JAR SoftmaxCheck.java [rounds]
 */
public class SoftmaxCheck {
    public static void main(String[] a) {
        int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 15;
        int m = 20_000, n = 10, k = 3;
        SplittableRandom r = new SplittableRandom(11);
        double[] x = new double[m * n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double[] z = new double[k];
            for (int j = 0; j < n; j++) {
                x[i * n + j] = r.nextGaussian();
                z[j % k] += 0.4 * x[i * n + j];
            }
            double mx = Math.max(z[0], Math.max(z[1], z[2]));
            double s = 0;
            for (int c = 0; c < k; c++) s += Math.exp(z[c] - mx);
            double u = r.nextDouble() * s;
            int c = 0;
            for (double acc = Math.exp(z[0] - mx); acc < u && c < k - 1; acc += Math.exp(z[++c] - mx)) { }
            y[i] = c;
        }
        Dataset d = Dataset.of(m, n, x, y);
        var be = Backends.named("auto");
        var cpu = ManagementFactory.getThreadMXBean();
        System.out.println("# load " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + "; "
                + new SoftmaxRegression(SoftmaxOptions.defaults(), be).fit(d).model().report());
        double[] t = new double[rounds];
        for (int i = 0; i < 5; i++) Threads.run(1, () -> new SoftmaxRegression(SoftmaxOptions.defaults(), be).fit(d));
        for (int i = 0; i < rounds; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            Threads.run(1, () -> new SoftmaxRegression(SoftmaxOptions.defaults(), be).fit(d));
            t[i] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "softmax 20000x10, 3 classes, 1 thread: CPU median %.1f ms, best %.1f ms%n", t[rounds / 2], t[0]);
    }
}
