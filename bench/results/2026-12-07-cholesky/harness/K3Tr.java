package dev.linea.kernels.vector;

import java.util.Arrays;

/** Transpose variants (thread CPU time): old 8x8 Cholesky.transpose vs tiled. K3Tr n lda */
public final class K3Tr {
    static void tiled(int rows, int cols, double[] src, int sOff, int lds, double[] dst, int dOff, int ldd) {
        final int T = Integer.getInteger("t", 32);
        for (int i0 = 0; i0 < rows; i0 += T) {
            int i1 = Math.min(rows, i0 + T);
            for (int j0 = 0; j0 < cols; j0 += T) {
                int j1 = Math.min(cols, j0 + T);
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    int s0 = sOff + i * lds, s1 = s0 + lds, s2 = s1 + lds, s3 = s2 + lds;
                    for (int j = j0; j < j1; j++) {
                        int d = dOff + j * ldd + i;
                        dst[d] = src[s0 + j];
                        dst[d + 1] = src[s1 + j];
                        dst[d + 2] = src[s2 + j];
                        dst[d + 3] = src[s3 + j];
                    }
                }
                for (; i < i1; i++) {
                    int s = sOff + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * ldd + i] = src[s + j];
                    }
                }
            }
        }
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]), lda = Integer.parseInt(args[1]);
        int n1 = Cholesky.split(n), n2 = n - n1;
        double[] a = K3AB.rnd(lda * n, 1), p = new double[n1 * n2], p2 = new double[n1 * n2];
        Cholesky.transpose(n2, n1, a, n1 * lda, lda, p, 0, n2);
        tiled(n2, n1, a, n1 * lda, lda, p2, 0, n2);
        System.out.println("same: " + Arrays.equals(p, p2));
        double[] to = new double[7], tn = new double[7];
        for (int r = -2; r < 7; r++) {
            long c0 = K3AB.CPU.getCurrentThreadCpuTime(); int calls = 0;
            do { Cholesky.transpose(n2, n1, a, n1 * lda, lda, p, 0, n2); Cholesky.transpose(n1, n2, p, 0, n2, a, n1 * lda, lda); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
            double t1 = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            c0 = K3AB.CPU.getCurrentThreadCpuTime(); calls = 0;
            do { tiled(n2, n1, a, n1 * lda, lda, p, 0, n2); tiled(n1, n2, p, 0, n2, a, n1 * lda, lda); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
            double t2 = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            if (r >= 0) { to[r] = t1; tn[r] = t2; }
        }
        Arrays.sort(to); Arrays.sort(tn);
        System.out.printf("transpose there+back n=%d (%dx%d) lda=%d: old %.3f ms (%.2f ns/elem), tiled %.3f ms (%.2f ns/elem)%n", n, n2, n1, lda, to[3] * 1e3, to[3] * 1e9 / (2.0 * n1 * n2), tn[3] * 1e3, tn[3] * 1e9 / (2.0 * n1 * n2));
    }
}
