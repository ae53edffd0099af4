package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * A/B of Cholesky variants in one JVM: variants alternate round by round, thread CPU time, median. Usage:
 * K3AB n rounds variant... where a variant is "native" or "leaf=0|1,trsmnb=N,cholnb=N".
 */
public final class K3AB {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static double[] rnd(int n, long seed) {
        Random r = new Random(seed); double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
        return a;
    }

    /**
     * Set the tuning knobs of a variant. During the session BlockedTrsm.NB, Cholesky.NB, BlockedTrsm.LEAF and
     * PackedProduct.DIRECT were temporarily non-final statics set here (leaf=0|1, trsmnb=N, cholnb=N, direct=0|1);
     * the committed kernels fix them, so only "native" and "default" remain meaningful.
     */
    static void apply(String v) {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String[] vs = Arrays.copyOfRange(args, 2, args.length);
        Backend nat = Backends.named("native");
        double[] x = rnd(n * n, 13), spd = new double[n * n], w = new double[n * n];
        Gemm.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
        for (int i = 0; i < n; i++) spd[i * n + i] += n;
        Runnable[] ops = new Runnable[vs.length];
        for (int i = 0; i < vs.length; i++) {
            String v = vs[i];
            ops[i] = v.equals("native") ? () -> { System.arraycopy(spd, 0, w, 0, spd.length); nat.cholesky(n, w, 0, n); }
                    : () -> { apply(v); System.arraycopy(spd, 0, w, 0, spd.length); if (Cholesky.factor(n, w, 0, n) != 0) throw new IllegalStateException(); };
        }
        for (Runnable op : ops) { long end = CPU.getCurrentThreadCpuTime() + 1_500_000_000L; while (CPU.getCurrentThreadCpuTime() < end) op.run(); }
        double[][] t = new double[vs.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < vs.length; i++) {
                long wallEnd = System.nanoTime() + 250_000_000L; long cpu = 0; int calls = 0;
                do { long c0 = CPU.getCurrentThreadCpuTime(); ops[i].run(); cpu += CPU.getCurrentThreadCpuTime() - c0; calls++; } while (System.nanoTime() < wallEnd);
                t[i][r] = cpu / 1e9 / calls;
            }
        }
        double f = (double) n * n * n / 3;
        for (int i = 0; i < vs.length; i++) {
            Arrays.sort(t[i]);
            System.out.printf("n=%d %-30s %.3f ms %.1f GF/s (best %.1f)%n", n, vs[i], t[i][rounds / 2] * 1e3, f / t[i][rounds / 2] / 1e9, f / t[i][0] / 1e9);
        }
    }
}
