package dev.linea.kernels.vector;

import dev.linea.kernels.Logistic;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.ROWS;
import static dev.linea.kernels.vector.MemLanes.S;

/**
 * Fused loss and gradient of a linear model that read X once, 8 rows at a time: the 8 margins z = X·w + b come out
 * of one pass over the rows (one transposed reduction for all 8), the per-row coefficients c_i (the weighted
 * residual, or s_i·(σ(z_i) − y_i)) and the loss are computed 8 lanes at once, and c_i·x_i is accumulated into g
 * while the 8 rows are still in L1 (the row primitives of {@link MemRows} pick the narrow, sequential or
 * interleaved form by n). Narrow X (lanes &lt; n ≤ 2·lanes, such as 1e6×10) has its own loop, with the gradient in
 * registers. Logistic margins go through the polynomial exp/log1p of {@link MemLogisticMath}, 8 rows at once.
 *
 * <p>w and g are used through zero-padded copies, and row blocks stop where a masked access would run past the
 * end of X (see {@link MemRows#blockRows}).
 *
 * <p>Species other than 8 lanes (AVX2: 4) take blocks of 8 rows, one from each eighth of X, read as 8 streams at
 * once ({@link #eighths8}). On 8 lanes the eighths were tried for wide X too (as GEMV takes them,
 * {@link MemLanes#consecutiveRows}): on the idle AVX-512 machine the least-squares gradient of 1e5×100 took
 * 4.4–6.4 ms in consecutive rows and 5.3–7.3 ms in eighths (four alternating runs; bench/results/2026-12-08-session8/
 * fused-eighths-idle.txt), 1e4×1000 and the in-cache 1e3×100 were faster in eighths but 1e6×10 1.5× slower: the
 * consecutive rows stay. Rows left over after the last block take a row-by-row path with the scalar
 * {@link Logistic} formulas. Every sum runs in a fixed order: same inputs, same bits.
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
        // padded copies: every chunk of w and of the gradient fits, so no masked access runs past an array's end
        double[] wp = MemRows.paddedCopy(n, w, wOff);
        double[] gp = new double[MemRows.padded(n)];
        // totals: 8 lanes of loss (for least squares Σ s·r², halved at the end) and 8 lanes of Σ c_i
        double[] totals = new double[MemResiduals.TOTALS];
        int i = 0;
        if (MemLanes.EIGHT) {
            int mBlocks = MemRows.blockRows(m, n, x, xOff, ldx);
            if (n > L && n <= 2 * L) {
                narrow(logistic, mBlocks, n, x, xOff, ldx, wp, b, y, yOff, s, sOff, gp, totals);
            } else {
                blocked(logistic, mBlocks, n, x, xOff, ldx, wp, b, y, yOff, s, sOff, gp, totals);
            }
            i = mBlocks;
        } else {
            // other widths (AVX2: 4 lanes): blocks of 8 rows, one from each eighth of the rows
            int mBlocks = MemRows.blockRows(m, n, x, xOff, ldx);
            eighths8(logistic, mBlocks / 8, n, x, xOff, ldx, wp, b, y, yOff, s, sOff, gp, totals);
            i = mBlocks;
        }
        double[] rest = new double[2];
        rowByRow(logistic, i, m, n, x, xOff, ldx, wp, 0, b, y, yOff, s, sOff, gp, 0, rest);
        double loss = 0;
        double cSum = 0;
        for (int k = 0; k < ROWS; k++) {
            loss += totals[MemResiduals.LOSS + k];
            cSum += totals[MemResiduals.C_SUM + k];
        }
        loss += rest[0];
        cSum += rest[1];
        System.arraycopy(gp, 0, g, gOff, n);
        if (intercept) {
            g[gOff + n] = cSum;
        }
        return logistic ? loss : 0.5 * loss;
    }

    /**
     * Rows [from, to) one at a time, with the scalar {@link Logistic} formulas.
     *
     * @param g      modified: accumulated into
     * @param totals modified: totals[0] += loss (least squares: Σ s·r², not halved), totals[1] += Σ c_i
     */
    static void rowByRow(boolean logistic, int from, int to, int n, double[] x, int xOff, int ldx,
                         double[] w, int wOff, double b, double[] y, int yOff, double[] s, int sOff,
                         double[] g, int gOff, double[] totals) {
        double loss = 0;
        double cSum = 0;
        for (int i = from; i < to; i++) {
            int row = xOff + i * ldx;
            double z = MemRows.dot(n, x, row, w, wOff) + b;
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
            MemRows.axpy(n, c, x, row, g, gOff);
        }
        totals[0] += loss;
        totals[1] += cSum;
    }

    /**
     * Rows [0, mBlocks) in blocks of 8: margins, coefficients, then the gradient update while the block is in L1
     * (the row primitives pick the narrow, sequential or interleaved form by n).
     */
    private static void blocked(boolean logistic, int mBlocks, int n, double[] x, int xOff, int ldx,
                                double[] wp, double b, double[] y, int yOff, double[] s, int sOff,
                                double[] gp, double[] totals) {
        double[] z = new double[ROWS];
        double[] c = new double[ROWS];
        double[] p = new double[ROWS * L];
        for (int i = 0; i < mBlocks; i += ROWS) {
            int row = xOff + i * ldx;
            MemRows.dot8(n, x, row, ldx, wp, 0, z, 0, p);
            MemResiduals.block(logistic, z, b, y, yOff + i, s, sOff + i, c, totals, p);
            MemRows.axpy8(n, c, 0, x, row, ldx, gp, 0);
        }
    }

    /**
     * Rows [0, 8·q) for species other than 8 lanes (AVX2: 4), in q blocks of 8 rows: block j holds rows j, q + j, …,
     * 7q + j, one from each eighth of the rows, so that X is read as 8 sequential streams at once. That is what one
     * core of the AVX2 EPYC needs to approach its bandwidth: it reads about 11 GB/s from one stream, 16.5 from 4 and
     * 17.5 from 8; at 1e5×100, row by row ran at 11 ms, 4 consecutive rows at 11 ms, 4 quarters at 5.9 and 8 eighths
     * at 5.2 (medians of one A/B run each).
     *
     * <p>The 8 margins come from 8 dot products sharing each load of w ({@link MemRows#dot8}), reduced 4 at a time
     * ({@link MemLanes#sum4}); the coefficients come L rows at a time from {@link MemResiduals#block} (the scalar
     * {@link Logistic} formulas when L does not divide 8); then the 8 rows, just read,
     * are added to g in one pass, each chunk of g loaded and stored once ({@link MemRows#axpy8Rows}: as fast as two
     * 4-row passes at 1e5×100, 15% faster at 1e6×10). A software-pipelined variant on 4 quarters (the next block's
     * dot products in the same column pass as this block's update) was slower at every shape measured, 1e6×10 to
     * 400×25000, by 7 to 20%. Loss and Σ c_i are added to totals[LOSS] and totals[C_SUM].
     */
    /**
     * Whether {@link #eighths8} computes the logistic coefficients L rows at a time with {@link MemResiduals#block}
     * (the vector exp/log1p of {@link MemLogisticMath}): when L divides the 8 rows of a block. At 1e5×100 on AVX2
     * this took the logistic gradient from 9.6 to 7.6 ms (scalar {@link Logistic} formulas per row before).
     */
    static final boolean VEC_LOGISTIC = 8 % L == 0;

    private static void eighths8(boolean logistic, int q, int n, double[] x, int xOff, int ldx,
                                 double[] wp, double b, double[] y, int yOff, double[] s, int sOff,
                                 double[] gp, double[] totals) {
        double[] acc = new double[8 * L];
        double[] z = new double[8];
        double[] c = new double[8];
        double[] yk = new double[8];
        double[] sk = new double[8];
        double[] zh = new double[L];
        double[] ch = new double[L];
        double[] scratch = new double[2 * L];
        double loss = 0;
        double cSum = 0;
        int ld = q * ldx;
        for (int j = 0; j < q; j++) {
            int row = xOff + j * ldx;
            MemRows.dot8(n, x, row, ld, wp, 0, acc);
            MemLanes.sum4(acc, 0, z, 0);
            MemLanes.sum4(acc, 4 * L, z, 4);
            if (logistic && VEC_LOGISTIC) {
                // the 8 rows L at a time through the vector exp/log1p of MemLogisticMath (MemResiduals.block)
                for (int k = 0; k < 8; k++) {
                    yk[k] = y[yOff + j + k * q];
                    if (s != null) {
                        sk[k] = s[sOff + j + k * q];
                    }
                }
                for (int h = 0; h < 8; h += L) {
                    System.arraycopy(z, h, zh, 0, L);
                    MemResiduals.block(true, zh, b, yk, h, s == null ? null : sk, h, ch, totals, scratch);
                    System.arraycopy(ch, 0, c, h, L);
                }
                MemRows.axpy8Rows(n, c, x, row, ld, gp, 0);
                continue;
            }
            for (int k = 0; k < 8; k++) {
                int i = j + k * q;
                double zk = z[k] + b;
                double si = s == null ? 1 : s[sOff + i];
                double yi = y[yOff + i];
                double ck;
                if (logistic) {
                    loss += si * (Logistic.log1pExp(zk) - yi * zk);
                    ck = si * (Logistic.sigmoid(zk) - yi);
                } else {
                    double r = zk - yi;
                    ck = si * r;
                    loss += ck * r;
                }
                cSum += ck;
                c[k] = ck;
            }
            MemRows.axpy8Rows(n, c, x, row, ld, gp, 0);
        }
        totals[MemResiduals.LOSS] += loss;
        totals[MemResiduals.C_SUM] += cSum;
    }

    /**
     * L ≤ n ≤ 2·L (such as n = 10): each row is a full register and a masked one, and the gradient stays in four
     * registers (two chunks × even/odd rows) for the whole pass instead of going through g for every block: for
     * rows this short the per-block calls and g round trips of {@link #blocked} cost as much as reading the rows.
     * The loops over the 8 rows of a block have a constant trip count (C2 unrolls them) and keep this method small
     * enough for C1 as well.
     */
    private static void narrow(boolean logistic, int mBlocks, int n, double[] x, int xOff, int ldx,
                               double[] wp, double b, double[] y, int yOff, double[] s, int sOff,
                               double[] gp, double[] totals) {
        double[] z = new double[ROWS];
        double[] c = new double[ROWS];
        double[] p = new double[ROWS * L];
        VectorMask<Double> m1 = S.indexInRange(L, n);
        DoubleVector w0 = DoubleVector.fromArray(S, wp, 0);
        DoubleVector w1 = DoubleVector.fromArray(S, wp, L);
        DoubleVector ga0 = DoubleVector.zero(S);
        DoubleVector ga1 = DoubleVector.zero(S);
        DoubleVector gb0 = DoubleVector.zero(S);
        DoubleVector gb1 = DoubleVector.zero(S);
        for (int i = 0; i < mBlocks; i += ROWS) {
            int r0 = xOff + i * ldx;
            for (int k = 0; k < ROWS; k++) {
                int r = r0 + k * ldx;
                DoubleVector.fromArray(S, x, r + L, m1).mul(w1).add(DoubleVector.fromArray(S, x, r).mul(w0))
                        .intoArray(p, k * L);
            }
            MemLanes.sum8(DoubleVector.fromArray(S, p, 0), DoubleVector.fromArray(S, p, L),
                    DoubleVector.fromArray(S, p, 2 * L), DoubleVector.fromArray(S, p, 3 * L),
                    DoubleVector.fromArray(S, p, 4 * L), DoubleVector.fromArray(S, p, 5 * L),
                    DoubleVector.fromArray(S, p, 6 * L), DoubleVector.fromArray(S, p, 7 * L)).intoArray(z, 0);
            MemResiduals.block(logistic, z, b, y, yOff + i, s, sOff + i, c, totals, p);
            for (int k = 0; k < ROWS; k += 2) {
                int r = r0 + k * ldx;
                DoubleVector ce = DoubleVector.broadcast(S, c[k]);
                DoubleVector co = DoubleVector.broadcast(S, c[k + 1]);
                ga0 = DoubleVector.fromArray(S, x, r).fma(ce, ga0);
                ga1 = DoubleVector.fromArray(S, x, r + L, m1).fma(ce, ga1);
                gb0 = DoubleVector.fromArray(S, x, r + ldx).fma(co, gb0);
                gb1 = DoubleVector.fromArray(S, x, r + ldx + L, m1).fma(co, gb1);
            }
        }
        ga0.add(gb0).intoArray(gp, 0);
        ga1.add(gb1).intoArray(gp, L);
    }
}
