package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

public final class K2Micro {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;

    // q: 2L values per p contiguous; p: 6 values per p contiguous
    static void tile62(int kc, double[] q, int qo, double[] pb, int po, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int x = qo + p * 2 * L;
            int y = po + p * 6;
            DoubleVector b0 = DoubleVector.fromArray(S, q, x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, x + L);
            DoubleVector v = DoubleVector.broadcast(S, pb[y]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[y + 1]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[y + 2]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[y + 3]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[y + 4]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[y + 5]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
        }
        int NR = 2 * L;
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
    }

    // q: 3L per p; p: 4 per p
    static void tile43(int kc, double[] q, int qo, double[] pb, int po, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c02 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S), c12 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S), c22 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S), c32 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int x = qo + p * 3 * L;
            int y = po + p * 4;
            DoubleVector b0 = DoubleVector.fromArray(S, q, x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, x + L);
            DoubleVector b2 = DoubleVector.fromArray(S, q, x + 2 * L);
            DoubleVector v = DoubleVector.broadcast(S, pb[y]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01); c02 = v.fma(b2, c02);
            v = DoubleVector.broadcast(S, pb[y + 1]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11); c12 = v.fma(b2, c12);
            v = DoubleVector.broadcast(S, pb[y + 2]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21); c22 = v.fma(b2, c22);
            v = DoubleVector.broadcast(S, pb[y + 3]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31); c32 = v.fma(b2, c32);
        }
        int NR = 3 * L;
        c00.intoArray(tile, 0); c01.intoArray(tile, L); c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L); c12.intoArray(tile, NR + 2 * L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L); c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L); c32.intoArray(tile, 3 * NR + 2 * L);
    }


    // q: 2L values per p contiguous; p: 6 values per p, padded to 2L per p (one induction variable)
    static void tile62s(int kc, double[] q, int qo, double[] pb, int po, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        int end = kc * 2 * L;
        for (int x = 0; x < end; x += 2 * L) {
            DoubleVector b0 = DoubleVector.fromArray(S, q, qo + x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, qo + x + L);
            DoubleVector v = DoubleVector.broadcast(S, pb[po + x]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[po + x + 1]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[po + x + 2]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[po + x + 3]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[po + x + 4]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[po + x + 5]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
        }
        int NR = 2 * L;
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
    }

    // current layout, P rows as two bases + constants
    static void tile2b(int kc, double[] q, int q0, int q1, double[] pb, int pa, int pc, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        int end = kc * L;
        for (int x = 0; x < end; x += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, q, q0 + x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, q1 + x);
            DoubleVector v = DoubleVector.broadcast(S, pb[pa + x]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[pa + x + 1]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[pa + x + 2]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[pa + x + 3]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[pc + x]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[pc + x + 1]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
        }
        int NR = 2 * L;
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
    }

    static void tileCopy(int kc, double[] q, int q0, int q1, double[] pb, int p0, int p1, int p2, int p3, int p4,
                     int p5, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        int end = kc * L;
        for (int x = 0; x < end; x += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, q, q0 + x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, q1 + x);
            DoubleVector v = DoubleVector.broadcast(S, pb[p0 + x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[p1 + x]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[p2 + x]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[p3 + x]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[p4 + x]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[p5 + x]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, (2 * L));
        c11.intoArray(tile, (2 * L) + L);
        c20.intoArray(tile, 2 * (2 * L));
        c21.intoArray(tile, 2 * (2 * L) + L);
        c30.intoArray(tile, 3 * (2 * L));
        c31.intoArray(tile, 3 * (2 * L) + L);
        c40.intoArray(tile, 4 * (2 * L));
        c41.intoArray(tile, 4 * (2 * L) + L);
        c50.intoArray(tile, 5 * (2 * L));
        c51.intoArray(tile, 5 * (2 * L) + L);
    }

    public static void main(String[] args) {
        int kc = Integer.parseInt(args.length > 0 ? args[0] : "384");
        double[] tile = new double[48];
        int nt = 8;
        double[] q2 = K2Harness.rnd(nt * kc * 2 * L, 1), p6 = K2Harness.rnd(kc * 6, 2);
        double[] q3 = K2Harness.rnd(nt * kc * 3 * L, 1), p4 = K2Harness.rnd(kc * 4, 2);
        int st = Panels.stride(kc);
        double[] q = K2Harness.rnd(16 * st, 1), p = K2Harness.rnd(2 * st, 2);
        for (int rep = 0; rep < 2; rep++) {
                        double s1 = K2Harness.time(() -> { for (int t = 0; t < nt; t++) tile62(kc, q2, t * kc * 2 * L, p6, 0, tile); }, 7, 200);
            double s2 = K2Harness.time(() -> { for (int t = 0; t < nt; t++) tile43(kc, q3, t * kc * 3 * L, p4, 0, tile); }, 7, 200);
            double s3 = K2Harness.time(() -> { for (int t = 0; t < nt; t++) tile62s(kc, q2, t * kc * 2 * L, q2, 0, tile); }, 7, 200);
            double s4 = K2Harness.time(() -> { for (int jr = 0; jr < 16; jr += 2) tile2b(kc, q, jr * st, jr * st + st, p, 0, st, tile); }, 7, 200);
            double s0 = K2Harness.time(() -> { for (int jr = 0; jr < 16; jr += 2) MicroKernel.tile(kc, q, jr * st, jr * st + st, p, 0, 1, 2, 3, st, st + 1, tile); }, 7, 200);
            double s5 = K2Harness.time(() -> { for (int jr = 0; jr < 16; jr += 2) tileCopy(kc, q, jr * st, jr * st + st, p, 0, 1, 2, 3, st, st + 1, tile); }, 7, 200);
            double f = 8.0 * 2 * kc * 6 * 2 * L;
            System.out.printf("current %.1f | 6x2 blis %.1f | 4x3 blis %.1f | 6x2 single-iv %.1f | 2 bases %.1f copy %.1f GFLOP/s%n", f / s0 / 1e9, f / s1 / 1e9, f / s2 / 1e9, f / s3 / 1e9, f / s4 / 1e9, f / s5 / 1e9);
        }
    }
}
