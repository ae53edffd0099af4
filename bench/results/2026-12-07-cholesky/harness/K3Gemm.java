package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import java.util.Arrays;

/** A/B of PackedProduct.DIRECT on GEMM 1000, Gram 1e4x1000, Gram 500x500, Cholesky 500/2000 (+ native), one JVM, alternating. */
public final class K3Gemm {
    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        String what = args[1];
        Backend nat = Backends.named("native");
        Runnable[] ops; String[] names; double flops;
        switch (what) {
            case "gemm" -> {
                int g = 1000; double[] a = K3AB.rnd(g * g, 11), b = K3AB.rnd(g * g, 12), c = new double[g * g];
                Runnable v = () -> Gemm.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g);
                ops = new Runnable[]{() -> nat.gemm(Transpose.NONE, Transpose.NONE, g, g, g, 1, a, 0, g, b, 0, g, 0, c, 0, g), () -> { PackedProduct.DIRECT = false; v.run(); }, () -> { PackedProduct.DIRECT = true; v.run(); }};
                flops = 2.0 * g * g * g;
            }
            default -> {
                String[] sh = what.split("x"); int m = Integer.parseInt(sh[0]), n = Integer.parseInt(sh[1]);
                double[] a = K3AB.rnd(m * n, 9), c = new double[n * n];
                Runnable v = () -> Gram.gram(m, n, a, 0, n, null, 0, c, 0, n);
                ops = new Runnable[]{() -> nat.gram(m, n, a, 0, n, null, 0, c, 0, n), () -> { PackedProduct.DIRECT = false; v.run(); }, () -> { PackedProduct.DIRECT = true; v.run(); }};
                flops = (double) m * n * (n + 1);
            }
        }
        names = new String[]{"native", "tile-array", "direct"};
        for (Runnable op : ops) { long end = K3AB.CPU.getCurrentThreadCpuTime() + 1_500_000_000L; while (K3AB.CPU.getCurrentThreadCpuTime() < end) op.run(); }
        double[][] t = new double[ops.length][rounds];
        for (int r = 0; r < rounds; r++) for (int i = 0; i < ops.length; i++) {
            long wallEnd = System.nanoTime() + 250_000_000L; long cpu = 0; int calls = 0;
            do { long c0 = K3AB.CPU.getCurrentThreadCpuTime(); ops[i].run(); cpu += K3AB.CPU.getCurrentThreadCpuTime() - c0; calls++; } while (System.nanoTime() < wallEnd);
            t[i][r] = cpu / 1e9 / calls;
        }
        for (int i = 0; i < ops.length; i++) { Arrays.sort(t[i]); System.out.printf("%s %-12s %.1f GF/s (best %.1f) ratio to native %.3f%n", what, names[i], flops / t[i][rounds / 2] / 1e9, flops / t[i][0] / 1e9, t[0][rounds / 2] / t[i][rounds / 2]); }
    }
}
