package dev.linea.kernels.vector;
import jdk.incubator.vector.*;
public class PP2 {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** B(rows, ct..ct+2L) -= V(rows, 0..32)·W(0..32, ct..) for 4 rows: v at row offset of V's panel start. */
    static void update4x32(int v, int q, int ldb, double[] b, double[] wt, int ct, int ldw) {
        DoubleVector c00 = DoubleVector.fromArray(S, b, q), c01 = DoubleVector.fromArray(S, b, q + L);
        DoubleVector c10 = DoubleVector.fromArray(S, b, q + ldb), c11 = DoubleVector.fromArray(S, b, q + ldb + L);
        DoubleVector c20 = DoubleVector.fromArray(S, b, q + 2 * ldb), c21 = DoubleVector.fromArray(S, b, q + 2 * ldb + L);
        DoubleVector c30 = DoubleVector.fromArray(S, b, q + 3 * ldb), c31 = DoubleVector.fromArray(S, b, q + 3 * ldb + L);
        for (int k = 0; k < 32; k++) {
            DoubleVector w0 = DoubleVector.fromArray(S, wt, k * ldw + ct);
            DoubleVector w1 = DoubleVector.fromArray(S, wt, k * ldw + ct + L);
            DoubleVector v0 = DoubleVector.broadcast(S, -b[v + k]);
            c00 = w0.fma(v0, c00); c01 = w1.fma(v0, c01);
            DoubleVector v1 = DoubleVector.broadcast(S, -b[v + ldb + k]);
            c10 = w0.fma(v1, c10); c11 = w1.fma(v1, c11);
            DoubleVector v2 = DoubleVector.broadcast(S, -b[v + 2 * ldb + k]);
            c20 = w0.fma(v2, c20); c21 = w1.fma(v2, c21);
            DoubleVector v3 = DoubleVector.broadcast(S, -b[v + 3 * ldb + k]);
            c30 = w0.fma(v3, c30); c31 = w1.fma(v3, c31);
        }
        c00.intoArray(b, q); c01.intoArray(b, q + L); c10.intoArray(b, q + ldb); c11.intoArray(b, q + ldb + L);
        c20.intoArray(b, q + 2 * ldb); c21.intoArray(b, q + 2 * ldb + L); c30.intoArray(b, q + 3 * ldb); c31.intoArray(b, q + 3 * ldb + L);
    }
    /** 6 rows x 2L. */
    static void update6x32(int v, int q, int ldb, double[] b, double[] wt, int ct, int ldw) {
        DoubleVector c00 = DoubleVector.fromArray(S, b, q), c01 = DoubleVector.fromArray(S, b, q + L);
        DoubleVector c10 = DoubleVector.fromArray(S, b, q + ldb), c11 = DoubleVector.fromArray(S, b, q + ldb + L);
        DoubleVector c20 = DoubleVector.fromArray(S, b, q + 2 * ldb), c21 = DoubleVector.fromArray(S, b, q + 2 * ldb + L);
        DoubleVector c30 = DoubleVector.fromArray(S, b, q + 3 * ldb), c31 = DoubleVector.fromArray(S, b, q + 3 * ldb + L);
        DoubleVector c40 = DoubleVector.fromArray(S, b, q + 4 * ldb), c41 = DoubleVector.fromArray(S, b, q + 4 * ldb + L);
        DoubleVector c50 = DoubleVector.fromArray(S, b, q + 5 * ldb), c51 = DoubleVector.fromArray(S, b, q + 5 * ldb + L);
        for (int k = 0; k < 32; k++) {
            DoubleVector w0 = DoubleVector.fromArray(S, wt, k * ldw + ct);
            DoubleVector w1 = DoubleVector.fromArray(S, wt, k * ldw + ct + L);
            DoubleVector v0 = DoubleVector.broadcast(S, b[v + k]);
            c00 = w0.fma(v0, c00); c01 = w1.fma(v0, c01);
            DoubleVector v1 = DoubleVector.broadcast(S, b[v + ldb + k]);
            c10 = w0.fma(v1, c10); c11 = w1.fma(v1, c11);
            DoubleVector v2 = DoubleVector.broadcast(S, b[v + 2 * ldb + k]);
            c20 = w0.fma(v2, c20); c21 = w1.fma(v2, c21);
            DoubleVector v3 = DoubleVector.broadcast(S, b[v + 3 * ldb + k]);
            c30 = w0.fma(v3, c30); c31 = w1.fma(v3, c31);
            DoubleVector v4 = DoubleVector.broadcast(S, b[v + 4 * ldb + k]);
            c40 = w0.fma(v4, c40); c41 = w1.fma(v4, c41);
            DoubleVector v5 = DoubleVector.broadcast(S, b[v + 5 * ldb + k]);
            c50 = w0.fma(v5, c50); c51 = w1.fma(v5, c51);
        }
        c00.intoArray(b, q); c01.intoArray(b, q + L); c10.intoArray(b, q + ldb); c11.intoArray(b, q + ldb + L);
        c20.intoArray(b, q + 2 * ldb); c21.intoArray(b, q + 2 * ldb + L); c30.intoArray(b, q + 3 * ldb); c31.intoArray(b, q + 3 * ldb + L);
        c40.intoArray(b, q + 4 * ldb); c41.intoArray(b, q + 4 * ldb + L); c50.intoArray(b, q + 5 * ldb); c51.intoArray(b, q + 5 * ldb + L);
    }
    public static void main(String[] a) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int mb = 324, ld = 100, nt = 64;
        double[] b = new double[mb * ld];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian() * 1e-3;
        double[] w = new double[32 * 100];
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian() * 1e-3;
        for (int rep = 0; rep < 6; rep++) {
            int N = 3000;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int it = 0; it < N; it++)
                PackedProduct.multiply(false, mb, nt, 32, -1.0, b, 0, ld, false, null, 0, w, 32, 100, false, false, b, 32, ld);
            long t1 = mx.getCurrentThreadCpuTime();
            for (int it = 0; it < N; it++)
                for (int i = 0; i + 4 <= mb; i += 4)
                    for (int ct = 0; ct < nt; ct += 2 * L) update4x32(i * ld, i * ld + 32 + ct, ld, b, w, 32 + ct, 100);
            long t2 = mx.getCurrentThreadCpuTime();
            for (int it = 0; it < N; it++)
                for (int i = 0; i + 6 <= mb; i += 6)
                    for (int ct = 0; ct < nt; ct += 2 * L) update6x32(i * ld, i * ld + 32 + ct, ld, b, w, 32 + ct, 100);
            long t3 = mx.getCurrentThreadCpuTime();
            double f = 2.0 * mb * nt * 32 * N;
            System.out.printf("packed %.1f  direct4 %.1f  direct6 %.1f GFLOP/s%n", f / (t1 - t0), f / (t2 - t1), f / (t3 - t2));
        }
    }
}
