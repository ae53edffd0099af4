package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Row primitives of the row-major kernels: dot products of rows with a vector and rank-one row updates, one row
 * at a time or 8 rows at once sharing the loads of the vector. The partial last chunk of a row uses masked loads
 * on both operands (lanes past n read as zero, so nothing past the row, not even a NaN, can leak in).
 *
 * <p>Callers pass {@code tail = S.indexInRange(n - n % L, n)}, computed once per call.
 */
final class MemRows {
    private MemRows() {
    }

    /** Σ_j a[off + j]·v[vOff + j], one row, deterministic order. */
    static double dot(int n, VectorMask<Double> tail, double[] a, int off, double[] v, int vOff) {
        DoubleVector acc0 = MemLanes.ZERO;
        DoubleVector acc1 = MemLanes.ZERO;
        int nFull = n - n % L;
        int j = 0;
        for (; j + L < nFull; j += 2 * L) {
            acc0 = DoubleVector.fromArray(S, a, off + j).fma(DoubleVector.fromArray(S, v, vOff + j), acc0);
            acc1 = DoubleVector.fromArray(S, a, off + j + L).fma(DoubleVector.fromArray(S, v, vOff + j + L), acc1);
        }
        if (j < nFull) {
            acc0 = DoubleVector.fromArray(S, a, off + j).fma(DoubleVector.fromArray(S, v, vOff + j), acc0);
            j += L;
        }
        if (j < n) {
            acc1 = DoubleVector.fromArray(S, a, off + j, tail).fma(DoubleVector.fromArray(S, v, vOff + j, tail), acc1);
        }
        return MemLanes.sum(acc0.add(acc1));
    }

    /** g[gOff + j] += c·a[off + j], one row. */
    static void axpy(int n, VectorMask<Double> tail, double c, double[] a, int off, double[] g, int gOff) {
        DoubleVector cv = DoubleVector.broadcast(S, c);
        int nFull = n - n % L;
        int j = 0;
        for (; j < nFull; j += L) {
            DoubleVector.fromArray(S, a, off + j).fma(cv, DoubleVector.fromArray(S, g, gOff + j))
                    .intoArray(g, gOff + j);
        }
        if (j < n) {
            DoubleVector.fromArray(S, a, off + j, tail).fma(cv, DoubleVector.fromArray(S, g, gOff + j, tail))
                    .intoArray(g, gOff + j, tail);
        }
    }

    /**
     * Dot products of 8 consecutive rows (row k at {@code off + k·ld}) with v, sharing each load of v; lane k of
     * the result is row k's product. Requires {@link MemLanes#EIGHT}.
     */
    static DoubleVector dot8(int n, VectorMask<Double> tail, double[] a, int off, int ld, double[] v, int vOff) {
        DoubleVector p0 = MemLanes.ZERO;
        DoubleVector p1 = MemLanes.ZERO;
        DoubleVector p2 = MemLanes.ZERO;
        DoubleVector p3 = MemLanes.ZERO;
        DoubleVector p4 = MemLanes.ZERO;
        DoubleVector p5 = MemLanes.ZERO;
        DoubleVector p6 = MemLanes.ZERO;
        DoubleVector p7 = MemLanes.ZERO;
        int r0 = off;
        int r1 = r0 + ld;
        int r2 = r1 + ld;
        int r3 = r2 + ld;
        int r4 = r3 + ld;
        int r5 = r4 + ld;
        int r6 = r5 + ld;
        int r7 = r6 + ld;
        int nFull = n - n % L;
        int j = 0;
        for (; j < nFull; j += L) {
            DoubleVector vv = DoubleVector.fromArray(S, v, vOff + j);
            p0 = DoubleVector.fromArray(S, a, r0 + j).fma(vv, p0);
            p1 = DoubleVector.fromArray(S, a, r1 + j).fma(vv, p1);
            p2 = DoubleVector.fromArray(S, a, r2 + j).fma(vv, p2);
            p3 = DoubleVector.fromArray(S, a, r3 + j).fma(vv, p3);
            p4 = DoubleVector.fromArray(S, a, r4 + j).fma(vv, p4);
            p5 = DoubleVector.fromArray(S, a, r5 + j).fma(vv, p5);
            p6 = DoubleVector.fromArray(S, a, r6 + j).fma(vv, p6);
            p7 = DoubleVector.fromArray(S, a, r7 + j).fma(vv, p7);
        }
        if (j < n) {
            DoubleVector vv = DoubleVector.fromArray(S, v, vOff + j, tail);
            p0 = DoubleVector.fromArray(S, a, r0 + j, tail).fma(vv, p0);
            p1 = DoubleVector.fromArray(S, a, r1 + j, tail).fma(vv, p1);
            p2 = DoubleVector.fromArray(S, a, r2 + j, tail).fma(vv, p2);
            p3 = DoubleVector.fromArray(S, a, r3 + j, tail).fma(vv, p3);
            p4 = DoubleVector.fromArray(S, a, r4 + j, tail).fma(vv, p4);
            p5 = DoubleVector.fromArray(S, a, r5 + j, tail).fma(vv, p5);
            p6 = DoubleVector.fromArray(S, a, r6 + j, tail).fma(vv, p6);
            p7 = DoubleVector.fromArray(S, a, r7 + j, tail).fma(vv, p7);
        }
        return MemLanes.sum8(p0, p1, p2, p3, p4, p5, p6, p7);
    }

