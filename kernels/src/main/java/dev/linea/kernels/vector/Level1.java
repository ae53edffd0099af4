package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Level-1 kernels on {@code SPECIES_PREFERRED}. The dot product keeps four independent accumulators so that the
 * FMA latency (4 cycles) does not serialize the loop; a dot shorter than one vector is one masked FMA, a longer
 * one ends with at most L−1 scalar FMAs. Results are deterministic: a fixed order for every n.
 */
final class Level1 {
    private Level1() {
    }

    /** Σ x[xOff + i]·y[yOff + i]. */
    static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
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
