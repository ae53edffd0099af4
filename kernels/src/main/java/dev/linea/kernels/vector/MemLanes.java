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

    // No static final DoubleVector for zero or one: a constant vector object flowing into a loop phi (an accumulator's
    // start value) makes C2 box the accumulator on every iteration, ten times slower. Kernels build them locally.

    // Index vectors for selectFrom(a, b) at butterfly distance d: see sum8().
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
        // One butterfly level at distance d turns (a, b) into lo.selectFrom(a, b) + hi.selectFrom(a, b): lane k with
        // bit d clear gets a[k] + a[k^d], lane k with bit d set gets b[k^d] + b[k]. After d = 1, 2, 4, lane k holds
        // everything of input k. Written out, not as a helper: a small helper taking vectors is sometimes left
        // un-inlined by C2 ("low call site frequency"), and then every vector argument is boxed.
        DoubleVector q0 = LO1.selectFrom(p0, p1).add(HI1.selectFrom(p0, p1));
        DoubleVector q1 = LO1.selectFrom(p2, p3).add(HI1.selectFrom(p2, p3));
        DoubleVector q2 = LO1.selectFrom(p4, p5).add(HI1.selectFrom(p4, p5));
        DoubleVector q3 = LO1.selectFrom(p6, p7).add(HI1.selectFrom(p6, p7));
        DoubleVector t0 = LO2.selectFrom(q0, q1).add(HI2.selectFrom(q0, q1));
        DoubleVector t1 = LO2.selectFrom(q2, q3).add(HI2.selectFrom(q2, q3));
        return LO4.selectFrom(t0, t1).add(HI4.selectFrom(t0, t1));
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
