package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The species and the lane shuffles shared by the memory-bound kernels.
 *
 * <p>Horizontal sums are done here with explicit shuffles and adds instead of {@code reduceLanes(ADD)}: the order
 * of a floating-point {@code reduceLanes} is unspecified and may differ between the interpreter's fallback and the
 * compiled intrinsic, which would make a kernel return different bits before and after warm-up. Lane-wise adds and
 * permutes are exactly defined in every mode, so these sums are deterministic.
 */
final class MemLanes {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /**
     * Whether the row-block paths apply: they reduce 8 rows' partial dot products into one vector of 8 lanes, so
     * they need exactly 8 lanes (AVX-512). Other widths take the row-by-row paths, which are correct everywhere.
     */
    static final boolean EIGHT = L == 8;
    /** Rows per block in the row-block paths. */
    static final int ROWS = 8;

    /**
     * Whether GEMV reads a row-major matrix of n columns in blocks of 8 consecutive rows (only with 8 lanes, and
     * only narrow ones, n ≤ 2·8: there the block is one short contiguous stream) rather than in blocks of one row
     * from each eighth of the rows (8 memory streams at once, every other case). The fused gradients keep their
     * consecutive rows on 8 lanes at every width ({@link FusedGradients}).
     * Measured on AVX-512 (Zen 4, 2026-12-08; docs/routing.md "AVX-512, re-measured"): the eighths read 1e5×100
     * and 1e4×1000 1.3–2.2× faster for Aᵀ·x and A·x, but narrow X 1.5× slower (1e5×10 A·x). At the boundary (1e6 and 1e7 elements,
     * one run each way at load 4–6): 8, 12 and 16 columns 1.2–1.6× faster consecutive, 20, 32 and 64 columns
     * 1.0–2.9× faster in eighths (bench/results/2026-12-08-session8/gemv-rows-boundary.txt).
     */
    static boolean consecutiveRows(int n) {
        return EIGHT && n <= 2 * L;
    }

    // No static final DoubleVector for zero or one: a constant vector object flowing into a loop phi (an accumulator's
    // start value) makes C2 box the accumulator on every iteration, ten times slower. Kernels build them locally.

    // Lane masks of the butterfly levels in sum8(): lanes whose bit d is set.
    private static final VectorMask<Double> BIT1 = bitMask(1);
    private static final VectorMask<Double> BIT2 = bitMask(2);
    private static final VectorMask<Double> BIT4 = bitMask(4);

    private static final VectorShuffle<Double> XOR1 = xor(1);
    private static final VectorShuffle<Double> XOR2 = xor(2);
    private static final VectorShuffle<Double> XOR4 = xor(4);


    private MemLanes() {
    }

    /** Sum of all lanes, in a fixed order (a butterfly for 8 lanes, lane order otherwise). */
    static double sum(DoubleVector v) {
        if (EIGHT) {
            v = v.add(v.rearrange(XOR4));
            v = v.add(v.rearrange(XOR2));
            v = v.add(v.rearrange(XOR1));
            return v.lane(0);
        }
        double s = 0;
        for (int k = 0; k < L; k++) {
            s += v.lane(k);
        }
        return s;
    }

    /**
     * Transposed reduction of 8 vectors (8 lanes each): lane k of the result is the sum of the lanes of {@code pk}.
     * Three butterfly levels of permutes and blends, 7 adds in all for 8 sums, instead of 8 separate reductions.
     */
    static DoubleVector sum8(DoubleVector p0, DoubleVector p1, DoubleVector p2, DoubleVector p3,
                             DoubleVector p4, DoubleVector p5, DoubleVector p6, DoubleVector p7) {
        // One butterfly level at distance d turns (a, b) into lane k = a[k] + a[k^d] where bit d of k is clear and
        // b[k^d] + b[k] where it is set: two permutes, two blends, one add. After d = 1, 2, 4, lane k holds all of
        // input k. (Two-vector selectFrom does the same in fewer instructions but measured 4.4 vs 2.5 ns.) Written
        // out rather than as a helper: a small helper taking vectors is sometimes left un-inlined by C2, and then
        // every vector argument is boxed.
        DoubleVector q0 = p0.blend(p1.rearrange(XOR1), BIT1).add(p0.rearrange(XOR1).blend(p1, BIT1));
        DoubleVector q1 = p2.blend(p3.rearrange(XOR1), BIT1).add(p2.rearrange(XOR1).blend(p3, BIT1));
        DoubleVector q2 = p4.blend(p5.rearrange(XOR1), BIT1).add(p4.rearrange(XOR1).blend(p5, BIT1));
        DoubleVector q3 = p6.blend(p7.rearrange(XOR1), BIT1).add(p6.rearrange(XOR1).blend(p7, BIT1));
        DoubleVector t0 = q0.blend(q1.rearrange(XOR2), BIT2).add(q0.rearrange(XOR2).blend(q1, BIT2));
        DoubleVector t1 = q2.blend(q3.rearrange(XOR2), BIT2).add(q2.rearrange(XOR2).blend(q3, BIT2));
        return t0.blend(t1.rearrange(XOR4), BIT4).add(t0.rearrange(XOR4).blend(t1, BIT4));
    }

    /**
     * The sums of 4 lane-wise partial vectors, {@code out[outOff + k] = Σ_lanes acc[accOff + k·L …]}, in a fixed
     * order. With 4 lanes (AVX2) it is a transposed reduction like {@link #sum8}: two butterfly levels, 3 adds for
     * the 4 sums; other widths sum each vector's lanes in lane order.
     */
    static void sum4(double[] acc, int accOff, double[] out, int outOff) {
        if (L == 4) {
            DoubleVector p0 = DoubleVector.fromArray(S, acc, accOff);
            DoubleVector p1 = DoubleVector.fromArray(S, acc, accOff + L);
            DoubleVector p2 = DoubleVector.fromArray(S, acc, accOff + 2 * L);
            DoubleVector p3 = DoubleVector.fromArray(S, acc, accOff + 3 * L);
            DoubleVector q0 = p0.blend(p1.rearrange(XOR1), BIT1).add(p0.rearrange(XOR1).blend(p1, BIT1));
            DoubleVector q1 = p2.blend(p3.rearrange(XOR1), BIT1).add(p2.rearrange(XOR1).blend(p3, BIT1));
            q0.blend(q1.rearrange(XOR2), BIT2).add(q0.rearrange(XOR2).blend(q1, BIT2)).intoArray(out, outOff);
            return;
        }
        for (int k = 0; k < 4; k++) {
            double t = 0;
            for (int l = 0; l < L; l++) {
                t += acc[accOff + k * L + l];
            }
            out[outOff + k] = t;
        }
    }

    private static VectorMask<Double> bitMask(int d) {
        boolean[] bits = new boolean[L];
        for (int k = 0; k < L; k++) {
            bits[k] = (k & d) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }

    private static VectorShuffle<Double> xor(int d) {
        return VectorShuffle.fromOp(S, k -> (k ^ d) % L);
    }
}
