package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import java.util.Arrays;

/** A/B in one JVM: main's Gemm/Gram loop nest (PPMain, PackedProduct copied from ff1a27d, with main's clearing/mirroring) vs this branch's Gemm.gemm / Gram.gram. K3Main rounds shape... */
public final class K3Main {
    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Backend nat = Backends.named("native");
        for (int s = 1; s < args.length; s++) {
            String what = args[s];
            Runnable[] ops; double flops;
            if (what.equals("gemm")) {
                int g = 1000; double[] a = K3AB.rnd(g * g, 11), b = K3AB.rnd(g * g, 12), c = new double[g * g];
                ops = new Runnable[]{
                    () -> nat.gemm(dev.linea.kernels.Transpose.NONE, dev.linea.kernels.Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g),
                    () -> { Arrays.fill(c, 0); PPMain.multiply(false, g, g, g, 1, a, 0, g, false, null, 0, b, 0, g, false, false, c, 0, g); },
                    () -> Gemm.gemm(dev.linea.kernels.Transpose.NONE, dev.linea.kernels.Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g)};
                flops = 2.0 * g * g * g;
            } else {
                String[] sh = what.split("x"); int m = Integer.parseInt(sh[0]), n = Integer.parseInt(sh[1]);
                double[] a = K3AB.rnd(m * n, 9), c = new double[n * n];
                ops = new Runnable[]{
                    () -> nat.gram(m, n, a, 0, n, null, 0, c, 0, n),
                    () -> { Arrays.fill(c, 0); PPMain.multiply(true, n, n, m, 1.0, a, 0, n, true, null, 0, a, 0, n, false, true, c, 0, n); },
                    () -> Gram.gram(m, n, a, 0, n, null, 0, c, 0, n)};
                flops = (double) m * n * (n + 1);
            }
            String[] names = {"native", "main", "branch"};
            for (Runnable op : ops) { long end = K3AB.CPU.getCurrentThreadCpuTime() + 1_500_000_000L; while (K3AB.CPU.getCurrentThreadCpuTime() < end) op.run(); }
            double[][] t = new double[ops.length][rounds];
            for (int r = 0; r < rounds; r++) for (int i = 0; i < ops.length; i++) {
                long wallEnd = System.nanoTime() + 250_000_000L; long cpu = 0; int calls = 0;
                do { long c0 = K3AB.CPU.getCurrentThreadCpuTime(); ops[i].run(); cpu += K3AB.CPU.getCurrentThreadCpuTime() - c0; calls++; } while (System.nanoTime() < wallEnd);
                t[i][r] = cpu / 1e9 / calls;
            }
            for (int i = 0; i < ops.length; i++) { Arrays.sort(t[i]); System.out.printf("%s %-8s %.1f GF/s (best %.1f) ratio to native %.3f%n", what, names[i], flops / t[i][rounds / 2] / 1e9, flops / t[i][0] / 1e9, t[0][rounds / 2] / t[i][rounds / 2]); }
        }
    }
}
