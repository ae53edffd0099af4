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

    static final jdk.incubator.vector.VectorSpecies<Double> S4 = jdk.incubator.vector.DoubleVector.SPECIES_256;
    static final jdk.incubator.vector.VectorShuffle<Double> LO = jdk.incubator.vector.VectorShuffle.fromValues(S4, 0, 4, 2, 6);
    static final jdk.incubator.vector.VectorShuffle<Double> HI = jdk.incubator.vector.VectorShuffle.fromValues(S4, 1, 5, 3, 7);
    static final jdk.incubator.vector.VectorShuffle<Double> L2 = jdk.incubator.vector.VectorShuffle.fromValues(S4, 0, 1, 4, 5);
    static final jdk.incubator.vector.VectorShuffle<Double> H2 = jdk.incubator.vector.VectorShuffle.fromValues(S4, 2, 3, 6, 7);

    static void vec(int rows, int cols, double[] src, int sOff, int lds, double[] dst, int dOff, int ldd) {
        final int T = 32;
        for (int i0 = 0; i0 < rows; i0 += T) {
            int i1 = Math.min(rows, i0 + T);
            for (int j0 = 0; j0 < cols; j0 += T) {
                int j1 = Math.min(cols, j0 + T);
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    int s0 = sOff + i * lds, s1 = s0 + lds, s2 = s1 + lds, s3 = s2 + lds;
                    int j = j0;
                    for (; j + 4 <= j1; j += 4) {
                        var r0 = jdk.incubator.vector.DoubleVector.fromArray(S4, src, s0 + j);
                        var r1 = jdk.incubator.vector.DoubleVector.fromArray(S4, src, s1 + j);
                        var r2 = jdk.incubator.vector.DoubleVector.fromArray(S4, src, s2 + j);
                        var r3 = jdk.incubator.vector.DoubleVector.fromArray(S4, src, s3 + j);
                        var t0 = r0.rearrange(LO, r1);
                        var t1 = r0.rearrange(HI, r1);
                        var t2 = r2.rearrange(LO, r3);
                        var t3 = r2.rearrange(HI, r3);
                        int d = dOff + j * ldd + i;
                        t0.rearrange(L2, t2).intoArray(dst, d);
                        t1.rearrange(L2, t3).intoArray(dst, d + ldd);
                        t0.rearrange(H2, t2).intoArray(dst, d + 2 * ldd);
                        t1.rearrange(H2, t3).intoArray(dst, d + 3 * ldd);
                    }
                    for (; j < j1; j++) {
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
        vec(n2, n1, a, n1 * lda, lda, p2, 0, n2);
        System.out.println("same: " + Arrays.equals(p, p2));
        double[] to = new double[7], tn = new double[7];
        for (int r = -2; r < 7; r++) {
            long c0 = K3AB.CPU.getCurrentThreadCpuTime(); int calls = 0;
            do { Cholesky.transpose(n2, n1, a, n1 * lda, lda, p, 0, n2); Cholesky.transpose(n1, n2, p, 0, n2, a, n1 * lda, lda); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
            double t1 = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            c0 = K3AB.CPU.getCurrentThreadCpuTime(); calls = 0;
            do { vec(n2, n1, a, n1 * lda, lda, p, 0, n2); vec(n1, n2, p, 0, n2, a, n1 * lda, lda); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 2e8);
            double t2 = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            if (r >= 0) { to[r] = t1; tn[r] = t2; }
        }
        Arrays.sort(to); Arrays.sort(tn);
        System.out.printf("transpose there+back n=%d (%dx%d) lda=%d: tiled(current) %.3f ms (%.2f ns/elem), vector4x4 %.3f ms (%.2f ns/elem)%n", n, n2, n1, lda, to[3] * 1e3, to[3] * 1e9 / (2.0 * n1 * n2), tn[3] * 1e3, tn[3] * 1e9 / (2.0 * n1 * n2));
    }
}
