package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Vectorized, overflow-free pieces of the logistic loss, written with lane-wise adds, multiplies, FMAs and
 * divisions only. Why not {@code lanewise(EXP)}: the JDK computes it with a native library (SVML) once compiled
 * but with {@code Math.exp} per lane before, so results would change by an ulp after warm-up; the kernels promise
 * identical bits on every call. These polynomials are exact-defined IEEE operations in every execution mode and
 * stay within about 2 ulp of {@code Math.exp} / {@code Math.log1p}.
 *
 * <p>With e = e^{−|z|} ∈ (0, 1], never overflowing:
 * <pre>  σ(z) = (z ≥ 0 ? 1 : e) / (1 + e),   log(1 + e^z) = max(z, 0) + log1p(e).</pre>
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
    private static final double C0 = EXP_COEF[0];
    private static final double C1 = EXP_COEF[1];
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
    static DoubleVector expNonPositive(DoubleVector x) {
        x = x.max(EXP_FLOOR);
        DoubleVector k = x.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), x);
        r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
        DoubleVector p = r.fma(C13, C12);
        p = p.fma(r, DoubleVector.broadcast(S, C11));
        p = p.fma(r, DoubleVector.broadcast(S, C10));
        p = p.fma(r, DoubleVector.broadcast(S, C9));
        p = p.fma(r, DoubleVector.broadcast(S, C8));
        p = p.fma(r, DoubleVector.broadcast(S, C7));
        p = p.fma(r, DoubleVector.broadcast(S, C6));
        p = p.fma(r, DoubleVector.broadcast(S, C5));
        p = p.fma(r, DoubleVector.broadcast(S, C4));
        p = p.fma(r, DoubleVector.broadcast(S, C3));
        p = p.fma(r, DoubleVector.broadcast(S, C2));
        p = p.fma(r, DoubleVector.broadcast(S, C1));
        p = p.fma(r, DoubleVector.broadcast(S, C0));
        LongVector ki = (LongVector) k.convert(VectorOperators.D2L, 0);
        LongVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        LongVector k2 = ki.sub(k1);
        DoubleVector s1 = k1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = k2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /**
     * log(1 + e) for e ∈ [0, 1]: 2·atanh(s) with s = e/(2 + e) ∈ [0, 1/3], as s + s³/3 + … + s³³/33 (the first
     * omitted term is below 2^−55 relative). Accurate for tiny e, where log(1 + e) would lose everything; within
     * about 1 ulp of {@code Math.log1p}.
     */
    static DoubleVector log1pUnit(DoubleVector e) {
        // s = e/(2 + e) to within half an ulp: u = fl(2 + e) misses err = (2 − u) + e (exact, as |e| ≤ 2), and the
        // division misses the remainder fma(−s0, u, e) − s0·err; one correction step by remainder/u recovers both.
        DoubleVector u = e.add(2.0);
        DoubleVector err = DoubleVector.broadcast(S, 2.0).sub(u).add(e);
        DoubleVector s0 = e.div(u);
        DoubleVector rem = s0.neg().fma(u, e).sub(s0.mul(err));
        DoubleVector s = s0.add(rem.div(u));
        DoubleVector w = s.mul(s);
        DoubleVector p = w.fma(1.0 / 33, 1.0 / 31);
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 29));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 27));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 25));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 23));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 21));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 19));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 17));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 15));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 13));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 11));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 9));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 7));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 5));
        p = p.fma(w, DoubleVector.broadcast(S, 1.0 / 3));
        return s.mul(w).fma(p, s).mul(2.0);
    }

    /** e^{−|z|}, the one exponential both the loss and the gradient need. */
    static DoubleVector expNegAbs(DoubleVector z) {
        return expNonPositive(z.abs().neg());
    }

    /** σ(z) given e = e^{−|z|}. */
    static DoubleVector sigmoid(DoubleVector z, DoubleVector e) {
        DoubleVector numerator = e.blend(DoubleVector.broadcast(S, 1.0), z.compare(VectorOperators.GE, 0.0));
        return numerator.div(e.add(1.0));
    }

    /** log(1 + e^z) given e = e^{−|z|}. */
    static DoubleVector log1pExp(DoubleVector z, DoubleVector e) {
        return z.max(0.0).add(log1pUnit(e));
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
