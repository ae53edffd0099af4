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
 * <p>A masked access whose full L lanes would extend past the end of its array takes a slow path in the JDK
 * (measured 30 µs per call on a 1e4-row gradient, more than the whole kernel). So: the 8-row primitives require
 * that every access they make fits in its array (callers pass padded copies of the short vectors and use
 * {@link #blockRows} for the matrix); the one-row primitives check, and fall back to a scalar tail when it does not
 * fit.
 *
 * <p>Why arrays in and out, never a vector or a mask: these methods are too large for C2 to inline, and a vector
 * object passed to or returned from a call that is not inlined is boxed on the heap, which measured ten times
 * slower. Only the small helpers of {@link MemLanes} and {@link MemLogisticMath} take vectors; they are inlined.
 */
final class MemRows {
    private MemRows() {
    }

    /** Σ_j a[off + j]·v[vOff + j], one row, deterministic order. */
    static double dot(int n, double[] a, int off, double[] v, int vOff) {
        DoubleVector acc0 = DoubleVector.zero(S);
        DoubleVector acc1 = DoubleVector.zero(S);
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
        double rest = 0;
        if (j < n) {
            if (off + j + L <= a.length && vOff + j + L <= v.length) {
                VectorMask<Double> tail = S.indexInRange(j, n);
                acc1 = DoubleVector.fromArray(S, a, off + j, tail)
                        .fma(DoubleVector.fromArray(S, v, vOff + j, tail), acc1);
            } else {
                for (; j < n; j++) {
                    rest = Math.fma(a[off + j], v[vOff + j], rest);
                }
            }
        }
        return MemLanes.sum(acc0.add(acc1)) + rest;
    }

    /** g[gOff + j] += c·a[off + j], one row. */
    static void axpy(int n, double c, double[] a, int off, double[] g, int gOff) {
        DoubleVector cv = DoubleVector.broadcast(S, c);
        int nFull = n - n % L;
        int j = 0;
        for (; j < nFull; j += L) {
            DoubleVector.fromArray(S, a, off + j).fma(cv, DoubleVector.fromArray(S, g, gOff + j))
                    .intoArray(g, gOff + j);
        }
        if (j < n) {
            if (off + j + L <= a.length && gOff + j + L <= g.length) {
                VectorMask<Double> tail = S.indexInRange(j, n);
                DoubleVector.fromArray(S, a, off + j, tail).fma(cv, DoubleVector.fromArray(S, g, gOff + j, tail))
                        .intoArray(g, gOff + j, tail);
            } else {
                for (; j < n; j++) {
                    g[gOff + j] = Math.fma(a[off + j], c, g[gOff + j]);
                }
            }
        }
    }

    /** Length of a padded copy of an n-vector: every chunk, the partial last one included, fits in it. */
    static int padded(int n) {
        return (n + L - 1) / L * L;
    }

    /** A zero-padded copy of v[vOff, vOff + n), of length {@link #padded}(n). */
    static double[] paddedCopy(int n, double[] v, int vOff) {
        double[] p = new double[padded(n)];
        System.arraycopy(v, vOff, p, 0, n);
        return p;
    }

    /**
     * How many leading rows of an m×n matrix at {@code off} (leading dimension ld) the 8-row primitives may read,
     * rounded down to a multiple of 8: those whose every access, the masked partial chunk included (a full row pair
     * of registers when n ≤ 2·L), fits in the array. The rest (at most the last 8 rows or so) go row by row.
     */
    static int blockRows(int m, int n, double[] a, int off, int ld) {
        int reach = padded(n);
        long fit = reach == 0 ? m : ((long) a.length - off - reach) / ld + 1;
        long rows = Math.max(0, Math.min(m, fit));
        return (int) (rows - rows % 8);
    }

    /** Rows at least this long take the 4-row interleaved loops; shorter rows are read one after the other. */
    static final int INTERLEAVE_MIN = 512;

    /**
     * Dot products of 8 consecutive rows (row k at {@code off + k·ld}) with v, written to out[outOff + k]. The
     * lane-wise partial sums of the 8 rows go to {@code scratch}, then one transposed reduction gives all 8.
     * How the rows are read depends on their length (measured on 1e5×100, 1e6×10, 1e4×1000, 1000×1e4):
     * <ul>
     *   <li>n &lt; L or L &lt; n ≤ 2·L: each row is one (masked) register or a full and a masked one, no loop;</li>
     *   <li>n &lt; {@value #INTERLEAVE_MIN}: row after row, so that memory is read in address order (4 rows read
     *       in an interleaved way measured 20% slower at n = 100: the prefetcher sees 4 short streams);</li>
     *   <li>longer rows: 4 rows interleaved sharing each load of v (v no longer fits in L1).</li>
     * </ul>
     *
     * @param scratch modified: 8·L doubles of working space
     */
    static void dot8(int n, double[] a, int off, int ld, double[] v, int vOff, double[] out, int outOff,
                     double[] scratch) {
        if (n < L || (n > L && n <= 2 * L)) {
            narrowPartials8(n, a, off, ld, v, vOff, scratch);
        } else if (n < INTERLEAVE_MIN) {
            rowPartials8(n, a, off, ld, v, vOff, scratch);
        } else {
            dot4(n, a, off, ld, v, vOff, scratch, 0);
            dot4(n, a, off + 4 * ld, ld, v, vOff, scratch, 4 * L);
        }
        MemLanes.sum8(DoubleVector.fromArray(S, scratch, 0), DoubleVector.fromArray(S, scratch, L),
                DoubleVector.fromArray(S, scratch, 2 * L), DoubleVector.fromArray(S, scratch, 3 * L),
                DoubleVector.fromArray(S, scratch, 4 * L), DoubleVector.fromArray(S, scratch, 5 * L),
                DoubleVector.fromArray(S, scratch, 6 * L), DoubleVector.fromArray(S, scratch, 7 * L))
                .intoArray(out, outOff);
    }

    /**
     * Partial sums of 8 rows of n ≤ 2·L, vector k to acc[k·L …]. A row of n ≥ L is a full register and a masked
     * one: a masked load over a full chunk measured 3.5 times slower (11 vs 38 GB/s on 1e6×10), so the mask is
     * only used where it must be.
     */
    static void narrowPartials8(int n, double[] a, int off, int ld, double[] v, int vOff, double[] acc) {
        if (n < L) {
            VectorMask<Double> m0 = S.indexInRange(0, n);
            DoubleVector v0 = DoubleVector.fromArray(S, v, vOff, m0);
            for (int k = 0; k < 8; k++) {
                DoubleVector.fromArray(S, a, off + k * ld, m0).mul(v0).intoArray(acc, k * L);
            }
        } else {
            VectorMask<Double> m1 = S.indexInRange(L, n);
            DoubleVector v0 = DoubleVector.fromArray(S, v, vOff);
            DoubleVector v1 = DoubleVector.fromArray(S, v, vOff + L, m1);
            for (int k = 0; k < 8; k++) {
                int r = off + k * ld;
                DoubleVector.fromArray(S, a, r + L, m1).mul(v1).add(DoubleVector.fromArray(S, a, r).mul(v0))
                        .intoArray(acc, k * L);
            }
        }
    }

    /**
     * Lane-wise partial sums of 8 rows with v, read one row after the other (two accumulators per row, the next
     * row's chain independent of this one's), not yet reduced: row k's vector to acc[k·L …].
     */
    static void rowPartials8(int n, double[] a, int off, int ld, double[] v, int vOff, double[] acc) {
        // Row after row, not rows interleaved: sharing the loads of v between 2 rows measured 30 vs 37 GB/s from
        // memory at 1e5×100 (faster only in cache), as interleaved short rows defeat the prefetcher.
        int nFull = n - n % L;
        VectorMask<Double> tail = S.indexInRange(nFull, n);
        for (int k = 0; k < 8; k++) {
            int r = off + k * ld;
            DoubleVector p = DoubleVector.zero(S);
            DoubleVector q = DoubleVector.zero(S);
            int j = 0;
            for (; j + L < nFull; j += 2 * L) {
                p = DoubleVector.fromArray(S, a, r + j).fma(DoubleVector.fromArray(S, v, vOff + j), p);
                q = DoubleVector.fromArray(S, a, r + j + L).fma(DoubleVector.fromArray(S, v, vOff + j + L), q);
            }
            if (j < nFull) {
                p = DoubleVector.fromArray(S, a, r + j).fma(DoubleVector.fromArray(S, v, vOff + j), p);
            }
            if (nFull < n) {
                q = DoubleVector.fromArray(S, a, r + nFull, tail)
                        .fma(DoubleVector.fromArray(S, v, vOff + nFull, tail), q);
            }
            p.add(q).intoArray(acc, k * L);
        }
    }

    /**
     * The lane-wise partial dot products of 4 rows with v (4 independent FMA chains sharing the loads of v), not
     * yet reduced: row k's vector goes to acc[accOff + k·L …]. Kept to 4 rows so that C1 can compile it: at 8 rows
     * C1 ran out of virtual registers, and a method C1 refuses can stay stuck in its slow tier-2 code.
     */
    static void dot4(int n, double[] a, int off, int ld, double[] v, int vOff, double[] acc, int accOff) {
        DoubleVector p0 = DoubleVector.zero(S);
        DoubleVector p1 = DoubleVector.zero(S);
        DoubleVector p2 = DoubleVector.zero(S);
        DoubleVector p3 = DoubleVector.zero(S);
        int r0 = off;
        int r1 = r0 + ld;
        int r2 = r1 + ld;
        int r3 = r2 + ld;
        int nFull = n - n % L;
        int j = 0;
        for (; j < nFull; j += L) {
            DoubleVector vv = DoubleVector.fromArray(S, v, vOff + j);
            p0 = DoubleVector.fromArray(S, a, r0 + j).fma(vv, p0);
            p1 = DoubleVector.fromArray(S, a, r1 + j).fma(vv, p1);
            p2 = DoubleVector.fromArray(S, a, r2 + j).fma(vv, p2);
            p3 = DoubleVector.fromArray(S, a, r3 + j).fma(vv, p3);
        }
        if (j < n) {
            VectorMask<Double> tail = S.indexInRange(j, n);
            DoubleVector vv = DoubleVector.fromArray(S, v, vOff + j, tail);
            p0 = DoubleVector.fromArray(S, a, r0 + j, tail).fma(vv, p0);
            p1 = DoubleVector.fromArray(S, a, r1 + j, tail).fma(vv, p1);
            p2 = DoubleVector.fromArray(S, a, r2 + j, tail).fma(vv, p2);
            p3 = DoubleVector.fromArray(S, a, r3 + j, tail).fma(vv, p3);
        }
        p0.intoArray(acc, accOff);
        p1.intoArray(acc, accOff + L);
        p2.intoArray(acc, accOff + 2 * L);
        p3.intoArray(acc, accOff + 3 * L);
    }

    /**
     * The lane-wise partial dot products of 8 rows (row k at {@code off + k·ld}) with v, 8 independent FMA chains
     * sharing each load of v: row k's vector goes to acc[k·L …]. The masked partial chunk is a method of its own
     * ({@link #dot8Tail}) to keep this one small enough for C1: with such a tail inline, C1 gave up on a method of this
     * size ("out of virtual registers"), and the method then stayed in its unprofiled tier-2 code, where every
     * vector is an object (40 times slower).
     *
     * @param acc modified: 8·L doubles
     */
    static void dot8(int n, double[] a, int off, int ld, double[] v, int vOff, double[] acc) {
        DoubleVector p0 = DoubleVector.zero(S);
        DoubleVector p1 = DoubleVector.zero(S);
        DoubleVector p2 = DoubleVector.zero(S);
        DoubleVector p3 = DoubleVector.zero(S);
        DoubleVector p4 = DoubleVector.zero(S);
        DoubleVector p5 = DoubleVector.zero(S);
        DoubleVector p6 = DoubleVector.zero(S);
        DoubleVector p7 = DoubleVector.zero(S);
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
        p0.intoArray(acc, 0);
        p1.intoArray(acc, L);
        p2.intoArray(acc, 2 * L);
        p3.intoArray(acc, 3 * L);
        p4.intoArray(acc, 4 * L);
        p5.intoArray(acc, 5 * L);
        p6.intoArray(acc, 6 * L);
        p7.intoArray(acc, 7 * L);
        if (j < n) {
            dot8Tail(j, n, a, off, ld, v, vOff, acc);
        }
    }

    /** The masked partial chunk of {@link #dot8}, added to acc. */
    private static void dot8Tail(int j, int n, double[] a, int off, int ld, double[] v, int vOff, double[] acc) {
        VectorMask<Double> tail = S.indexInRange(j, n);
        DoubleVector vv = DoubleVector.fromArray(S, v, vOff + j, tail);
        for (int k = 0; k < 8; k++) {
            DoubleVector.fromArray(S, a, off + k * ld + j, tail).fma(vv, DoubleVector.fromArray(S, acc, k * L))
                    .intoArray(acc, k * L);
        }
    }

    /**
     * g[gOff + j] += Σ_k c[k]·a[off + k·ld + j] over 8 rows (row k at {@code off + k·ld}): each chunk of g is loaded
     * and stored once for the 8 rows, two chains of 4 FMAs. The masked partial chunk is a method of its own
     * ({@link #axpy8RowsTail}) to keep this one small enough for C1.
     */
    static void axpy8Rows(int n, double[] c, double[] a, int off, int ld, double[] g, int gOff) {
        DoubleVector c0 = DoubleVector.broadcast(S, c[0]);
        DoubleVector c1 = DoubleVector.broadcast(S, c[1]);
        DoubleVector c2 = DoubleVector.broadcast(S, c[2]);
        DoubleVector c3 = DoubleVector.broadcast(S, c[3]);
        DoubleVector c4 = DoubleVector.broadcast(S, c[4]);
        DoubleVector c5 = DoubleVector.broadcast(S, c[5]);
        DoubleVector c6 = DoubleVector.broadcast(S, c[6]);
        DoubleVector c7 = DoubleVector.broadcast(S, c[7]);
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
            axpy8RowsTail(j, n, c, a, off, ld, g, gOff);
        }
    }

    /** The masked partial chunk of {@link #axpy8Rows}, in the same order. */
    private static void axpy8RowsTail(int j, int n, double[] c, double[] a, int off, int ld, double[] g, int gOff) {
        VectorMask<Double> tail = S.indexInRange(j, n);
        DoubleVector lo = DoubleVector.fromArray(S, g, gOff + j, tail);
        DoubleVector hi = DoubleVector.fromArray(S, a, off + 4 * ld + j, tail).mul(c[4]);
        for (int k = 0; k < 4; k++) {
            lo = DoubleVector.fromArray(S, a, off + k * ld + j, tail).fma(DoubleVector.broadcast(S, c[k]), lo);
        }
        for (int k = 5; k < 8; k++) {
            hi = DoubleVector.fromArray(S, a, off + k * ld + j, tail).fma(DoubleVector.broadcast(S, c[k]), hi);
        }
        lo.add(hi).intoArray(g, gOff + j, tail);
    }

    /**
     * g[gOff + j] += Σ_k c[cOff + k]·a[off + k·ld + j] over 8 consecutive rows: for n ≤ 2·L each row is a masked
     * register pair; otherwise two passes of 4 rows, each chunk of g loaded and stored once per pass.
     */
    static void axpy8(int n, double[] c, int cOff, double[] a, int off, int ld, double[] g, int gOff) {
        if (n < L || (n > L && n <= 2 * L)) {
            narrowAxpy8(n, c, cOff, a, off, ld, g, gOff);
        } else {
            axpy4(n, c, cOff, a, off, ld, g, gOff);
            axpy4(n, c, cOff + 4, a, off + 4 * ld, ld, g, gOff);
        }
    }

    /**
     * {@link #axpy8} for n ≤ 2·L: g's one or two registers take 8 rows, even and odd rows on separate chains; full
     * chunks unmasked, as in {@link #narrowPartials8}.
     */
    static void narrowAxpy8(int n, double[] c, int cOff, double[] a, int off, int ld, double[] g, int gOff) {
        if (n < L) {
            VectorMask<Double> m0 = S.indexInRange(0, n);
            DoubleVector ga = DoubleVector.fromArray(S, g, gOff, m0);
            DoubleVector gb = DoubleVector.zero(S);
            for (int k = 0; k < 8; k += 2) {
                int r = off + k * ld;
                ga = DoubleVector.fromArray(S, a, r, m0).fma(DoubleVector.broadcast(S, c[cOff + k]), ga);
                gb = DoubleVector.fromArray(S, a, r + ld, m0).fma(DoubleVector.broadcast(S, c[cOff + k + 1]), gb);
            }
            ga.add(gb).intoArray(g, gOff, m0);
            return;
        }
        VectorMask<Double> m1 = S.indexInRange(L, n);
        DoubleVector ga0 = DoubleVector.fromArray(S, g, gOff);
        DoubleVector ga1 = DoubleVector.fromArray(S, g, gOff + L, m1);
        DoubleVector gb0 = DoubleVector.zero(S);
        DoubleVector gb1 = DoubleVector.zero(S);
        for (int k = 0; k < 8; k += 2) {
            int r = off + k * ld;
            DoubleVector ce = DoubleVector.broadcast(S, c[cOff + k]);
            DoubleVector co = DoubleVector.broadcast(S, c[cOff + k + 1]);
            ga0 = DoubleVector.fromArray(S, a, r).fma(ce, ga0);
            ga1 = DoubleVector.fromArray(S, a, r + L, m1).fma(ce, ga1);
            gb0 = DoubleVector.fromArray(S, a, r + ld).fma(co, gb0);
            gb1 = DoubleVector.fromArray(S, a, r + ld + L, m1).fma(co, gb1);
        }
        ga0.add(gb0).intoArray(g, gOff);
        ga1.add(gb1).intoArray(g, gOff + L, m1);
    }

    /**
     * g[gOff + j] += Σ_k c[cOff + k]·a[off + k·ld + j] over 4 consecutive rows: each chunk of g is loaded and
     * stored once for the 4 rows; two chains of 2 FMAs keep the latency short.
     */
    static void axpy4(int n, double[] c, int cOff, double[] a, int off, int ld, double[] g, int gOff) {
        DoubleVector c0 = DoubleVector.broadcast(S, c[cOff]);
        DoubleVector c1 = DoubleVector.broadcast(S, c[cOff + 1]);
        DoubleVector c2 = DoubleVector.broadcast(S, c[cOff + 2]);
        DoubleVector c3 = DoubleVector.broadcast(S, c[cOff + 3]);
        int r0 = off;
        int r1 = r0 + ld;
        int r2 = r1 + ld;
        int r3 = r2 + ld;
        int nFull = n - n % L;
        int j = 0;
        for (; j < nFull; j += L) {
            DoubleVector lo = DoubleVector.fromArray(S, a, r0 + j).fma(c0, DoubleVector.fromArray(S, g, gOff + j));
            DoubleVector hi = DoubleVector.fromArray(S, a, r2 + j).mul(c2);
            lo = DoubleVector.fromArray(S, a, r1 + j).fma(c1, lo);
            hi = DoubleVector.fromArray(S, a, r3 + j).fma(c3, hi);
            lo.add(hi).intoArray(g, gOff + j);
        }
        if (j < n) {
            VectorMask<Double> tail = S.indexInRange(j, n);
            DoubleVector lo = DoubleVector.fromArray(S, a, r0 + j, tail)
                    .fma(c0, DoubleVector.fromArray(S, g, gOff + j, tail));
            DoubleVector hi = DoubleVector.fromArray(S, a, r2 + j, tail).mul(c2);
            lo = DoubleVector.fromArray(S, a, r1 + j, tail).fma(c1, lo);
            hi = DoubleVector.fromArray(S, a, r3 + j, tail).fma(c3, hi);
            lo.add(hi).intoArray(g, gOff + j, tail);
        }
    }
}
