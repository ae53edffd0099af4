import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.linalg.RefinedQr;
import dev.linea.models.linalg.TallSkinnyQr;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Per-part time of the QR fit on m×n (default 200000×100): the TSQR factorization alone (GFLOP/s at
 * 2·m·n² flops), one Qᵀ and one Q application of a vector, and a whole RefinedQr solve. Best of `reps` runs.
 * Thread CPU time of the calling thread (with linea.threads=1 the whole work; with more, the chunks that other
 * threads run are not counted: use wall time, printed too, for the parallel figures).
 * Run: java --add-modules jdk.incubator.vector -cp kernels/target/classes:models/target/classes QrParts.java
 *      [backend] [m] [n] [reps]
 */
public class QrParts {
    public static void main(String[] args) {
        String be = args.length > 0 ? args[0] : "vector";
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Backend backend = Backends.named(be);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Random rnd = new Random(42);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = rnd.nextGaussian();
        }
        double bestF = 1e9, bestQt = 1e9, bestQ = 1e9, bestR = 1e9;
        for (int rep = 0; rep < reps; rep++) {
            double[] w = a.clone();
            long w0 = System.nanoTime();
            long t0 = mx.getCurrentThreadCpuTime();
            TallSkinnyQr qr = new TallSkinnyQr(backend, m, n, w);
            long t1 = mx.getCurrentThreadCpuTime();
            double[] f = y.clone();
            double[] top = new double[n];
            double[] extra = new double[qr.extraLength()];
            qr.multiplyQt(f, top, extra);
            long t2 = mx.getCurrentThreadCpuTime();
            qr.multiplyQ(top, extra, f);
            long t3 = mx.getCurrentThreadCpuTime();
            double[] w2 = a.clone();
            long t4 = mx.getCurrentThreadCpuTime();
            RefinedQr rq = new RefinedQr(backend, m, n, w2);
            RefinedQr.Solution s = rq.solve(y, 2);
            long t5 = mx.getCurrentThreadCpuTime();
            long w5 = System.nanoTime();
            double err = 0;
            for (int i = 0; i < m; i++) {
                err = Math.max(err, Math.abs(f[i] - y[i]));
            }
            bestF = Math.min(bestF, (t1 - t0) / 1e9);
            bestQt = Math.min(bestQt, (t2 - t1) / 1e9);
            bestQ = Math.min(bestQ, (t3 - t2) / 1e9);
            bestR = Math.min(bestR, (t5 - t4) / 1e9);
            System.out.printf("rep %d (wall of all parts %.3f s): factor %.3f s  Qt %.3f s  Q %.3f s  RefinedQr+solve %.3f s (steps %d)  |QQt y - y| %.1e  x0 %.17g%n",
                    rep, (w5 - w0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t5 - t4) / 1e9, s.steps(), err, s.x()[0]);
        }
        System.out.printf("%s %dx%d best: factor %.3f s (%.1f GFLOP/s)  Qt %.3f s  Q %.3f s  RefinedQr+solve %.3f s%n",
                be, m, n, bestF, 2.0 * m * n * n / bestF / 1e9, bestQt, bestQ, bestR);
    }
}
