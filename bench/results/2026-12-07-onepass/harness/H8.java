package dev.linea.models.ols;
import dev.linea.kernels.*;
import java.lang.management.*;
class H8 {
  public static void main(String[] a) throws Exception {
    Threads.setDefault(1);
    int m = 200000, n = 100;
    double[] x = new double[m * n], y = new double[m], beta = new double[n], c = new double[n], out = new double[n];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    for (int i = 0; i < m; i++) y[i] = r.nextGaussian();
    for (int j = 0; j < n; j++) { beta[j] = r.nextGaussian(); c[j] = 0.01 * j; }
    RowResidualPass p = new RowResidualPass(m, n, x, y, null);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = 1e99;
    for (int i = 0; i < 15; i++) { long c0 = mx.getCurrentThreadCpuTime(); p.apply(0.5, beta, c, out); best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 1e6); }
    System.out.println("residual pass cpu best " + best + " out0 " + out[0]);
  }
}
