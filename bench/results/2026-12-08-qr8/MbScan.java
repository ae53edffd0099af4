import java.lang.reflect.*;
/** Vector qrStacked thread CPU per row for several block heights, rounds alternated in one JVM. */
public class MbScan {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]); int rounds = Integer.parseInt(a[1]);
        int[] mbs = new int[a.length - 2];
        for (int i = 2; i < a.length; i++) mbs[i - 2] = Integer.parseInt(a[i]);
        Object be = Class.forName("dev.linea.kernels.Backends").getMethod("named", String.class).invoke(null, "vector");
        Method qr = Class.forName("dev.linea.kernels.Backend").getMethod("qrStacked", int.class, int.class,
                double[].class, int.class, int.class, double[].class, int.class, int.class, double[].class, int.class);
        int tl = (int) Class.forName("dev.linea.kernels.Backend").getMethod("stackedQrTLength", int.class).invoke(null, n);
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Random rnd = new java.util.Random(5);
        double[][] b0 = new double[mbs.length][];
        for (int v = 0; v < mbs.length; v++) { b0[v] = new double[mbs[v] * n]; for (int i = 0; i < b0[v].length; i++) b0[v][i] = rnd.nextGaussian(); }
        double[] r0 = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) r0[i * n + j] = rnd.nextGaussian() + (i == j ? 30 : 0);
        double[] r = new double[r0.length], tt = new double[tl];
        double[][] t = new double[mbs.length][rounds];
        for (int round = -5; round < rounds; round++) {
            for (int v = 0; v < mbs.length; v++) {
                int mb = mbs[v]; double[] b = new double[b0[v].length];
                int calls = 2_000_000 / mb;
                long sum = 0;
                for (int c = 0; c < calls; c++) {
                    System.arraycopy(b0[v], 0, b, 0, b.length);
                    System.arraycopy(r0, 0, r, 0, r.length);
                    long t0 = mx.getCurrentThreadCpuTime();
                    qr.invoke(be, n, mb, r, 0, n, b, 0, n, tt, 0);
                    sum += mx.getCurrentThreadCpuTime() - t0;
                }
                if (round >= 0) t[v][round] = (double) sum / calls / mb; // ns per row
            }
        }
        for (int v = 0; v < mbs.length; v++) {
            java.util.Arrays.sort(t[v]);
            System.out.printf("mb=%4d: median %.3f µs/row (%.1f GFLOP/s), min %.3f µs/row; 1e6 rows: %.3f s%n", mbs[v], t[v][rounds / 2] / 1e3,
                2.0 * n * n / t[v][rounds / 2], t[v][0] / 1e3, t[v][rounds / 2] * 1e6 / 1e9);
        }
    }
}
