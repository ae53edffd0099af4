import java.lang.reflect.*;
/** Per-part wall time of the instrumented vector qrStacked on one cache-resident mb×n block (single thread). */
public class KernelParts {
    public static void main(String[] a) throws Exception {
        int mb = a.length > 0 ? Integer.parseInt(a[0]) : 328, n = a.length > 1 ? Integer.parseInt(a[1]) : 100;
        int calls = a.length > 2 ? Integer.parseInt(a[2]) : 20000;
        Object be = Class.forName("dev.linea.kernels.Backends").getMethod("named", String.class).invoke(null, "vector");
        Method qr = Class.forName("dev.linea.kernels.Backend").getMethod("qrStacked", int.class, int.class,
                double[].class, int.class, int.class, double[].class, int.class, int.class, double[].class, int.class);
        int tl = (int) Class.forName("dev.linea.kernels.Backend").getMethod("stackedQrTLength", int.class).invoke(null, n);
        long[] pt = (long[]) Class.forName("dev.linea.kernels.vector.StackedQr").getField("PT").get(null);
        java.util.Random rnd = new java.util.Random(5);
        double[] b0 = new double[mb * n];
        for (int i = 0; i < b0.length; i++) b0[i] = rnd.nextGaussian();
        double[] r0 = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) r0[i * n + j] = rnd.nextGaussian() + (i == j ? 30 : 0);
        double[] b = new double[b0.length], r = new double[r0.length], tt = new double[tl];
        for (int rep = 0; rep < 3; rep++) {
            java.util.Arrays.fill(pt, 0);
            long tot = 0; var mx = java.lang.management.ManagementFactory.getThreadMXBean(); long cpu0 = mx.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                System.arraycopy(b0, 0, b, 0, b.length);
                System.arraycopy(r0, 0, r, 0, r.length);
                long t0 = System.nanoTime();
                qr.invoke(be, n, mb, r, 0, n, b, 0, n, tt, 0);
                tot += System.nanoTime() - t0;
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("thread CPU %.1f µs/block (%.1f GFLOP/s); wall %.1f%n", cpu / 1e3 / calls, 2.0 * mb * n * n * calls / cpu, tot/1e3/calls);
            String[] names = {"touch", "subPanel", "in-panel trailing (rank-IB)", "panelProducts32 (G, W)", "panelT", "panelTrailing (TᵀW, B-=VW)"};
            System.out.printf("rep %d: total %.1f µs/block (%.1f GFLOP/s at 2·mb·n²)%n", rep, tot / 1e3 / calls, 2.0 * mb * n * n * calls / tot);
            long s = 0;
            for (int k = 0; k < 6; k++) { s += pt[k]; System.out.printf("  %-30s %7.1f µs  %5.1f%%%n", names[k], pt[k] / 1e3 / calls, 100.0 * pt[k] / tot); }
            System.out.printf("  %-30s %7.1f µs%n", "other", (tot - s) / 1e3 / calls);
        }
    }
}
