package dev.linea.bench;
import dev.linea.kernels.*;
import dev.linea.models.*;
import dev.linea.models.ols.*;
import dev.linea.models.ridge.*;
import java.lang.management.*;
class H3 {
  public static void main(String[] a) throws Exception {
    Backend b = Backends.named("auto");
    Dataset d = EstimatorPathBench.generate(200_000, 100, 21, false);
    var lr = new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b);
    var rr = new Ridge(new RidgeOptions(1.0, true, RidgeSolver.CHOLESKY), b);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 7; round++) {
      for (int th : new int[]{1, 2}) {
        for (String w : new String[]{"ols", "ridge"}) {
          long c0 = mx.getCurrentThreadCpuTime(); long t0 = System.nanoTime();
          Object r = Threads.call(th, () -> w.equals("ols") ? lr.fit(d) : rr.fit(d));
          long t = System.nanoTime() - t0; long c = mx.getCurrentThreadCpuTime() - c0;
          if (round >= 2) System.out.printf("%s th=%d wall %.1f ms callerCPU %.1f%n", w, th, t / 1e6, c / 1e6);
        }
      }
    }
    System.out.println(lr.fit(d).model().coefficients()[3] + " " + rr.fit(d).model().coefficients()[3]);
  }
}
