package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

import static dev.linea.kernels.vector.MemLanes.S;

/**
 * The per-row step of the fused gradients for one block of 8 rows, 8 lanes at once: from the margins
 * {@code z_i = x_i·w} it computes the gradient coefficients c_i and adds the loss terms. Arrays in and out (see
 * {@link MemRows} for why). One call covers L rows: the 8 of a block on 8 lanes; on 4 lanes (AVX2) the eighths
 * blocks of {@link FusedGradients} call it twice per block.
 */
final class MemResiduals {
    /** Layout of the running totals: 8 lanes of loss, then 8 lanes of Σ c_i (the intercept's gradient). */
    static final int LOSS = 0;
    static final int C_SUM = 8;
    static final int TOTALS = 16;

    private MemResiduals() {
    }

    /**
     * With z ← z + b (in place):
     * <ul>
     *   <li>least squares: r = z − y, c = s·r, loss lanes += s·r² (halved by the caller);</li>
     *   <li>logistic: c = s·(σ(z) − y), loss lanes += s·(log(1 + e^z) − y·z).</li>
     * </ul>
     *
     * @param z      8 margins without the intercept; modified
     * @param c      modified: the 8 coefficients
     * @param totals  modified: running lane totals, layout {@link #LOSS}, {@link #C_SUM}
     * @param scratch modified: 2·L doubles of working space
     */
    static void block(boolean logistic, double[] z, double b, double[] y, int yOff, double[] s, int sOff,
                      double[] c, double[] totals, double[] scratch) {
        DoubleVector zv = DoubleVector.fromArray(S, z, 0).add(b);
        DoubleVector yv = DoubleVector.fromArray(S, y, yOff);
        DoubleVector sv = s == null ? DoubleVector.broadcast(S, 1.0) : DoubleVector.fromArray(S, s, sOff);
        DoubleVector cv;
        DoubleVector lv;
        if (logistic) {
            // e = e^{−|z|} ∈ (0, 1]: σ(z) = (z ≥ 0 ? 1 : e)/(1 + e), log(1 + e^z) = max(z, 0) + log1p(e)
            zv.abs().neg().intoArray(scratch, 0);
            MemLogisticMath.exp(scratch, 0, scratch, 0);
            MemLogisticMath.log1p(scratch, 0, scratch, S.length());
            DoubleVector e = DoubleVector.fromArray(S, scratch, 0);
            DoubleVector l1pe = DoubleVector.fromArray(S, scratch, S.length());
            DoubleVector sigma = e.blend(DoubleVector.broadcast(S, 1.0), zv.compare(VectorOperators.GE, 0.0))
                    .div(e.add(1.0));
            cv = sigma.sub(yv).mul(sv);
            lv = zv.max(0.0).add(l1pe).sub(yv.mul(zv)).mul(sv);
        } else {
            DoubleVector r = zv.sub(yv);
            cv = r.mul(sv);
            lv = cv.mul(r);
        }
        cv.intoArray(c, 0);
        DoubleVector.fromArray(S, totals, LOSS).add(lv).intoArray(totals, LOSS);
        DoubleVector.fromArray(S, totals, C_SUM).add(cv).intoArray(totals, C_SUM);
    }
}
