package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Vectorized, overflow-free pieces of the logistic loss, written with lane-wise adds, multiplies, FMAs and
 * divisions only. Why not {@code lanewise(EXP)}: the JDK computes it with a native library (SVML) once compiled
 * but with {@code Math.exp} per lane before, so results would change by an ulp after warm-up; the kernels promise
 * identical bits on every call. These polynomials are exact-defined IEEE operations in every execution mode and
 * stay within about 2 ulp of {@code Math.exp} / {@code Math.log1p}.
 *
 * <p>The kernels use them with e = e^{−|z|} ∈ (0, 1], which never overflows:
 * <pre>  σ(z) = (z ≥ 0 ? 1 : e) / (1 + e),   log(1 + e^z) = max(z, 0) + log1p(e).</pre>
 *
 * <p>Arrays in and out: the polynomial bodies are too large for C2 to inline into a caller, and a vector passed to
 * a method that is not inlined is boxed (measured several times slower). Each entry point is compiled on its own
 * with its body inlined, and costs its caller one store and one load.
 */
final class MemLogisticMath {
    private MemLogisticMath() {
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| &lt; 2^20 (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2^52: adding and subtracting it rounds to the nearest integer. */
    private static final double ROUNDER = 0x1.8p52;
    /** Below this, e^x underflows to 0 whatever the rounding; clamping keeps k in range for the two-step scale. */
    private static final double EXP_FLOOR = -1100;

    /** 1/k! for k = 0..13: Taylor series of e^r, enough for |r| ≤ ln2/2 to full double precision. */
    private static final double[] EXP_COEF = expCoefficients();
    private static final double C2 = EXP_COEF[2];
    private static final double C3 = EXP_COEF[3];
    private static final double C4 = EXP_COEF[4];
    private static final double C5 = EXP_COEF[5];
    private static final double C6 = EXP_COEF[6];
    private static final double C7 = EXP_COEF[7];
    private static final double C8 = EXP_COEF[8];
    private static final double C9 = EXP_COEF[9];
    private static final double C10 = EXP_COEF[10];
    private static final double C11 = EXP_COEF[11];
    private static final double C12 = EXP_COEF[12];
    private static final double C13 = EXP_COEF[13];

    /**
     * e^x for x ≤ 0 (or NaN): x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor polynomial, then ·2^k applied as
     * two factors 2^⌊k/2⌋·2^(k−⌊k/2⌋) so that subnormal results are rounded once, correctly, by the last multiply.
     */
    /** e^x of one vector of x ≤ 0 (or NaN), array to array: see {@link #expNonPositive(DoubleVector)}. */
    static void exp(double[] in, int inOff, double[] out, int outOff) {
        expNonPositive(DoubleVector.fromArray(S, in, inOff)).intoArray(out, outOff);
    }

    /** {@link #log1pUnit(DoubleVector)} of one vector, array to array (see the class comment for why arrays). */
    static void log1p(double[] in, int inOff, double[] out, int outOff) {
        log1pUnit(DoubleVector.fromArray(S, in, inOff)).intoArray(out, outOff);
    }

    /** Called only from {@link #exp}, whose whole body it is (so it is compiled with, not called from, there). */
    private static DoubleVector expNonPositive(DoubleVector x) {
        x = x.max(EXP_FLOOR);
        DoubleVector k = x.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), x);
        r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        // e^r = 1 + (r + r²·q(r)), q = C2 + C3·r + … + C13·r^11 by Estrin's scheme (depth 4 instead of Horner's
        // 11 dependent FMAs: the kernels are latency-bound here); adding the 1 last keeps the error near 1 ulp.
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector e23 = r.fma(C3, C2);
        DoubleVector e45 = r.fma(C5, C4);
        DoubleVector e67 = r.fma(C7, C6);
        DoubleVector e89 = r.fma(C9, C8);
        DoubleVector e1011 = r.fma(C11, C10);
        DoubleVector e1213 = r.fma(C13, C12);
        DoubleVector e25 = e45.fma(r2, e23);
        DoubleVector e69 = e89.fma(r2, e67);
        DoubleVector e1013 = e1213.fma(r2, e1011);
        DoubleVector e29 = e69.fma(r4, e25);
        DoubleVector q = e1013.fma(r8, e29);
        DoubleVector p = r2.fma(q, r).add(1.0);
        // 2^k as 2^k1·2^k2 (k1 = k/2 rounded, k2 = k − k1, both ≥ −794 so both scales are normal), each built
        // from the bits of k_i + 1023 + 1.5·2^52 (an exact integer there) shifted into the exponent field. No
        // double→long conversion or 64-bit arithmetic shift: AVX2 has neither, and the Vector API's fallback for
        // them allocated every vector (about 68 MB per logistic L-BFGS fit on 1e5×100).
        DoubleVector k1 = k.mul(0.5).add(ROUNDER).sub(ROUNDER);
        DoubleVector k2 = k.sub(k1);
        DoubleVector s1 = k1.add(ROUNDER + 1023).reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        DoubleVector s2 = k2.add(ROUNDER + 1023).reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /**
     * log(1 + e) for e ∈ [0, 1]: 2·atanh(s) with s = e/(2 + e) ∈ [0, 1/3], as s + s³/3 + … + s³³/33 (the first
     * omitted term is below 2^−55 relative). Accurate for tiny e, where log(1 + e) would lose everything; within
     * about 1 ulp of {@code Math.log1p}.
     */
    private static DoubleVector log1pUnit(DoubleVector e) {
        // s = e/(2 + e) to within about half an ulp with one division: q = 1/u for u = fl(2 + e); u misses
        // err = (2 − u) + e (exact, as e ≤ 2), and s0 = e·q misses rem = fma(−s0, u, e) − s0·err; s = s0 + rem·q.
        DoubleVector u = e.add(2.0);
        DoubleVector q = DoubleVector.broadcast(S, 1.0).div(u);
        DoubleVector err = DoubleVector.broadcast(S, 2.0).sub(u).add(e);
        DoubleVector s0 = e.mul(q);
        DoubleVector rem = s0.neg().fma(u, e).sub(s0.mul(err));
        DoubleVector s = rem.fma(q, s0);
        // P(w) = Σ_{k=0}^{15} w^k/(2k+3), w = s², by Estrin's scheme (depth 5)
        DoubleVector w = s.mul(s);
        DoubleVector w2 = w.mul(w);
        DoubleVector w4 = w2.mul(w2);
        DoubleVector w8 = w4.mul(w4);
        DoubleVector a01 = w.fma(1.0 / 5, 1.0 / 3);
        DoubleVector a23 = w.fma(1.0 / 9, 1.0 / 7);
        DoubleVector a45 = w.fma(1.0 / 13, 1.0 / 11);
        DoubleVector a67 = w.fma(1.0 / 17, 1.0 / 15);
        DoubleVector a89 = w.fma(1.0 / 21, 1.0 / 19);
        DoubleVector a1011 = w.fma(1.0 / 25, 1.0 / 23);
        DoubleVector a1213 = w.fma(1.0 / 29, 1.0 / 27);
        DoubleVector a1415 = w.fma(1.0 / 33, 1.0 / 31);
        DoubleVector a03 = a23.fma(w2, a01);
        DoubleVector a47 = a67.fma(w2, a45);
        DoubleVector a811 = a1011.fma(w2, a89);
        DoubleVector a1215 = a1415.fma(w2, a1213);
        DoubleVector a07 = a47.fma(w4, a03);
        DoubleVector a815 = a1215.fma(w4, a811);
        DoubleVector p = a815.fma(w8, a07);
        return s.mul(w).fma(p, s).mul(2.0);
    }

    private static double[] expCoefficients() {
        double[] c = new double[14];
        double f = 1;
        for (int k = 0; k < c.length; k++) {
            if (k > 0) {
                f *= k;
            }
            c[k] = 1.0 / f;
        }
        return c;
    }
}
