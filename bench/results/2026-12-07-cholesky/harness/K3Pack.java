package dev.linea.kernels.vector;

/** Packing cost of GEMM n=1000's three kc blocks (thread CPU time): packRows (Q) and packColumns (P). */
public final class K3Pack {
    public static void main(String[] args) {
        int g = 1000, kc = 334, st = Panels.stride(kc);
        double[] a = K3AB.rnd(g * g, 1), b = K3AB.rnd(g * g, 2);
        double[] qb = new double[Panels.pairedPanels(g) * st], pbuf = new double[((g + 3) / 4 + 1) * st];
        for (int r = 0; r < 6; r++) {
            long c0 = K3AB.CPU.getCurrentThreadCpuTime(); int calls = 0;
            do { for (int pc = 0; pc < g; pc += kc) Panels.packRows(Math.min(kc, g - pc), g, b, pc * g, g, null, 0, qb, Panels.pairedPanels(g), st); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 3e8);
            double tq = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e6 / calls;
            c0 = K3AB.CPU.getCurrentThreadCpuTime(); calls = 0;
            do { for (int pc = 0; pc < g; pc += kc) Panels.packColumns(Math.min(kc, g - pc), g, a, pc, g, null, 0, pbuf, (g + 3) / 4, st); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 3e8);
            double tp = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e6 / calls;
            System.out.printf("gemm 1000 packing: packRows(Q) %.3f ms, packColumns(P) %.3f ms (of ~52 ms at 38 GF/s)%n", tq, tp);
        }
    }
}