    /**
     * g[gOff + j] += Σ_k c[k]·a[off + k·ld + j] over 8 consecutive rows: g is loaded and stored once per chunk for
     * all 8 rows. Two chains of 4 FMAs per chunk keep the latency short. Requires {@link MemLanes#EIGHT}.
     */
    static void axpy8(int n, VectorMask<Double> tail, DoubleVector c, double[] a, int off, int ld,
                      double[] g, int gOff) {
        DoubleVector c0 = c.rearrange(MemLanes.B0);
        DoubleVector c1 = c.rearrange(MemLanes.B1);
        DoubleVector c2 = c.rearrange(MemLanes.B2);
        DoubleVector c3 = c.rearrange(MemLanes.B3);
        DoubleVector c4 = c.rearrange(MemLanes.B4);
        DoubleVector c5 = c.rearrange(MemLanes.B5);
        DoubleVector c6 = c.rearrange(MemLanes.B6);
        DoubleVector c7 = c.rearrange(MemLanes.B7);
        int r0 = off;
        int r1 = r0 + ld;
        int r2 = r1 + ld;
        int r3 = r2 + ld;
        int r4 = r3 + ld;
        int r5 = r4 + ld;
        int r6 = r5 + ld;
        int r7 = r6 + ld;
        int nFull = n - n % L;
        int j = 0;
        for (; j < nFull; j += L) {
            DoubleVector lo = DoubleVector.fromArray(S, a, r0 + j).fma(c0, DoubleVector.fromArray(S, g, gOff + j));
            DoubleVector hi = DoubleVector.fromArray(S, a, r4 + j).mul(c4);
            lo = DoubleVector.fromArray(S, a, r1 + j).fma(c1, lo);
            hi = DoubleVector.fromArray(S, a, r5 + j).fma(c5, hi);
            lo = DoubleVector.fromArray(S, a, r2 + j).fma(c2, lo);
            hi = DoubleVector.fromArray(S, a, r6 + j).fma(c6, hi);
            lo = DoubleVector.fromArray(S, a, r3 + j).fma(c3, lo);
            hi = DoubleVector.fromArray(S, a, r7 + j).fma(c7, hi);
            lo.add(hi).intoArray(g, gOff + j);
        }
        if (j < n) {
            DoubleVector lo = DoubleVector.fromArray(S, a, r0 + j, tail)
                    .fma(c0, DoubleVector.fromArray(S, g, gOff + j, tail));
            DoubleVector hi = DoubleVector.fromArray(S, a, r4 + j, tail).mul(c4);
            lo = DoubleVector.fromArray(S, a, r1 + j, tail).fma(c1, lo);
            hi = DoubleVector.fromArray(S, a, r5 + j, tail).fma(c5, hi);
            lo = DoubleVector.fromArray(S, a, r2 + j, tail).fma(c2, lo);
            hi = DoubleVector.fromArray(S, a, r6 + j, tail).fma(c6, hi);
            lo = DoubleVector.fromArray(S, a, r3 + j, tail).fma(c3, lo);
            hi = DoubleVector.fromArray(S, a, r7 + j, tail).fma(c7, hi);
            lo.add(hi).intoArray(g, gOff + j, tail);
        }
    }
}
