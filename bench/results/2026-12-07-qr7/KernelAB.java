import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Backend.qrStacked ("vector") of two builds (separate class loaders) on one cache-resident block [R; B] of mb×n
 * (default 328×100, the TSQR's block at n = 100), alternated round by round in one JVM: thread CPU time per
 * block, median and min over the rounds after warm-up, and GFLOP/s at 2·mb·n² flops.
 * Run: java --add-modules jdk.incubator.vector KernelAB.java A_kernels_classes B_kernels_classes [mb] [n] [rounds]
 */
public class KernelAB {
    public static void main(String[] args) throws Exception {
        int mb = args.length > 2 ? Integer.parseInt(args[2]) : 328;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int calls = 300;
        Object[] be = new Object[2];
        Method[] qr = new Method[2];
        for (int v = 0; v < 2; v++) {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(args[v]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            be[v] = cl.loadClass("dev.linea.kernels.Backends").getMethod("named", String.class).invoke(null, "vector");
            qr[v] = cl.loadClass("dev.linea.kernels.Backend").getMethod("qrStacked", int.class, int.class,
                    double[].class, int.class, int.class, double[].class, int.class, int.class, double[].class,
                    int.class);
        }
        int tl = (int) be[0].getClass().getClassLoader().loadClass("dev.linea.kernels.Backend")
                .getMethod("stackedQrTLength", int.class).invoke(null, n);
        java.util.Random rnd = new java.util.Random(5);
        double[] b0 = new double[mb * n];
        for (int i = 0; i < b0.length; i++) {
            b0[i] = rnd.nextGaussian();
        }
        double[] r0 = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                r0[i * n + j] = rnd.nextGaussian() + (i == j ? 30 : 0);
            }
        }
        var mx = ManagementFactory.getThreadMXBean();
        long[][] t = new long[2][rounds];
        double[][] out = new double[2][];
        double[] b = new double[b0.length];
        double[] r = new double[r0.length];
        double[] tt = new double[tl];
        for (int round = -10; round < rounds; round++) {
            for (int v = 0; v < 2; v++) {
                long sum = 0;
                for (int c = 0; c < calls; c++) {
                    System.arraycopy(b0, 0, b, 0, b.length);
                    System.arraycopy(r0, 0, r, 0, r.length);
                    long a = mx.getCurrentThreadCpuTime();
                    qr[v].invoke(be[v], n, mb, r, 0, n, b, 0, n, tt, 0);
                    sum += mx.getCurrentThreadCpuTime() - a;
                }
                if (round >= 0) {
                    t[v][round] = sum / calls;
                }
                out[v] = r.clone();
            }
        }
        for (int v = 0; v < 2; v++) {
            java.util.Arrays.sort(t[v]);
            System.out.printf("%s: median %.1f µs, min %.1f µs (%.1f GFLOP/s at the median)%n", v == 0 ? "A" : "B",
                    t[v][rounds / 2] / 1e3, t[v][0] / 1e3, 2.0 * mb * n * n / t[v][rounds / 2]);
        }
        System.out.printf("A/B = %.3f; R bit-identical: %s%n", (double) t[0][rounds / 2] / t[1][rounds / 2],
                java.util.Arrays.equals(out[0], out[1]));
    }
}
