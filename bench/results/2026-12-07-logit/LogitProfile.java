import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.models.Dataset;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.logistic.LogisticRows;
import dev.linea.models.optim.StandardizedCoordinates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Parts of the default logistic fit (L2, C = 1, L-BFGS + finish) at 2e5×100, each timed apart with the public
 * kernels the fit calls, on 1 and 2 threads, alternating; wall, calling-thread CPU and (2 threads) the pool helper's
 * CPU, median of ROUNDS. "1÷2 free" = 1-thread CPU ÷ the busier thread's CPU at 2 threads (ThreadsTiming's "est
 * free": the speed-up on two free cores, which a shared machine's wall time cannot show).
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xms3g -Xmx6g -cp JAR LogitProfile.java [rounds] [data] [fit]
 * data: tt (ThreadsTiming's EstimatorPathBench.generate(2e5, 100, 22, true)) or ref (run_reference's distribution).
 */
public class LogitProfile {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 7;
        String which = a.length > 1 ? a[1] : "tt";
        int m = 200_000, n = 100;
        Dataset d = which.equals("tt") ? tt(m, n) : ref(m, n);
        Backend be = Backends.named("auto");
        double[] x = d.xUnsafe(), y = d.yUnsafe();
        double[] theta = new double[n + 1];
        SplittableRandom r = new SplittableRandom(3);
        for (int j = 0; j <= n; j++) theta[j] = 0.01 * (r.nextDouble() - 0.5);
        double[] g = new double[n + 1];
        double[] h = new double[(n + 1) * (n + 1)];
        double[] work = new double[m];
        double[] hc = new double[h.length];
        String[] names = {"fit (whole)", "spread (2 passes)", "logisticGradient", "hessian (gemv+w+gram+gemvT)",
            "gram weighted", "gemv X·θ", "cholesky p=101", "gemv Xᵀd (intercept column)"};
        Runnable[] all = {
            () -> new LogisticRegression(LogisticOptions.defaults(), be).fit(d),
            () -> StandardizedCoordinates.Spread.of(m, n, x, n, true),
            () -> be.logisticGradient(m, n, x, 0, n, theta, 0, true, y, 0, null, 0, g, 0),
            () -> LogisticRows.hessian(be, m, n, x, theta, true, null, m, h, work),
            () -> be.gram(m, n, x, 0, n, work, 0, h, 0, n + 1),
            () -> be.gemv(dev.linea.kernels.Transpose.NONE, m, n, 1, x, 0, n, theta, 0, 0, work, 0),
            () -> { System.arraycopy(h, 0, hc, 0, h.length); for (int j = 0; j <= n; j++) hc[j * (n + 2)] += 1; be.cholesky(n + 1, hc, 0, n + 1); },
            () -> be.gemv(dev.linea.kernels.Transpose.TRANSPOSE, m, n, 1, x, 0, n, work, 0, 0, g, 0),
        };
        Runnable[] parts = all;
        if (a.length > 2 && a[2].equals("fit")) { // the whole fit only
            parts = new Runnable[] {parts[0]};
        } else if (a.length > 2 && a[2].equals("hessian")) { // the Hessian and its parts only
            parts = new Runnable[] {all[3], all[4], all[5], all[7]};
            names = new String[] {names[3], names[4], names[5], names[7]};
        }
        LogisticResult res = new LogisticRegression(LogisticOptions.defaults(), be).fit(d);
        System.out.println("# data " + which + ", load " + load() + ", report: " + res.report());
        for (int w = 0; w < 3; w++) for (Runnable p : parts) { Threads.run(1, p); Threads.run(2, p); }
        double[][][] wall = new double[parts.length][2][rounds];
        double[][][] cpu = new double[parts.length][2][rounds];
        double[][] helper = new double[parts.length][rounds];
        for (int k = 0; k < rounds; k++) {
            for (int i = 0; i < parts.length; i++) {
                for (int t = 0; t < 2; t++) {
                    int tt = (t + k) % 2;
                    long h0 = helperCpu();
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    Threads.run(tt + 1, parts[i]);
                    wall[i][tt][k] = (System.nanoTime() - t0) / 1e6;
                    cpu[i][tt][k] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
                    if (tt == 1) {
                        helper[i][k] = (helperCpu() - h0) / 1e6;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-30s %12s %12s %12s %12s %12s %8s %10s%n", "part (ms, median)", "1thr wall", "1thr cpu", "2thr wall", "2thr cpu(c)", "2thr cpu(h)", "1÷2 wall", "1÷2 free");
        for (int i = 0; i < parts.length; i++) {
            System.out.printf(Locale.ROOT, "%-30s %12.1f %12.1f %12.1f %12.1f %12.1f %8.2f %10.2f%n", names[i], med(wall[i][0]), med(cpu[i][0]),
                    med(wall[i][1]), med(cpu[i][1]), med(helper[i]), med(wall[i][0]) / med(wall[i][1]),
                    med(cpu[i][0]) / Math.max(med(cpu[i][1]), med(helper[i])));
        }
        System.out.println("# load at end " + load());
    }

    /** CPU time of the kernel pool's threads (linea-kernels-N), in ns: the 2-thread call's helper. */
    static long helperCpu() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("linea-kernels-")) {
                sum += Math.max(CPU.getThreadCpuTime(t.threadId()), 0);
            }
        }
        return sum;
    }

    static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static double med(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
        return a;
    }

    static Dataset tt(int m, int n) {
        double[] x = gaussian(m * n, 22);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 1;
            for (int j = 0; j < n; j++) t += ((j % 7) - 3) * 0.1 * x[i * n + j];
            t += 0.01 * x[(int) (((long) i * 31) % ((long) m * n))];
            y[i] = t > 1.0 ? 1 : 0;
        }
        return Dataset.of(m, n, x, y);
    }

    static Dataset ref(int m, int n) {
        double[] x = gaussian(m * n, 5);
        SplittableRandom r = new SplittableRandom(6);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 0;
            for (int j = 0; j < n; j++) t += ((j % 7) - 3) * 0.01 * x[i * n + j];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-t)) ? 1 : 0;
        }
        return Dataset.of(m, n, x, y);
    }
}
