package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
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

    static final DoubleVector ZERO = DoubleVector.zero(S);
    static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    // Index vectors for selectFrom(a, b) at butterfly distance d: see pair().
    private static final DoubleVector LO1 = pairIndex(1, true);
    private static final DoubleVector HI1 = pairIndex(1, false);
    private static final DoubleVector LO2 = pairIndex(2, true);
    private static final DoubleVector HI2 = pairIndex(2, false);
    private static final DoubleVector LO4 = pairIndex(4, true);
    private static final DoubleVector HI4 = pairIndex(4, false);

    private static final VectorShuffle<Double> XOR1 = xor(1);
    private static final VectorShuffle<Double> XOR2 = xor(2);
    private static final VectorShuffle<Double> XOR4 = xor(4);

    static final VectorShuffle<Double> B0 = lane(0);
    static final VectorShuffle<Double> B1 = lane(1);
    static final VectorShuffle<Double> B2 = lane(2);
    static final VectorShuffle<Double> B3 = lane(3);
    static final VectorShuffle<Double> B4 = lane(4);
    static final VectorShuffle<Double> B5 = lane(5);
    static final VectorShuffle<Double> B6 = lane(6);
    static final VectorShuffle<Double> B7 = lane(7);

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
     * Three butterfly levels of two-vector permutes, 7 adds in all for 8 sums, instead of 8 separate reductions.
     */
    static DoubleVector sum8(DoubleVector p0, DoubleVector p1, DoubleVector p2, DoubleVector p3,
                             DoubleVector p4, DoubleVector p5, DoubleVector p6, DoubleVector p7) {
        DoubleVector q0 = pair(p0, p1, LO1, HI1);
        DoubleVector q1 = pair(p2, p3, LO1, HI1);
        DoubleVector q2 = pair(p4, p5, LO1, HI1);
        DoubleVector q3 = pair(p6, p7, LO1, HI1);
        DoubleVector t0 = pair(q0, q1, LO2, HI2);
        DoubleVector t1 = pair(q2, q3, LO2, HI2);
        return pair(t0, t1, LO4, HI4);
    }

    /**
     * One butterfly level at distance d: lane k (bit d clear) gets a[k] + a[k^d], lane k (bit d set) gets
     * b[k^d] + b[k]. After distances 1, 2, 4, lane k holds everything of the k-th input.
     */
    private static DoubleVector pair(DoubleVector a, DoubleVector b, DoubleVector lo, DoubleVector hi) {
        return lo.selectFrom(a, b).add(hi.selectFrom(a, b));
    }

    private static DoubleVector pairIndex(int d, boolean first) {
        double[] idx = new double[L];
        for (int k = 0; k < L; k++) {
            boolean fromA = (k & d) == 0;
            int own = fromA ? k : L + k;
            int partner = fromA ? (k ^ d) : L + (k ^ d);
            idx[k] = first ? (fromA ? own : partner) : (fromA ? partner : own);
        }
        return DoubleVector.fromArray(S, idx, 0);
    }

    private static VectorShuffle<Double> xor(int d) {
        return VectorShuffle.fromOp(S, k -> (k ^ d) % L);
    }

    private static VectorShuffle<Double> lane(int k) {
        return VectorShuffle.fromOp(S, i -> k % L);
    }
}
