package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

public final class K2Harness {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    interface Op { void run(); }

    static double time(Op op, int rounds, double ms) {
        long end = CPU.getCurrentThreadCpuTime() + 2_000_000_000L;
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
        String what = args.length > 0 ? args[0] : "all";
        int rounds = 7;
        if (what.equals("all") || what.equals("micro")) {
            int kc = 384, L = Panels.L, st = Panels.stride(kc);
            double[] q = rnd(16 * st, 1), p = rnd(2 * st, 2), tile = new double[MicroKernel.MR * MicroKernel.NR];
            Op op = () -> { for (int jr = 0; jr < 16; jr += 2) MicroKernel.tile(kc, q, jr * st, jr * st + st, p, 0, 1, 2, 3, st, st + 1, tile); };
            double s = time(op, rounds, 200);
            System.out.printf("micro kc=%d: %.1f GFLOP/s%n", kc, 8.0 * 2 * kc * MicroKernel.MR * MicroKernel.NR / s / 1e9);
        }
        Backend nat = null;
        try { nat = Backends.named("native"); } catch (Throwable e) { System.out.println("no native " + e); }
        if (what.equals("all") || what.equals("gemm")) {
            int g = 1000;
            double[] a = rnd(g * g, 11), b = rnd(g * g, 12), c = new double[g * g];
            double s = time(() -> Gemm.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g), rounds, 400);
            Backend nb = nat;
            double sn = nb == null ? Double.NaN : time(() -> nb.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g), rounds, 400);
            System.out.printf("gemm %d: vector %.1f native %.1f GFLOP/s ratio %.2f%n", g, 2e9 / s / 1e9, 2e9 / sn / 1e9, sn / s);
        }
        if (what.equals("all") || what.equals("chol")) {
            for (int n : new int[]{500, 2000}) {
                double[] x = rnd(n * n, 13), spd = new double[n * n], w = new double[n * n];
                Gemm.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
                for (int i = 0; i < n; i++) spd[i * n + i] += n;
                double s = time(() -> { System.arraycopy(spd, 0, w, 0, spd.length); if (Cholesky.factor(n, w, 0, n) != 0) throw new IllegalStateException(); }, rounds, 400);
                Backend nb = nat;
                double sn = nb == null ? Double.NaN : time(() -> { System.arraycopy(spd, 0, w, 0, spd.length); nb.cholesky(n, w, 0, n); }, rounds, 400);
                double f = (double) n * n * n / 3;
                System.out.printf("chol %d: vector %.1f native %.1f GFLOP/s ratio %.2f%n", n, f / s / 1e9, f / sn / 1e9, sn / s);
            }
        }
    }
}
