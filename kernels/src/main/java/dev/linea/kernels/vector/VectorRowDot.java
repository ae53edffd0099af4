package dev.linea.kernels.vector;

import dev.linea.kernels.RowDot;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * The scorer's row dot on the Vector API. Doubles: the backend's {@link Level1#dot}. Floats: L floats are loaded
 * from a half-width float species and widened exactly to one double vector (F2D), then fused into the same
 * four-accumulator loop; the fixed-order lane sum keeps the result identical on every call.
 */
public final class VectorRowDot extends RowDot {
    public static final VectorRowDot INSTANCE = new VectorRowDot();

    /** Floats with as many lanes as the double species: half its bit size. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(S.vectorBitSize() / 2));

    private VectorRowDot() {
    }

    @Override
    public double dot(double[] w, double[] x, int xOff, int n) {
        return Level1.dot(n, w, 0, x, xOff);
    }

    @Override
    public double dot(double[] w, float[] x, int xOff, int n) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        int i = 0;
        for (; i <= n - 2 * L; i += 2 * L) {
            a0 = widen(x, xOff + i).fma(DoubleVector.fromArray(S, w, i), a0);
            a1 = widen(x, xOff + i + L).fma(DoubleVector.fromArray(S, w, i + L), a1);
        }
        for (; i <= n - L; i += L) {
            a0 = widen(x, xOff + i).fma(DoubleVector.fromArray(S, w, i), a0);
        }
        double tail = 0;
        for (; i < n; i++) {
            tail = Math.fma(w[i], x[xOff + i], tail);
        }
        return MemLanes.sum(a0.add(a1)) + tail;
    }

    private static DoubleVector widen(float[] x, int off) {
        return (DoubleVector) FloatVector.fromArray(F, x, off).convertShape(VectorOperators.F2D, S, 0);
    }

    @Override
    public String name() {
        return "vector";
    }
}
