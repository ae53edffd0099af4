package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Level-1 kernels on {@code SPECIES_PREFERRED}. The dot product keeps four independent accumulators so that the
 * FMA latency (4 cycles) does not serialize the loop (and, when long, reads 8 streams at once); a dot shorter than
 * one vector is one masked FMA, a longer one ends with at most L−1 scalar FMAs. Results are deterministic: a fixed order for every n.
 */
final class Level1 {
    private Level1() {
    }

    /**
     * Dots at least this long take {@link #dotQuarters}: 2·n doubles no longer fit in L2 (512 KB per core on the
     * AVX2 EPYC), and the data comes from L3 or memory. On AVX-512 (Zen 4, 2026-12-08, RoutingTiming dot, thread
     * CPU, alternating with OpenBLAS's DDOT) the 8 streams took the vector dot from 1.16–1.17 of DDOT's time to
     * 0.83 at n = 1e7 and from 1.01 to 0.90 at n = 1e6.
     */
    static final int QUARTERS_MIN = 1 << 15;

    /** Σ x[xOff + i]·y[yOff + i]. */
    static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        if (n >= QUARTERS_MIN) {
            return dotQuarters(n, x, xOff, y, yOff);
        }
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        DoubleVector a2 = DoubleVector.zero(S);
        DoubleVector a3 = DoubleVector.zero(S);
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            a1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), a1);
            a2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L)
                    .fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), a2);
            a3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L)
                    .fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), a3);
        }
        for (; i <= n - L; i += L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
        }
        double tail = 0;
        if (n < L && xOff + L <= x.length && yOff + L <= y.length) {
            // nothing but a tail: one masked FMA beats a chain of up to L−1 scalar FMAs (measured 4.6 vs 6.3 ns, n=7);
            // only when the L lanes fit in both arrays, since a masked load past an array's end takes a slow path
            VectorMask<Double> m = S.indexInRange(0, n);
            a1 = DoubleVector.fromArray(S, x, xOff, m).fma(DoubleVector.fromArray(S, y, yOff, m), a1);
        } else {
            // after a vector loop the short scalar tail measured as fast or faster (n=9, 103), and needs no mask
            // bounds check when the vector ends at the end of its array
            for (; i < n; i++) {
                tail = Math.fma(x[xOff + i], y[yOff + i], tail);
            }
        }
        return MemLanes.sum(a0.add(a1).add(a2.add(a3))) + tail;
    }

    /**
     * The dot of a long pair read as 8 streams at once: x and y are cut into quarters (of a multiple of L elements
     * each) and each step takes one vector from each of the 8, one accumulator per quarter; the last n mod 4·L
     * elements are a scalar FMA tail. One core of the AVX2 EPYC reads two long arrays at 16 GB/s as 2 streams and at
     * 22 to 23 GB/s as 8 (n = 1e7; 16 streams measured 20); inside L2 (n = 1e4) both read the same.
     */
    private static double dotQuarters(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        DoubleVector a2 = DoubleVector.zero(S);
        DoubleVector a3 = DoubleVector.zero(S);
        int q = n / (4 * L) * L;
        int x1 = xOff + q;
        int x2 = x1 + q;
        int x3 = x2 + q;
        int y1 = yOff + q;
        int y2 = y1 + q;
        int y3 = y2 + q;
        for (int i = 0; i < q; i += L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            a1 = DoubleVector.fromArray(S, x, x1 + i).fma(DoubleVector.fromArray(S, y, y1 + i), a1);
            a2 = DoubleVector.fromArray(S, x, x2 + i).fma(DoubleVector.fromArray(S, y, y2 + i), a2);
            a3 = DoubleVector.fromArray(S, x, x3 + i).fma(DoubleVector.fromArray(S, y, y3 + i), a3);
        }
        double tail = 0;
        for (int i = 4 * q; i < n; i++) {
            tail = Math.fma(x[xOff + i], y[yOff + i], tail);
        }
        return MemLanes.sum(a0.add(a1).add(a2.add(a3))) + tail;
    }

    /** y[yOff + i] += α·x[xOff + i] (one rounding: fused multiply-add). */
    static void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector av = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= n - 2 * L; i += 2 * L) {
            DoubleVector.fromArray(S, x, xOff + i).fma(av, DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
            DoubleVector.fromArray(S, x, xOff + i + L).fma(av, DoubleVector.fromArray(S, y, yOff + i + L))
                    .intoArray(y, yOff + i + L);
        }
        for (; i <= n - L; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).fma(av, DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    /** x[xOff + i] *= α. */
    static void scal(int n, double alpha, double[] x, int xOff) {
        DoubleVector av = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= n - 2 * L; i += 2 * L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(av).intoArray(x, xOff + i);
            DoubleVector.fromArray(S, x, xOff + i + L).mul(av).intoArray(x, xOff + i + L);
        }
        for (; i <= n - L; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(av).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }
}
