package dev.linea.kernels.vector;

import dev.linea.kernels.Transpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/** Times the parts of Cholesky's top level (thread CPU time, median of rounds) at given n. */
public final class K3Parts {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    interface Op { void run(); }

    static double time(Op op, int rounds, double ms) {
        long end = CPU.getCurrentThreadCpuTime() + 1_000_000_000L;
        while (CPU.getCurrentThreadCpuTime() < end) op.run();
        double[] t = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long c0 = CPU.getCurrentThreadCpuTime(); int calls = 0;
            do { op.run(); calls++; } while (CPU.getCurrentThreadCpuTime() - c0 < ms * 1e6);
            t[r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
        }
        Arrays.sort(t);
        return t[rounds / 2];
    }

    static double[] rnd(int n, long seed) {
        Random r = new Random(seed); double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
        return a;
    }

    public static void main(String[] args) {
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            int n1 = Cholesky.split(n), n2 = n - n1;
            double[] x = rnd(n * n, 13), spd = new double[n * n], w = new double[n * n];
            Gemm.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
            for (int i = 0; i < n; i++) spd[i * n + i] += n;
            System.arraycopy(spd, 0, w, 0, spd.length);
            Cholesky.factor(n, w, 0, n);
            double[] l = w.clone();
            double[] panel = rnd(n1 * n2, 3), c = new double[n * n];
            PackedProduct.Workspace ws = PackedProduct.Workspace.ofThisThread();
            double fc = (double) n * n * n / 3;
            double tChol = time(() -> { System.arraycopy(spd, 0, w, 0, spd.length); Cholesky.factor(n, w, 0, n); }, 7, 300);
            double tTr = time(() -> Cholesky.transpose(n2, n1, spd, n1 * n, n, panel, 0, n2), 7, 200);
            double[] p2 = panel.clone();
            double tTrsm = time(() -> { System.arraycopy(p2, 0, panel, 0, p2.length); BlockedTrsm.leftLower(n1, n2, l, 0, n, panel, 0, n2, ws); }, 7, 300);
            double tSyrk = time(() -> PackedProduct.multiply(true, n2, n2, n1, -1.0, p2, 0, n2, true, null, 0, p2, 0, n2, false, true, c, 0, n, ws), 7, 300);
            double tGemm = time(() -> PackedProduct.multiply(false, n2, n2, n1, -1.0, p2, 0, n2, true, null, 0, p2, 0, n2, false, false, c, 0, n, ws), 7, 300);
            System.out.printf("n=%d chol %.3f ms %.1f GF/s | top level n1=%d n2=%d: transpose %.3f ms, trsm %.3f ms %.1f GF/s, syrk %.3f ms %.1f GF/s, gemm(same, full) %.3f ms %.1f GF/s%n",
                n, tChol * 1e3, fc / tChol / 1e9, n1, n2, tTr * 1e3, tTrsm * 1e3, (double) n1 * n1 * n2 / tTrsm / 1e9,
                tSyrk * 1e3, (double) n2 * (n2 + 1) * n1 / tSyrk / 1e9, tGemm * 1e3, 2.0 * n2 * n2 * n1 / tGemm / 1e9);
        }
    }
}
