import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.linalg.RefinedQr;
import dev.linea.models.linalg.TallSkinnyQr;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Where the OLS QR fit's time goes, m×n (default 1e6×100), one thread: thread CPU time (median of reps after one
 * warm-up round) of (1) a clone of A, (2) the TSQR in place on that clone, (3) the TSQR without reflectors (A's
 * blocks copied into its buffer, Qᵀb in the same pass), (4) RefinedQr.ofRows (that plus the kept copy of A),
 * (5) its solve (the semi-normal step), (6) the whole QR fit, (7) the whole normal-equations fit.
 * Run: java -Dlinea.threads=1 --add-modules jdk.incubator.vector -cp <kernels:models classes>:<deps> FitParts.java [m] [n] [reps]
 */
public class FitParts {
    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Random r = new java.util.Random(3);
        double[] x = new double[m * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = x[i * n] + r.nextGaussian();
        }
        var data = dev.linea.models.Dataset.of(m, n, x, y);
        Backend be = Backends.named("auto");
        String[] names = {"clone A", "TSQR in place", "TSQR without reflectors + Qtb", "RefinedQr.ofRows",
                "solve (semi-normal)", "QR fit", "NE fit"};
        long[][] t = new long[names.length][reps];
        TallSkinnyQr.Rows rows = (from, to, dst, off) -> System.arraycopy(x, from * n, dst, off, (to - from) * n);
        for (int rep = -1; rep < reps; rep++) {
            long[] c = new long[names.length + 1];
            c[0] = mx.getCurrentThreadCpuTime();
            double[] a = x.clone();
            c[1] = mx.getCurrentThreadCpuTime();
            new TallSkinnyQr(be, m, n, a);
            c[2] = mx.getCurrentThreadCpuTime();
            a = null;
            TallSkinnyQr.withoutReflectors(be, m, n, rows, y);
            c[3] = mx.getCurrentThreadCpuTime();
            RefinedQr qr = RefinedQr.ofRows(be, m, n, rows, null, y);
            c[4] = mx.getCurrentThreadCpuTime();
            qr.solve(y, 10);
            c[5] = mx.getCurrentThreadCpuTime();
            qr = null;
            new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR), be).fit(data);
            c[6] = mx.getCurrentThreadCpuTime();
            new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), be).fit(data);
            c[7] = mx.getCurrentThreadCpuTime();
            if (rep >= 0) {
                for (int k = 0; k < names.length; k++) {
                    t[k][rep] = c[k + 1] - c[k];
                }
            }
        }
        for (int k = 0; k < names.length; k++) {
            java.util.Arrays.sort(t[k]);
            System.out.printf("%-32s median %.3f s, min %.3f s%n", names[k], t[k][reps / 2] / 1e9, t[k][0] / 1e9);
        }
    }
}
