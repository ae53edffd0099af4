package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/** G2Lib ROUNDS : CpuTimeRatio's shapes, native against the vector backend, alternating per round; thread CPU time,
 * at least 20 ms of calls per round. (The JB experiment of g2lib-jb-128-64-96.txt ran this with PackedProduct.JB made
 * non-final and set before each variant's calls; the arguments after ROUNDS were the JB values.) */
public final class G2Lib {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static int[] jbs;
    static int rounds;

    static double[] rnd(int n, long seed) {
        Random r = new Random(seed); double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
        return a;
    }

    public static void main(String[] args) {
        rounds = Integer.parseInt(args[0]);
        jbs = new int[]{0};
        String only = System.getProperty("only", "");
        Backend vec = Backends.named("vector"), nat = Backends.named("native");
        for (String shape : new String[]{"500x500", "100000x100", "10000x1000"}) {
            if (!only.isEmpty() && !only.contains("gram")) break;
            String[] p = shape.split("x");
            int m = Integer.parseInt(p[0]), n = Integer.parseInt(p[1]);
            double[] a = rnd(m * n, 9), c = new double[n * n];
            report("gram " + shape, (double) m * n * (n + 1), vec, nat, b -> b.gram(m, n, a, 0, n, null, 0, c, 0, n));
        }
        int g = 1000;
        double[] ga = rnd(g * g, 11), gb = rnd(g * g, 12), gc = new double[g * g];
        if (only.isEmpty() || only.contains("gemm"))
            report("gemm " + g, 2.0 * g * g * g, vec, nat,
                    b -> b.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, ga, 0, g, gb, 0, g, 0, gc, 0, g));
        for (int n : new int[]{500, 2000}) {
            if (!only.isEmpty() && !only.contains("chol")) break;
            double[] x = rnd(n * n, 13), spd = new double[n * n], work = new double[n * n];
            vec.gemm(Transpose.NONE, Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
            for (int i = 0; i < n; i++) spd[i * n + i] += n;
            report("cholesky " + n, (double) n * n * n / 3, vec, nat, b -> {
                System.arraycopy(spd, 0, work, 0, spd.length);
                if (b.cholesky(n, work, 0, n) != 0) throw new IllegalStateException();
            });
        }
    }

    static void report(String name, double flops, Backend vec, Backend nat, Consumer<Backend> call) {
        int nv = jbs.length + 1;
        for (int i = 0; i < nv; i++) {
            long end = CPU.getCurrentThreadCpuTime() + 1_500_000_000L;
            while (CPU.getCurrentThreadCpuTime() < end) call.accept(i == 0 ? nat : vec);
        }
        double[][] t = new double[nv][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < nv; i++) {
                Backend b = i == 0 ? nat : vec;
                long c0 = CPU.getCurrentThreadCpuTime(); int calls = 0;
                do { call.accept(b); calls++; } while (CPU.getCurrentThreadCpuTime() - c0 < 20_000_000L);
                t[i][r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%-18s", name));
        double[] sn = t[0].clone(); Arrays.sort(sn);
        sb.append(String.format(" native %.1f (best %.1f)", flops / sn[rounds / 2] / 1e9, flops / sn[0] / 1e9));
        for (int i = 1; i < nv; i++) {
            double[] s = t[i].clone(); Arrays.sort(s);
            double[] q = new double[rounds];
            for (int r = 0; r < rounds; r++) q[r] = t[0][r] / t[i][r];
            Arrays.sort(q);
            sb.append(String.format(" | vector %.1f (best %.1f) ratio med %.3f best÷best %.3f",
                    flops / s[rounds / 2] / 1e9, flops / s[0] / 1e9, q[rounds / 2], sn[0] / s[0]));
        }
        System.out.println(sb);
    }
}
