package dev.linea.bench;
import dev.linea.kernels.*;
import dev.linea.models.*;
import java.lang.management.*;
class H4 {
  public static void main(String[] a) throws Exception {
    Backend b = Backends.named(a[0]);
    Threads.setDefault(Integer.parseInt(a[1]));
    Dataset d = EstimatorPathBench.generate(200_000, 100, 21, false);
    int m = d.rows(), n = d.cols();
    double[] g = new double[n * n];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 8; round++) {
      long c0 = mx.getCurrentThreadCpuTime(); long t0 = System.nanoTime();
      CentredMoments.of(b, m, n, d.xUnsafe(), 0, n, d.yUnsafe(), 0, null, 0);
      long t1 = System.nanoTime(); long c1 = mx.getCurrentThreadCpuTime();
      b.gram(m, n, d.xUnsafe(), 0, n, null, 0, g, 0, n);
      long t2 = System.nanoTime(); long c2 = mx.getCurrentThreadCpuTime();
      if (round >= 3) System.out.printf("moments wall %.1f cpu %.1f | gram wall %.1f cpu %.1f%n", (t1-t0)/1e6, (c1-c0)/1e6, (t2-t1)/1e6, (c2-c1)/1e6);
    }
  }
}
