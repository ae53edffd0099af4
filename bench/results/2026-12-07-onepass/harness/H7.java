package dev.linea.bench;
import dev.linea.kernels.*;
import dev.linea.models.*;
import dev.linea.models.ols.*;
import java.lang.management.*;
class H7 {
  public static void main(String[] a) throws Exception {
    Backend b = Backends.named("auto");
    Dataset d = EstimatorPathBench.generate(200_000, 100, 21, false);
    var lr = new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = 1e99;
    for (int i = 0; i < 8; i++) { long c0 = mx.getCurrentThreadCpuTime(); Threads.call(1, () -> lr.fit(d)); best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 1e6); }
    var m = lr.fit(d).model();
    System.out.println("cpu best " + best + " hash " + java.util.Arrays.hashCode(m.coefficients()) + " b " + m.intercept());
  }
}
