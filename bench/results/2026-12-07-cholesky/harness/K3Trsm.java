package dev.linea.kernels.vector;

import java.util.Arrays;

/** Where a Cholesky panel solve's time goes: leaves vs GEMMs per depth (thread CPU time). K3Trsm n1 n2 */
public final class K3Trsm {
    static long[] tg = new long[20], tl = new long[20];
    static double[] fg = new double[20];

    static void solve(int depth, int n, int nrhs, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, PackedProduct.Workspace ws) {
        if (n <= BlockedTrsm.NB) {
            long t0 = K3AB.CPU.getCurrentThreadCpuTime();
            BlockedTrsm.solve(true, false, false, n, nrhs, a, aOff, lda, b, bOff, ldb, ws);
            tl[depth] += K3AB.CPU.getCurrentThreadCpuTime() - t0;
            return;
        }
        int k1 = Cholesky.split(n), k2 = n - k1;
        solve(depth + 1, k1, nrhs, a, aOff, lda, b, bOff, ldb, ws);
        long t0 = K3AB.CPU.getCurrentThreadCpuTime();
        PackedProduct.multiply(false, k2, nrhs, k1, -1.0, a, aOff + k1 * lda, lda, false, null, 0, b, bOff, ldb, false, false, b, bOff + k1 * ldb, ldb, ws);
        tg[depth] += K3AB.CPU.getCurrentThreadCpuTime() - t0;
        fg[depth] += 2.0 * k1 * k2 * nrhs;
        solve(depth + 1, k2, nrhs, a, aOff + k1 * lda + k1, lda, b, bOff + k1 * ldb, ldb, ws);
    }

    public static void main(String[] args) {
        int n1 = Integer.parseInt(args[0]), n2 = Integer.parseInt(args[1]);
        double[] l = K3AB.rnd(n1 * n1, 1);
        for (int i = 0; i < n1; i++) { for (int j = 0; j < i; j++) l[i * n1 + j] *= 0.05; l[i * n1 + i] = 2 + Math.abs(l[i * n1 + i]); }
        double[] b0 = K3AB.rnd(n1 * n2, 2), b = b0.clone();
        PackedProduct.Workspace ws = PackedProduct.Workspace.ofThisThread();
        for (int rep = 0; rep < 3; rep++) {
            Arrays.fill(tg, 0); Arrays.fill(tl, 0); Arrays.fill(fg, 0);
            int calls = 0; long c0 = K3AB.CPU.getCurrentThreadCpuTime();
            while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e9) { System.arraycopy(b0, 0, b, 0, b.length); solve(0, n1, n2, l, 0, n1, b, 0, n2, ws); calls++; }
            double tot = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e6 / calls;
            StringBuilder sb = new StringBuilder(String.format("trsm %dx%d total %.3f ms (%.1f GF/s):", n1, n2, tot, (double) n1 * n1 * n2 / tot / 1e6));
            for (int d = 0; d < 20; d++) if (tg[d] + tl[d] > 0) sb.append(String.format(" d%d gemm %.3f ms %.1f GF/s leaf %.3f;", d, tg[d] / 1e6 / calls, fg[d] / calls / (tg[d] / (double) calls), tl[d] / 1e6 / calls));
            System.out.println(sb);
        }
    }
}
