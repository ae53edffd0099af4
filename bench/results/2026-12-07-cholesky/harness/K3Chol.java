package dev.linea.kernels.vector;

/** Cholesky time split (thread CPU time per part, all levels): K3Chol n */
public final class K3Chol {
    static long tLeaf, tTr, tTrsm, tSyrk;

    static long now() { return K3AB.CPU.getCurrentThreadCpuTime(); }

    static int factor(int n, double[] a, int aOff, int lda, double[] panel, PackedProduct.Workspace ws) {
        if (n <= Cholesky.NB) {
            long t0 = now();
            int r = Cholesky.factor(n, a, aOff, lda);
            tLeaf += now() - t0;
            return r;
        }
        int n1 = Cholesky.split(n), n2 = n - n1;
        factor(n1, a, aOff, lda, panel, ws);
        int a21 = aOff + n1 * lda;
        long t0 = now();
        Cholesky.transpose(n2, n1, a, a21, lda, panel, 0, n2);
        long t1 = now();
        BlockedTrsm.leftLower(n1, n2, a, aOff, lda, panel, 0, n2, ws);
        long t2 = now();
        PackedProduct.multiply(true, n2, n2, n1, -1.0, panel, 0, n2, true, null, 0, panel, 0, n2, false, true, a, a21 + n1, lda, ws);
        long t3 = now();
        Cholesky.transpose(n1, n2, panel, 0, n2, a, a21, lda);
        long t4 = now();
        tTr += (t1 - t0) + (t4 - t3); tTrsm += t2 - t1; tSyrk += t3 - t2;
        return factor(n2, a, a21 + n1, lda, panel, ws);
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double[] x = K3AB.rnd(n * n, 13), spd = new double[n * n], w = new double[n * n];
        Gemm.gemm(dev.linea.kernels.Transpose.NONE, dev.linea.kernels.Transpose.TRANSPOSE, n, n, n, 1, x, 0, n, x, 0, n, 0, spd, 0, n);
        for (int i = 0; i < n; i++) spd[i * n + i] += n;
        double[] panel = new double[n * n];
        PackedProduct.Workspace ws = PackedProduct.Workspace.ofThisThread();
        for (int rep = 0; rep < 3; rep++) {
            tLeaf = tTr = tTrsm = tSyrk = 0;
            int calls = 0;
            long t0 = now();
            while (now() - t0 < 3e9) { System.arraycopy(spd, 0, w, 0, spd.length); factor(n, w, 0, n, panel, ws); calls++; }
            double tot = (now() - t0) / 1e6 / calls;
            System.out.printf("n=%d total %.3f ms: leaf %.3f transpose %.3f trsm %.3f syrk %.3f (copy+timers %.3f)%n", n, tot, tLeaf / 1e6 / calls, tTr / 1e6 / calls, tTrsm / 1e6 / calls, tSyrk / 1e6 / calls, tot - (tLeaf + tTr + tTrsm + tSyrk) / 1e6 / calls);
        }
    }
}
