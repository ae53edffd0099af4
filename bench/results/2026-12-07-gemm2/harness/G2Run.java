package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** G2Run ROUNDS N spec... ; spec = lib | native | pack | KC/JB/VARIANT. Thread CPU time, specs alternate per round. */
public final class G2Run {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static double[] rnd(int n, long seed) {
        Random r = new Random(seed); double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
        return a;
    }

    /** Seconds per call: CPU time of at least ms milliseconds of calls. */
    static double time(Runnable op, double ms) {
        long c0 = CPU.getCurrentThreadCpuTime(); int calls = 0;
        do { op.run(); calls++; } while (CPU.getCurrentThreadCpuTime() - c0 < ms * 1e6);
        return (CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int g = Integer.parseInt(args[1]);
        double[] a = rnd(g * g, 11), b = rnd(g * g, 12);
        List<String> names = new ArrayList<>();
        List<Runnable> ops = new ArrayList<>();
        List<double[]> outs = new ArrayList<>();
        Backend nat = Backends.named("native");
        for (int i = 2; i < args.length; i++) {
            String s = args[i];
            double[] c = new double[g * g];
            names.add(s); outs.add(c);
            if (s.equals("lib")) {
                ops.add(() -> Gemm.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g));
            } else if (s.equals("split7")) {
                // main's RowSplit.gemm on one thread: blocks of 144 rows (7 at n = 1000), each packing all of B
                int rows = 144;
                ops.add(() -> { for (int r0 = 0; r0 < g; r0 += rows)
                    Gemm.gemm(Transpose.NONE, Transpose.NONE, Math.min(rows, g - r0), g, g, 1, a, r0 * g, g, b, 0, g, 0, c, r0 * g, g); });
            } else if (s.equals("backend")) {
                Backend vec = Backends.named("vector");
                ops.add(() -> vec.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g));
            } else if (s.equals("native")) {
                ops.add(() -> nat.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g));
            } else if (s.startsWith("pack")) {
                int kcb = Integer.parseInt(s.substring(5));
                boolean rows = s.charAt(4) == 'R', cols = s.charAt(4) == 'C' || s.charAt(4) == 'B';
                boolean vt = s.charAt(4) == 'V';
                rows |= s.charAt(4) == 'B';
                int kcMax = (g + (g + kcb - 1) / kcb - 1) / ((g + kcb - 1) / kcb);
                double[] qb = new double[Panels.pairedPanels(g) * Panels.stride(kcMax)];
                double[] pb = new double[((g + 3) / 4 + 1) * Panels.stride(kcMax)];
                boolean fr = rows, fc = cols;
                if (vt) { java.util.Arrays.fill(pb, 1.0); G2Pack.packColumns(kcMax, g, a, 0, g, pb, (g + 3) / 4, Panels.stride(kcMax));
                    double[] ref = new double[pb.length]; java.util.Arrays.fill(ref, 1.0); Panels.packColumns(kcMax, g, a, 0, g, null, 0, ref, (g + 3) / 4, Panels.stride(kcMax));
                    System.out.println("vt pack equal: " + java.util.Arrays.equals(ref, pb)); }
                ops.add(() -> {
                    for (int pc = 0; pc < g; pc += kcMax) {
                        int kc = Math.min(kcMax, g - pc), st = Panels.stride(kc);
                        if (fr) Panels.packRows(kc, g, b, pc * g, g, null, 0, qb, Panels.pairedPanels(g), st);
                        if (fc) Panels.packColumns(kc, g, a, pc, g, null, 0, pb, (g + Panels.L - 1) / Panels.L, st);
                        if (vt) G2Pack.packColumns(kc, g, a, pc, g, pb, (g + Panels.L - 1) / Panels.L, st);
                    }
                });
            } else {
                String[] p = s.split("/");
                G2Gemm v = new G2Gemm(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
                ops.add(() -> v.gemm(g, g, g, a, b, c));
            }
        }
        if (Boolean.getBoolean("gramfirst")) { // as in CpuTimeRatio: the level-3 code first sees Gram's profile
            Backend vec = Backends.named("vector");
            for (int sh : new int[]{500, 1000}) {
                int gm = sh == 500 ? 500 : 10000;
                double[] x = rnd(gm * sh, 9), gc = new double[sh * sh];
                long e = CPU.getCurrentThreadCpuTime() + 3_000_000_000L;
                while (CPU.getCurrentThreadCpuTime() < e) vec.gram(gm, sh, x, 0, sh, null, 0, gc, 0, sh);
            }
        }
        for (int i = 0; i < ops.size(); i++) { long e = CPU.getCurrentThreadCpuTime() + 1_500_000_000L; while (CPU.getCurrentThreadCpuTime() < e) ops.get(i).run(); }
        double[] ref = outs.get(0);
        for (int i = 1; i < ops.size(); i++) {
            if (names.get(i).startsWith("pack")) continue;
            double d = 0; double[] o = outs.get(i);
            for (int j = 0; j < ref.length; j++) d = Math.max(d, Math.abs(o[j] - ref[j]));
            System.out.printf("max |%s - %s| = %.3g%n", names.get(i), names.get(0), d);
        }
        double[][] t = new double[ops.size()][rounds];
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < ops.size(); i++) t[i][r] = time(ops.get(i), Double.parseDouble(System.getProperty("ms", "300")));
        int ni = names.indexOf("native");
        double flop = 2.0 * g * g * g;
        for (int i = 0; i < ops.size(); i++) {
            double[] s = t[i].clone(); Arrays.sort(s);
            String ratio = "";
            if (ni >= 0) {
                double[] q = new double[rounds];
                for (int r = 0; r < rounds; r++) q[r] = t[ni][r] / t[i][r];
                Arrays.sort(q);
                double[] sn = t[ni].clone(); Arrays.sort(sn);
                ratio = String.format(" ÷native: median of rounds %.3f (min %.3f max %.3f), best ÷ best %.3f",
                        q[rounds / 2], q[0], q[rounds - 1], sn[0] / s[0]);
            }
            System.out.printf("%-14s %.2f ms  %.1f GFLOP/s (best %.1f)%s%n", names.get(i), s[rounds / 2] * 1e3,
                    flop / s[rounds / 2] / 1e9, flop / s[0] / 1e9, ratio);
        }
    }
}
