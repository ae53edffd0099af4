package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Level-1 kernels on {@code SPECIES_PREFERRED}. The dot product keeps four independent accumulators so that the
 * FMA latency (4 cycles) does not serialize the loop; the partial last vector is a masked load, which on AVX-512
 * costs one instruction and has no scalar cliff at small n. Results are deterministic: a fixed order for every n.
 */
final class Level1 {
    private Level1() {
    }

    /** Σ x[xOff + i]·y[yOff + i]. */
    static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = MemLanes.ZERO;
        DoubleVector a1 = MemLanes.ZERO;
        DoubleVector a2 = MemLanes.ZERO;
        DoubleVector a3 = MemLanes.ZERO;
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
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            a1 = DoubleVector.fromArray(S, x, xOff + i, m).fma(DoubleVector.fromArray(S, y, yOff + i, m), a1);
        }
        return MemLanes.sum(a0.add(a1).add(a2.add(a3)));
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
        for (; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, x, xOff + i, m).fma(av, DoubleVector.fromArray(S, y, yOff + i, m))
                    .intoArray(y, yOff + i, m);
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
        for (; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, x, xOff + i, m).mul(av).intoArray(x, xOff + i, m);
        }
    }

    /** x[xOff + i] = 0. */
    static void zero(int n, double[] x, int xOff) {
        java.util.Arrays.fill(x, xOff, xOff + n, 0.0);
    }
}
