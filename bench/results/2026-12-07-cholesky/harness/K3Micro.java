package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Micro-kernel unrolled by 2 vs MicroKernel.tile (thread CPU time). */
public final class K3Micro {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;
    static final int NR = 2 * L;

    static void tile2(int kc, double[] q, int q0, int q1, double[] pb, int p0, int p1, int p2, int p3, int p4, int p5, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        DoubleVector b0, b1, v;
        int end = kc * L;
        int x = 0;
        for (; x + L < end; x += 2 * L) {
            b0 = DoubleVector.fromArray(S, q, q0 + x);
            b1 = DoubleVector.fromArray(S, q, q1 + x);
            v = DoubleVector.broadcast(S, pb[p0 + x]);
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
            b0 = DoubleVector.fromArray(S, q, q0 + x + L);
            b1 = DoubleVector.fromArray(S, q, q1 + x + L);
            v = DoubleVector.broadcast(S, pb[p0 + x + L]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[p1 + x + L]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[p2 + x + L]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[p3 + x + L]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[p4 + x + L]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[p5 + x + L]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        for (; x < end; x += L) {
            b0 = DoubleVector.fromArray(S, q, q0 + x);
            b1 = DoubleVector.fromArray(S, q, q1 + x);
            v = DoubleVector.broadcast(S, pb[p0 + x]);
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
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        int st = Panels.stride(kc);
        double[] q = K3AB.rnd(16 * st, 1), p = K3AB.rnd(2 * st, 2), tile = new double[6 * NR];
        Runnable a = () -> { for (int jr = 0; jr < 16; jr += 2) MicroKernel.tile(kc, q, jr * st, jr * st + st, p, 0, 1, 2, 3, st, st + 1, tile); };
        Runnable b = () -> { for (int jr = 0; jr < 16; jr += 2) tile2(kc, q, jr * st, jr * st + st, p, 0, 1, 2, 3, st, st + 1, tile); };
        double f = 8.0 * 2 * kc * 6 * NR;
        for (int r = 0; r < 8; r++) {
            double[] t = new double[2];
            Runnable[] ops = {a, b};
            for (int i = 0; i < 2; i++) {
                long c0 = K3AB.CPU.getCurrentThreadCpuTime(); int calls = 0;
                do { ops[i].run(); calls++; } while (K3AB.CPU.getCurrentThreadCpuTime() - c0 < 3e8);
                t[i] = (K3AB.CPU.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
            }
            System.out.printf("kc=%d tile %.1f GF/s, tile2 %.1f GF/s%n", kc, f / t[0] / 1e9, f / t[1] / 1e9);
        }
    }
}
