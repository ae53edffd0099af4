package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A horizontal sum in a fixed order. {@code reduceLanes(ADD)} leaves the order unspecified, and it does differ
 * between the interpreter's fallback and the JIT's intrinsic, so the same call could change in its last bit once
 * C2 compiled it. Here the tree is fixed (add the vector rotated by L/2, then by L/4, …): every tier computes the
 * same roundings, which keeps the backend's results bit-identical from call to call.
 */
final class Lanes {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Double>[] ROTATIONS = rotations();

    private Lanes() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] rotations() {
        int steps = Integer.numberOfTrailingZeros(S.length());
        VectorShuffle<Double>[] r = new VectorShuffle[steps];
        for (int i = 0, k = S.length() / 2; i < steps; i++, k /= 2) {
            r[i] = VectorShuffle.iota(S, k, 1, true);
        }
        return r;
    }

    /** Σ lanes of v, in the same order on every tier. */
    static double sum(DoubleVector v) {
        for (VectorShuffle<Double> rotation : ROTATIONS) {
            v = v.add(v.rearrange(rotation));
        }
        return v.lane(0);
    }
}
