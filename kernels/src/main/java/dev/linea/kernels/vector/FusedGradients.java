package dev.linea.kernels.vector;

import dev.linea.kernels.Logistic;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.ROWS;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Fused loss and gradient of a linear model that read X once, 8 rows at a time: the 8 margins z = X·w + b come out
 * of one pass over the rows (sharing the loads of w, one transposed reduction), the per-row coefficients c_i (the
 * weighted residual, or s_i·(σ(z_i) − y_i)) and the loss are computed 8 lanes at once, and c_i·x_i is accumulated
 * into g while the 8 rows are still in L1.
 *
 * <p>Narrow X (n ≤ 2·lanes, such as 1e6×10) has its own path: each row is one or two vector registers, the
 * gradient stays in registers for the whole pass, and the rows are not re-read from L1.
 *
 * <p>Rows left over after the last block of 8 (and every row when the species is not 8 lanes wide) take a
 * row-by-row path with the scalar {@link Logistic} formulas. Every sum runs in a fixed order: same inputs, same
 * bits.
 */
final class FusedGradients {
    private FusedGradients() {
    }

    /** g ← Xᵀ·S·(X·w + b − y), returns ½·Σ s_i·r_i². */
    static double leastSquares(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                               boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        return fused(false, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    /** g ← Xᵀ·S·(σ(X·w + b) − y), returns Σ s_i·(log(1 + e^{z_i}) − y_i·z_i). */
    static double logistic(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                           boolean intercept, double[] y, int yOff, double[] s, int sOff, double[] g, int gOff) {
        return fused(true, m, n, x, xOff, ldx, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    private static double fused(boolean logistic, int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                double[] g, int gOff) {
        double b = intercept ? w[wOff + n] : 0;
        Level1.zero(n, g, gOff);
        // totals[0] = loss (for least squares: Σ s·r², halved at the end), totals[1] = Σ c_i (intercept gradient)
        double[] totals = new double[2];
        int i = 0;
        if (MemLanes.EIGHT && m >= ROWS) {
            int mBlocks = m - m % ROWS;
            if (n <= L) {
                narrowOne(logistic, mBlocks, n, x, xOff, ldx, w, wOff, b, y, yOff, s, sOff, g, gOff, totals);
            } else if (n <= 2 * L) {
                narrowTwo(logistic, mBlocks, n, x, xOff, ldx, w, wOff, b, y, yOff, s, sOff, g, gOff, totals);
            } else {
                blocked(logistic, mBlocks, n, x, xOff, ldx, w, wOff, b, y, yOff, s, sOff, g, gOff, totals);
            }
            i = mBlocks;
        }
        rowByRow(logistic, i, m, n, x, xOff, ldx, w, wOff, b, y, yOff, s, sOff, g, gOff, totals);
        if (intercept) {
            g[gOff + n] = totals[1];
        }
        return logistic ? totals[0] : 0.5 * totals[0];
    }

    /** Rows [from, to) one at a time. */
    static void rowByRow(boolean logistic, int from, int to, int n, double[] x, int xOff, int ldx,
                         double[] w, int wOff, double b, double[] y, int yOff, double[] s, int sOff,
                         double[] g, int gOff, double[] totals) {
        VectorMask<Double> tail = S.indexInRange(n - n % L, n);
        double loss = 0;
        double cSum = 0;
        for (int i = from; i < to; i++) {
            int row = xOff + i * ldx;
            double z = MemRows.dot(n, tail, x, row, w, wOff) + b;
            double si = s == null ? 1 : s[sOff + i];
            double yi = y[yOff + i];
            double c;
            if (logistic) {
                loss += si * (Logistic.log1pExp(z) - yi * z);
                c = si * (Logistic.sigmoid(z) - yi);
            } else {
                double r = z - yi;
                c = si * r;
                loss += c * r;
            }
            cSum += c;
            MemRows.axpy(n, tail, c, x, row, g, gOff);
        }
        totals[0] += loss;
        totals[1] += cSum;
    }

    /** n &gt; 2·lanes: the gradient lives in g (in L1), updated once per chunk per block of 8 rows. */
    private static void blocked(boolean logistic, int mBlocks, int n, double[] x, int xOff, int ldx,
                                double[] w, int wOff, double b, double[] y, int yOff, double[] s, int sOff,
                                double[] g, int gOff, double[] totals) {
        VectorMask<Double> tail = S.indexInRange(n - n % L, n);
        DoubleVector lossAcc = MemLanes.ZERO;
        DoubleVector cAcc = MemLanes.ZERO;
        for (int i = 0; i < mBlocks; i += ROWS) {
            int row = xOff + i * ldx;
            DoubleVector z = MemRows.dot8(n, tail, x, row, ldx, w, wOff).add(b);
            DoubleVector yv = DoubleVector.fromArray(S, y, yOff + i);
            DoubleVector sv = s == null ? MemLanes.ONE : DoubleVector.fromArray(S, s, sOff + i);
            DoubleVector c;
            if (logistic) {
                DoubleVector e = MemLogisticMath.expNegAbs(z);
                c = MemLogisticMath.sigmoid(z, e).sub(yv).mul(sv);
                lossAcc = MemLogisticMath.log1pExp(z, e).sub(yv.mul(z)).fma(sv, lossAcc);
            } else {
                DoubleVector r = z.sub(yv);
                c = r.mul(sv);
                lossAcc = c.fma(r, lossAcc);
            }
            cAcc = cAcc.add(c);
            MemRows.axpy8(n, tail, c, x, row, ldx, g, gOff);
        }
        totals[0] += MemLanes.sum(lossAcc);
        totals[1] += MemLanes.sum(cAcc);
    }

    /** n ≤ lanes: each row is one (masked) register; the gradient is two register accumulators (even/odd rows). */
    private static void narrowOne(boolean logistic, int mBlocks, int n, double[] x, int xOff, int ldx,
                                  double[] w, int wOff, double b, double[] y, int yOff, double[] s, int sOff,
                                  double[] g, int gOff, double[] totals) {
        VectorMask<Double> k = S.indexInRange(0, n);
        DoubleVector w0 = DoubleVector.fromArray(S, w, wOff, k);
        DoubleVector ga = MemLanes.ZERO;
        DoubleVector gb = MemLanes.ZERO;
        DoubleVector lossAcc = MemLanes.ZERO;
        DoubleVector cAcc = MemLanes.ZERO;
        for (int i = 0; i < mBlocks; i += ROWS) {
            int r0 = xOff + i * ldx;
            DoubleVector x0 = DoubleVector.fromArray(S, x, r0, k);
            DoubleVector x1 = DoubleVector.fromArray(S, x, r0 + ldx, k);
            DoubleVector x2 = DoubleVector.fromArray(S, x, r0 + 2 * ldx, k);
            DoubleVector x3 = DoubleVector.fromArray(S, x, r0 + 3 * ldx, k);
            DoubleVector x4 = DoubleVector.fromArray(S, x, r0 + 4 * ldx, k);
            DoubleVector x5 = DoubleVector.fromArray(S, x, r0 + 5 * ldx, k);
            DoubleVector x6 = DoubleVector.fromArray(S, x, r0 + 6 * ldx, k);
            DoubleVector x7 = DoubleVector.fromArray(S, x, r0 + 7 * ldx, k);
            DoubleVector z = MemLanes.sum8(x0.mul(w0), x1.mul(w0), x2.mul(w0), x3.mul(w0),
                    x4.mul(w0), x5.mul(w0), x6.mul(w0), x7.mul(w0)).add(b);
            DoubleVector yv = DoubleVector.fromArray(S, y, yOff + i);
            DoubleVector sv = s == null ? MemLanes.ONE : DoubleVector.fromArray(S, s, sOff + i);
            DoubleVector c;
            if (logistic) {
                DoubleVector e = MemLogisticMath.expNegAbs(z);
                c = MemLogisticMath.sigmoid(z, e).sub(yv).mul(sv);
                lossAcc = MemLogisticMath.log1pExp(z, e).sub(yv.mul(z)).fma(sv, lossAcc);
            } else {
                DoubleVector r = z.sub(yv);
                c = r.mul(sv);
                lossAcc = c.fma(r, lossAcc);
            }
            cAcc = cAcc.add(c);
            ga = x0.fma(c.rearrange(MemLanes.B0), ga);
            gb = x1.fma(c.rearrange(MemLanes.B1), gb);
            ga = x2.fma(c.rearrange(MemLanes.B2), ga);
            gb = x3.fma(c.rearrange(MemLanes.B3), gb);
            ga = x4.fma(c.rearrange(MemLanes.B4), ga);
            gb = x5.fma(c.rearrange(MemLanes.B5), gb);
            ga = x6.fma(c.rearrange(MemLanes.B6), ga);
            gb = x7.fma(c.rearrange(MemLanes.B7), gb);
        }
        ga.add(gb).intoArray(g, gOff, k);
        totals[0] += MemLanes.sum(lossAcc);
        totals[1] += MemLanes.sum(cAcc);
    }

    /**
     * lanes &lt; n ≤ 2·lanes (such as n = 10): each row is a full register and a masked one; the gradient is four
     * register accumulators (two chunks × even/odd rows).
     */
    private static void narrowTwo(boolean logistic, int mBlocks, int n, double[] x, int xOff, int ldx,
                                  double[] w, int wOff, double b, double[] y, int yOff, double[] s, int sOff,
                                  double[] g, int gOff, double[] totals) {
        VectorMask<Double> k = S.indexInRange(L, n);
        DoubleVector w0 = DoubleVector.fromArray(S, w, wOff);
        DoubleVector w1 = DoubleVector.fromArray(S, w, wOff + L, k);
        DoubleVector ga0 = MemLanes.ZERO;
        DoubleVector gb0 = MemLanes.ZERO;
        DoubleVector ga1 = MemLanes.ZERO;
        DoubleVector gb1 = MemLanes.ZERO;
        DoubleVector lossAcc = MemLanes.ZERO;
        DoubleVector cAcc = MemLanes.ZERO;
        for (int i = 0; i < mBlocks; i += ROWS) {
            int r0 = xOff + i * ldx;
            int r1 = r0 + ldx;
            int r2 = r1 + ldx;
            int r3 = r2 + ldx;
            int r4 = r3 + ldx;
            int r5 = r4 + ldx;
            int r6 = r5 + ldx;
            int r7 = r6 + ldx;
            DoubleVector x00 = DoubleVector.fromArray(S, x, r0);
            DoubleVector x01 = DoubleVector.fromArray(S, x, r0 + L, k);
            DoubleVector x10 = DoubleVector.fromArray(S, x, r1);
            DoubleVector x11 = DoubleVector.fromArray(S, x, r1 + L, k);
            DoubleVector x20 = DoubleVector.fromArray(S, x, r2);
            DoubleVector x21 = DoubleVector.fromArray(S, x, r2 + L, k);
            DoubleVector x30 = DoubleVector.fromArray(S, x, r3);
            DoubleVector x31 = DoubleVector.fromArray(S, x, r3 + L, k);
            DoubleVector x40 = DoubleVector.fromArray(S, x, r4);
            DoubleVector x41 = DoubleVector.fromArray(S, x, r4 + L, k);
            DoubleVector x50 = DoubleVector.fromArray(S, x, r5);
            DoubleVector x51 = DoubleVector.fromArray(S, x, r5 + L, k);
            DoubleVector x60 = DoubleVector.fromArray(S, x, r6);
            DoubleVector x61 = DoubleVector.fromArray(S, x, r6 + L, k);
            DoubleVector x70 = DoubleVector.fromArray(S, x, r7);
            DoubleVector x71 = DoubleVector.fromArray(S, x, r7 + L, k);
            DoubleVector z = MemLanes.sum8(x00.fma(w0, x01.mul(w1)), x10.fma(w0, x11.mul(w1)),
                    x20.fma(w0, x21.mul(w1)), x30.fma(w0, x31.mul(w1)), x40.fma(w0, x41.mul(w1)),
                    x50.fma(w0, x51.mul(w1)), x60.fma(w0, x61.mul(w1)), x70.fma(w0, x71.mul(w1))).add(b);
            DoubleVector yv = DoubleVector.fromArray(S, y, yOff + i);
            DoubleVector sv = s == null ? MemLanes.ONE : DoubleVector.fromArray(S, s, sOff + i);
            DoubleVector c;
            if (logistic) {
                DoubleVector e = MemLogisticMath.expNegAbs(z);
                c = MemLogisticMath.sigmoid(z, e).sub(yv).mul(sv);
                lossAcc = MemLogisticMath.log1pExp(z, e).sub(yv.mul(z)).fma(sv, lossAcc);
            } else {
                DoubleVector r = z.sub(yv);
                c = r.mul(sv);
                lossAcc = c.fma(r, lossAcc);
            }
            cAcc = cAcc.add(c);
            DoubleVector c0 = c.rearrange(MemLanes.B0);
            DoubleVector c1 = c.rearrange(MemLanes.B1);
            DoubleVector c2 = c.rearrange(MemLanes.B2);
            DoubleVector c3 = c.rearrange(MemLanes.B3);
            DoubleVector c4 = c.rearrange(MemLanes.B4);
            DoubleVector c5 = c.rearrange(MemLanes.B5);
            DoubleVector c6 = c.rearrange(MemLanes.B6);
            DoubleVector c7 = c.rearrange(MemLanes.B7);
            ga0 = x00.fma(c0, ga0);
            ga1 = x01.fma(c0, ga1);
            gb0 = x10.fma(c1, gb0);
            gb1 = x11.fma(c1, gb1);
            ga0 = x20.fma(c2, ga0);
            ga1 = x21.fma(c2, ga1);
            gb0 = x30.fma(c3, gb0);
            gb1 = x31.fma(c3, gb1);
            ga0 = x40.fma(c4, ga0);
            ga1 = x41.fma(c4, ga1);
            gb0 = x50.fma(c5, gb0);
            gb1 = x51.fma(c5, gb1);
            ga0 = x60.fma(c6, ga0);
            ga1 = x61.fma(c6, ga1);
            gb0 = x70.fma(c7, gb0);
            gb1 = x71.fma(c7, gb1);
        }
        ga0.add(gb0).intoArray(g, gOff);
        ga1.add(gb1).intoArray(g, gOff + L, k);
        totals[0] += MemLanes.sum(lossAcc);
        totals[1] += MemLanes.sum(cAcc);
    }
}
