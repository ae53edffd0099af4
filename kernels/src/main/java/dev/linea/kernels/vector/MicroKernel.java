package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of every level-3 kernel: a {@value #MR}×{@code 2L} block of
 * {@code Σ_p P(i, p)·Q(p, j)} over kc values of p, with P and Q packed in {@link Panels} form. Per p: two vector
 * loads of Q (a pair of panels), six broadcasts of P, twelve FMAs into twelve accumulators — 15 of AVX2's 16 ymm
 * registers (on AVX-512 the same code is a 16×6 tile in 15 of 32 zmm registers). Measured on AVX2 (Zen 3):
 * tiles needing 16 or more registers (12×4, 16×3) spill and fall from about 40 to 18–25 GFLOP/s, so the tile stays
 * this size; the loop body stays small enough for C2 to keep every vector in a register.
 *
 * <p>The six broadcast rows are given as six offsets (they may lie in two panels): row r's value for p is at
 * {@code p[pr + p·L]}.
 */
final class MicroKernel {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;
    /** Rows of the tile (broadcasts per step). */
    static final int MR = 6;
    /** Columns of the tile (two vectors). */
    static final int NR = 2 * L;

    /** Modes of {@link #tileInto}. */
    static final int ADD = 0;
    static final int SUBTRACT = 1;
    static final int SET = 2;

    private MicroKernel() {
    }

    /**
     * tile[r·NR + c] = Σ_{p<kc} P(r, p)·Q(p, c) for r &lt; 6, c &lt; 2L, with Q's two panels at q0 and q1 and P's
     * rows at p0…p5 (each advancing by L per p).
     */
    static void tile(int kc, double[] q, int q0, int q1, double[] pb, int p0, int p1, int p2, int p3, int p4,
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
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /**
     * The left half of {@link #tile} (tile[r·NR + c] for c &lt; L only, the same sums in the same order): the last
     * tile of a row of C whose width leaves at most L columns there, half the work of a whole tile whose right
     * half would be discarded. The trailing products of the stacked QR at n = 100 end in 4 columns (68, 36, 4 =
     * 16·k + 4 on AVX-512).
     */
    static void tileHalf(int kc, double[] q, int q0, double[] pb, int p0, int p1, int p2, int p3, int p4, int p5,
                         double[] tile) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        int end = kc * L;
        for (int x = 0; x < end; x += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, q, q0 + x);
            c0 = DoubleVector.broadcast(S, pb[p0 + x]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, pb[p1 + x]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, pb[p2 + x]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, pb[p3 + x]).fma(b0, c3);
            c4 = DoubleVector.broadcast(S, pb[p4 + x]).fma(b0, c4);
            c5 = DoubleVector.broadcast(S, pb[p5 + x]).fma(b0, c5);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
    }

    /**
     * As {@link #tile}, straight into C, for the whole 6×2L tile, row r at {@code ci + r·ldc}: {@link #ADD}
     * {@code C(r, c) += tile(r, c)}, {@link #SUBTRACT} {@code C(r, c) −= tile(r, c)}, {@link #SET}
     * {@code C(r, c) = tile(r, c)} (C not read). Each value is rounded as by {@link #tile} and the tile path's
     * store (one FMA of α·tile + C, with α = ±1, or + 0 when C is overwritten),
     * but the accumulators go to C without the round trip through the tile array (24 memory operations per tile
     * fewer, which matters when kc is small, as in the deep levels of the blocked triangular solve).
     */
    static void tileInto(int kc, double[] q, int q0, int q1, double[] pb, int p0, int p1, int p2, int p3, int p4,
                         int p5, int mode, double[] c, int ci, int ldc) {
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
        // C ± acc rounds exactly as C + (±1)·acc, and acc + 0 as 0 + 1·acc (−0 becomes +0, as C cleared to +0
        // and then added to would give): the same values as tile() followed by the FMA of the tile path.
        if (mode == SUBTRACT) {
            DoubleVector.fromArray(S, c, ci).sub(c00).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).sub(c01).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).sub(c10).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).sub(c11).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).sub(c20).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).sub(c21).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).sub(c30).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).sub(c31).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).sub(c40).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).sub(c41).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).sub(c50).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).sub(c51).intoArray(c, ci + L);
        } else if (mode == ADD) {
            DoubleVector.fromArray(S, c, ci).add(c00).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c01).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c10).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c11).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c20).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c21).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c30).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c31).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c40).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c41).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c50).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c51).intoArray(c, ci + L);
        } else {
            DoubleVector zero = DoubleVector.zero(S);
            c00.add(zero).intoArray(c, ci);
            c01.add(zero).intoArray(c, ci + L);
            ci += ldc;
            c10.add(zero).intoArray(c, ci);
            c11.add(zero).intoArray(c, ci + L);
            ci += ldc;
            c20.add(zero).intoArray(c, ci);
            c21.add(zero).intoArray(c, ci + L);
            ci += ldc;
            c30.add(zero).intoArray(c, ci);
            c31.add(zero).intoArray(c, ci + L);
            ci += ldc;
            c40.add(zero).intoArray(c, ci);
            c41.add(zero).intoArray(c, ci + L);
            ci += ldc;
            c50.add(zero).intoArray(c, ci);
            c51.add(zero).intoArray(c, ci + L);
        }
    }
}
