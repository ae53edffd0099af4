package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two row-blocked primitives the memory-bound kernels are made of: dot products of four rows with one vector
 * (each load of the vector serves four rows), and the update {@code g += Σ_k c_k·row_k} over four rows (each load
 * and store of g serves four rows). Rows of a row-major matrix are contiguous, so both stream.
 */
final class RowBlocks {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private RowBlocks() {
    }

    /** out[o..o+3] = rows r0..r3 of a (row starts p0..p3, n columns) dotted with v[vo..vo+n). */
    static void dot4(double[] a, int p0, int p1, int p2, int p3, int n, double[] v, int vo, double[] out, int o) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        int j = 0;
        for (int bound = n - L; j <= bound; j += L) {
            DoubleVector vv = DoubleVector.fromArray(S, v, vo + j);
            s0 = DoubleVector.fromArray(S, a, p0 + j).fma(vv, s0);
            s1 = DoubleVector.fromArray(S, a, p1 + j).fma(vv, s1);
            s2 = DoubleVector.fromArray(S, a, p2 + j).fma(vv, s2);
            s3 = DoubleVector.fromArray(S, a, p3 + j).fma(vv, s3);
        }
        out[o] = Lanes.sum(s0);
        out[o + 1] = Lanes.sum(s1);
        out[o + 2] = Lanes.sum(s2);
        out[o + 3] = Lanes.sum(s3);
        if (j < n) {
            dot4Tail(a, p0, p1, p2, p3, j, n, v, vo, out, o);
        }
    }

    /**
     * The masked remainder of {@link #dot4}, added to out. Kept out of the hot methods on purpose: C2 must inline
     * every Vector API call of a hot method to keep vectors in registers, and a smaller hot method leaves it
     * inlining budget to do so (otherwise vectors are boxed and the kernel runs ~20× slower).
     */
    static void dot4Tail(double[] a, int p0, int p1, int p2, int p3, int j, int n, double[] v, int vo,
                         double[] out, int o) {
        VectorMask<Double> m = S.indexInRange(j, n);
        DoubleVector vv = DoubleVector.fromArray(S, v, vo + j, m);
        out[o] += Lanes.sum(DoubleVector.fromArray(S, a, p0 + j, m).mul(vv));
        out[o + 1] += Lanes.sum(DoubleVector.fromArray(S, a, p1 + j, m).mul(vv));
        out[o + 2] += Lanes.sum(DoubleVector.fromArray(S, a, p2 + j, m).mul(vv));
        out[o + 3] += Lanes.sum(DoubleVector.fromArray(S, a, p3 + j, m).mul(vv));
    }

    /** One row (start p0, n columns) dotted with v, two accumulators. */
    static double dot1(double[] a, int p0, int n, double[] v, int vo) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        int j = 0;
        for (int bound = n - 2 * L; j <= bound; j += 2 * L) {
            s0 = DoubleVector.fromArray(S, a, p0 + j).fma(DoubleVector.fromArray(S, v, vo + j), s0);
            s1 = DoubleVector.fromArray(S, a, p0 + j + L).fma(DoubleVector.fromArray(S, v, vo + j + L), s1);
        }
        for (; j < n; j += L) {
            VectorMask<Double> m = S.indexInRange(j, n);
            s0 = DoubleVector.fromArray(S, a, p0 + j, m).fma(DoubleVector.fromArray(S, v, vo + j, m), s0);
        }
        return Lanes.sum(s0.add(s1));
    }

    /** g[go..go+n) += c0·row0 + c1·row1 + c2·row2 + c3·row3. */
    static void update4(double[] a, int p0, int p1, int p2, int p3, int n, double c0, double c1, double c2,
                        double c3, double[] g, int go) {
        DoubleVector v0 = DoubleVector.broadcast(S, c0);
        DoubleVector v1 = DoubleVector.broadcast(S, c1);
        DoubleVector v2 = DoubleVector.broadcast(S, c2);
        DoubleVector v3 = DoubleVector.broadcast(S, c3);
        int j = 0;
        for (int bound = n - L; j <= bound; j += L) {
            DoubleVector acc = DoubleVector.fromArray(S, g, go + j);
            acc = DoubleVector.fromArray(S, a, p0 + j).fma(v0, acc);
            acc = DoubleVector.fromArray(S, a, p1 + j).fma(v1, acc);
            acc = DoubleVector.fromArray(S, a, p2 + j).fma(v2, acc);
            acc = DoubleVector.fromArray(S, a, p3 + j).fma(v3, acc);
            acc.intoArray(g, go + j);
        }
        if (j < n) {
            update4Tail(a, p0, p1, p2, p3, j, n, c0, c1, c2, c3, g, go);
        }
    }

    /** The masked remainder of {@link #update4} (kept out of the hot method: see {@link #dot4Tail}). */
    static void update4Tail(double[] a, int p0, int p1, int p2, int p3, int j, int n, double c0, double c1,
                            double c2, double c3, double[] g, int go) {
        VectorMask<Double> m = S.indexInRange(j, n);
        DoubleVector acc = DoubleVector.fromArray(S, g, go + j, m);
        acc = DoubleVector.fromArray(S, a, p0 + j, m).fma(DoubleVector.broadcast(S, c0), acc);
        acc = DoubleVector.fromArray(S, a, p1 + j, m).fma(DoubleVector.broadcast(S, c1), acc);
        acc = DoubleVector.fromArray(S, a, p2 + j, m).fma(DoubleVector.broadcast(S, c2), acc);
        acc = DoubleVector.fromArray(S, a, p3 + j, m).fma(DoubleVector.broadcast(S, c3), acc);
        acc.intoArray(g, go + j, m);
    }

    /** g[go..go+n) += c·row. */
    static void update1(double[] a, int p0, int n, double c, double[] g, int go) {
        DoubleVector v = DoubleVector.broadcast(S, c);
        for (int j = 0; j < n; j += L) {
            VectorMask<Double> m = S.indexInRange(j, n);
            DoubleVector.fromArray(S, a, p0 + j, m).fma(v, DoubleVector.fromArray(S, g, go + j, m))
                    .intoArray(g, go + j, m);
        }
    }

    /**
     * The software-pipelined step of the fused gradients: in one pass over the columns, the dot products of the
     * NEXT block of four rows (p0..p3, streaming from memory) with v, and the update {@code g += Σ c_k·row_k} of the
     * CURRENT block (q0..q3, already in L1). Mixing the two keeps memory requests flowing during the update, which
     * a dot phase followed by an update phase does not (the prefetcher idles while the update runs from L1).
     */
    static void dot4Update4(double[] a, int p0, int p1, int p2, int p3, double[] v, int vo, double[] out, int o,
                            int q0, int q1, int q2, int q3, double c0, double c1, double c2, double c3,
                            double[] g, int go, int n) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector s2 = DoubleVector.zero(S);
        DoubleVector s3 = DoubleVector.zero(S);
        DoubleVector v0 = DoubleVector.broadcast(S, c0);
        DoubleVector v1 = DoubleVector.broadcast(S, c1);
        DoubleVector v2 = DoubleVector.broadcast(S, c2);
        DoubleVector v3 = DoubleVector.broadcast(S, c3);
        int j = 0;
        for (int bound = n - L; j <= bound; j += L) {
            DoubleVector vv = DoubleVector.fromArray(S, v, vo + j);
            s0 = DoubleVector.fromArray(S, a, p0 + j).fma(vv, s0);
            s1 = DoubleVector.fromArray(S, a, p1 + j).fma(vv, s1);
            s2 = DoubleVector.fromArray(S, a, p2 + j).fma(vv, s2);
            s3 = DoubleVector.fromArray(S, a, p3 + j).fma(vv, s3);
            DoubleVector acc = DoubleVector.fromArray(S, g, go + j);
            acc = DoubleVector.fromArray(S, a, q0 + j).fma(v0, acc);
            acc = DoubleVector.fromArray(S, a, q1 + j).fma(v1, acc);
            acc = DoubleVector.fromArray(S, a, q2 + j).fma(v2, acc);
            acc = DoubleVector.fromArray(S, a, q3 + j).fma(v3, acc);
            acc.intoArray(g, go + j);
        }
        out[o] = Lanes.sum(s0);
        out[o + 1] = Lanes.sum(s1);
        out[o + 2] = Lanes.sum(s2);
        out[o + 3] = Lanes.sum(s3);
        if (j < n) {
            dot4Tail(a, p0, p1, p2, p3, j, n, v, vo, out, o);
            update4Tail(a, q0, q1, q2, q3, j, n, c0, c1, c2, c3, g, go);
        }
    }
}
