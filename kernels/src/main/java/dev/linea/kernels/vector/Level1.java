package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD level-1 kernels. The dot product keeps four independent accumulators so that consecutive FMAs do not wait
 * on each other (FMA latency is about four cycles, two issue per cycle); tails use one masked vector rather than a
 * scalar loop, so n = 7 costs about what n = 8 does.
 */
final class Level1 {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private Level1() {
    }

    static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        DoubleVector a2 = DoubleVector.zero(S);
        DoubleVector a3 = DoubleVector.zero(S);
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            a1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), a1);
            a2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L)
                    .fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), a2);
            a3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L)
                    .fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), a3);
        }
        for (int bound = n - L; i <= bound; i += L) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
        }
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            a1 = DoubleVector.fromArray(S, x, xOff + i, m).fma(DoubleVector.fromArray(S, y, yOff + i, m), a1);
        }
        return Lanes.sum(a0.add(a1).add(a2.add(a3)));
    }

    static void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            DoubleVector.fromArray(S, x, xOff + i).fma(va, DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
            DoubleVector.fromArray(S, x, xOff + i + L).fma(va, DoubleVector.fromArray(S, y, yOff + i + L))
                    .intoArray(y, yOff + i + L);
        }
        for (; i < n; i += L) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, x, xOff + i, m).fma(va, DoubleVector.fromArray(S, y, yOff + i, m))
                    .intoArray(y, yOff + i, m);
        }
    }

    static void scal(int n, double alpha, double[] x, int xOff) {
        DoubleVector va = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(va).intoArray(x, xOff + i);
        }
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, x, xOff + i, m).mul(va).intoArray(x, xOff + i, m);
        }
    }
}
