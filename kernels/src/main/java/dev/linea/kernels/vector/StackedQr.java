package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Backend#qrStacked} with the Vector API: the same reflectors, panels and T factors as the scalar reference
 * (dev.linea.kernels.StackedQr), computed row by row so that every access to the block is contiguous. Within a
 * panel of 8 columns each reflector costs one pass over the panel's rows for {@code w = Bᵀ·v} (which also yields
 * the panel's dlarft products) and one for the rank-one update; the rest of the block (the trailing columns) is
 * updated once per panel through its compact-WY form by two register-tiled loops (4 rows × 2 vectors, 8 FMA
 * accumulators): {@code W = R_p + V_pᵀ·B}, {@code W ← Tᵀ·W}, {@code R_p −= W}, {@code B −= V_p·W}. A block of a
 * few hundred rows stays in L2 for the whole step.
 */
final class StackedQr {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NB = Backend.STACKED_QR_PANEL;

    private StackedQr() {
    }

    static void factor(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                       double[] t, int tOff) {
        double[] w = new double[NB];
        int maxTrailing = Math.max(0, n - NB);
        int ldw = (maxTrailing + 2 * L - 1) / (2 * L) * (2 * L);
        double[] wt = new double[NB * Math.max(ldw, 1)];
        double[] sq = new double[NB];
        double[] wc = new double[NB];
        if (n > NB) {
            touch(mb, n, b, bOff, ldb);
        }
        for (int k0 = 0; k0 < n; k0 += NB) {
            int k1 = Math.min(n, k0 + NB);
            int tp = tOff + (k0 / NB) * NB * NB;
            java.util.Arrays.fill(t, tp, tp + NB * NB, 0.0);
            panelSquares(k0, k1, mb, b, bOff, ldb, sq);
            for (int j = k0; j < k1; j++) {
                int jj = j - k0;
                int rjj = rOff + j * ldr + j;
                double alpha = r[rjj];
                double ss = sq[jj];
                double tau;
                double scale;
                if (ss == 0) {
                    tau = 0;
                    scale = 1;
                } else if (ss >= 0x1p-900 && ss <= 0x1p900) {
                    // The column's sum of squares came from the previous pass: no pass of its own.
                    double beta = -Math.copySign(Math.hypot(alpha, Math.sqrt(ss)), alpha);
                    tau = (beta - alpha) / beta;
                    scale = 1 / (alpha - beta);
                    r[rjj] = beta;
                } else {
                    // Tiny or huge entries: the careful (scaled) norm, and the column scaled in place.
                    tau = reflector(j, mb, r, rjj, b, bOff, ldb);
                    scale = 1;
                }
                panelProducts(j, k0, k1, mb, b, bOff, ldb, w);
                for (int c = 0; c < NB; c++) {
                    w[c] *= scale;
                }
                if (tau != 0) {
                    java.util.Arrays.fill(wc, 0.0);
                    for (int c = j + 1; c < k1; c++) {
                        wc[c - k0] = tau * (r[rOff + j * ldr + c] + w[c - k0]);
                        r[rOff + j * ldr + c] -= wc[c - k0];
                    }
                    panelUpdate(j, k0, k1, mb, scale, b, bOff, ldb, wc, sq);
                }
                for (int i = 0; i < jj; i++) {
                    double s = 0;
                    for (int c = i; c < jj; c++) {
                        s += t[tp + i * NB + c] * w[c];
                    }
                    t[tp + i * NB + jj] = -tau * s;
                }
                t[tp + jj * NB + jj] = tau;
            }
            if (k1 < n) {
                trailing(k0, k1, n, mb, r, rOff, ldr, b, bOff, ldb, t, tp, wt, ldw);
            }
        }
    }

    /** sq(c) = Σ_i B(i, k0 + c)² over the panel's columns. */
    private static void panelSquares(int k0, int k1, int mb, double[] b, int bOff, int ldb, double[] sq) {
        for (int s = 0; s < NB; s += L) {
            int c0 = k0 + s;
            if (c0 >= k1) {
                break;
            }
            VectorMask<Double> m = S.indexInRange(c0, k1);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int i = 0, p = bOff + c0; i < mb; i++, p += ldb) {
                DoubleVector x = DoubleVector.fromArray(S, b, p, m);
                a0 = x.fma(x, a0);
            }
            a0.intoArray(sq, s, S.indexInRange(s, NB));
        }
    }

    /** As the reference: R(j, j) ← β, B(:, j) ← v; returns τ. */
    private static double reflector(int j, int mb, double[] r, int rjj, double[] b, int bOff, int ldb) {
        double alpha = r[rjj];
        double max = 0;
        for (int i = 0, p = bOff + j; i < mb; i++, p += ldb) {
            max = Math.max(max, Math.abs(b[p]));
        }
        if (max == 0) {
            return 0;
        }
        double inv = Math.scalb(1.0, -Math.getExponent(max));
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        int p = bOff + j;
        for (; i + 1 < mb; i += 2, p += 2 * ldb) {
            double x0 = b[p] * inv;
            double x1 = b[p + ldb] * inv;
            s0 += x0 * x0;
            s1 += x1 * x1;
        }
        if (i < mb) {
            double x0 = b[p] * inv;
            s0 += x0 * x0;
        }
        double xnorm = Math.sqrt(s0 + s1) / inv;
        double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        double scale = 1 / (alpha - beta);
        for (int q = 0, pp = bOff + j; q < mb; q++, pp += ldb) {
            b[pp] *= scale;
        }
        r[rjj] = beta;
        return (beta - alpha) / beta;
    }

    /** w(c) = Σ_i B(i, j)·B(i, k0 + c) for the panel's columns (partial panels masked). */
    private static void panelProducts(int j, int k0, int k1, int mb, double[] b, int bOff, int ldb, double[] w) {
        for (int s = 0; s < NB; s += L) {
            int c0 = k0 + s;
            if (c0 >= k1) {
                for (int c = s; c < Math.min(NB, s + L); c++) {
                    w[c] = 0;
                }
                continue;
            }
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = DoubleVector.zero(S);
            int p = bOff + c0;
            int pj = bOff + j;
            int i = 0;
            if (c0 + L <= k1) {
                for (; i + 1 < mb; i += 2, p += 2 * ldb, pj += 2 * ldb) {
                    a0 = DoubleVector.fromArray(S, b, p).fma(DoubleVector.broadcast(S, b[pj]), a0);
                    a1 = DoubleVector.fromArray(S, b, p + ldb).fma(DoubleVector.broadcast(S, b[pj + ldb]), a1);
                }
                if (i < mb) {
                    a0 = DoubleVector.fromArray(S, b, p).fma(DoubleVector.broadcast(S, b[pj]), a0);
                }
            } else {
                VectorMask<Double> m = S.indexInRange(c0, k1);
                for (; i < mb; i++, p += ldb, pj += ldb) {
                    a0 = DoubleVector.fromArray(S, b, p, m).fma(DoubleVector.broadcast(S, b[pj]), a0);
                }
            }
            a0.add(a1).intoArray(w, s, S.indexInRange(s, NB));
        }
    }

    /**
     * Applies H_j to the panel's columns after j: B(i, c) −= v_i·wc(c) with v_i = scale·B(i, j), and stores v_i in
     * B(i, j); sq(c) ← Σ_i B(i, c)² of the updated columns (the next columns' norms, without a pass of their own).
     */
    private static void panelUpdate(int j, int k0, int k1, int mb, double scale, double[] b, int bOff, int ldb,
                                    double[] wc, double[] sq) {
        boolean scaled = false;
        for (int s = 0; s < NB; s += L) {
            int c0 = k0 + s;
            if (c0 + L <= j + 1 || c0 >= k1) {
                continue; // no column after j in this segment
            }
            VectorMask<Double> m = S.indexInRange(c0, k1);
            DoubleVector wv = DoubleVector.fromArray(S, wc, s, S.indexInRange(s, NB));
            DoubleVector acc = DoubleVector.zero(S);
            int p = bOff + c0;
            int pj = bOff + j;
            boolean storeV = !scaled;
            double sc = storeV ? scale : 1; // a later segment reads B(:, j) already scaled
            // Columns ≤ j get wc = 0: x − v·0 = x, so the store leaves them unchanged; v goes in afterwards.
            if (c0 + L <= k1) {
                for (int i = 0; i < mb; i++, p += ldb, pj += ldb) {
                    double v = b[pj] * sc;
                    DoubleVector x = wv.mul(-v).add(DoubleVector.fromArray(S, b, p));
                    x.intoArray(b, p);
                    acc = x.fma(x, acc);
                    if (storeV) {
                        b[pj] = v;
                    }
                }
            } else {
                for (int i = 0; i < mb; i++, p += ldb, pj += ldb) {
                    double v = b[pj] * sc;
                    DoubleVector x = wv.mul(-v).add(DoubleVector.fromArray(S, b, p, m));
                    x.intoArray(b, p, m);
                    acc = x.fma(x, acc);
                    if (storeV) {
                        b[pj] = v;
                    }
                }
            }
            scaled = true;
            double[] tmp = new double[L];
            acc.intoArray(tmp, 0);
            for (int c = 0; c < L && s + c < NB; c++) {
                if (k0 + s + c > j) {
                    sq[s + c] = tmp[c];
                }
            }
        }
        if (!scaled && scale != 1) {
            for (int i = 0, pj = bOff + j; i < mb; i++, pj += ldb) {
                b[pj] *= scale;
            }
        }
    }

    /**
     * The trailing columns k1…n−1 of [R; B] ← (I − V·T·Vᵀ)ᵀ·[R; B] for the full panel k0…k1−1 (8 columns).
     * wt: 8 rows of stride ldw (a multiple of 2L, zero padding beyond the nt columns).
     */
    private static void trailing(int k0, int k1, int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff,
                                 int ldb, double[] t, int tp, double[] wt, int ldw) {
        int nt = n - k1;
        java.util.Arrays.fill(wt, 0.0);
        for (int kg = 0; kg < NB; kg += 4) {
            int ct = 0;
            for (; ct + 2 * L <= nt; ct += 2 * L) {
                accumulate(mb, b, bOff + k0 + kg, bOff + k1 + ct, ldb, wt, kg * ldw + ct, ldw);
            }
            if (ct < nt) {
                accumulateMasked(mb, b, bOff + k0 + kg, bOff + k1 + ct, ldb, k1 + ct, n, wt, kg * ldw + ct, ldw);
            }
        }
        for (int k = 0; k < NB; k++) {
            int rr = rOff + (k0 + k) * ldr + k1;
            for (int c = 0; c < nt; c++) {
                wt[k * ldw + c] += r[rr + c];
            }
        }
        // W ← Tᵀ·W, bottom-up (row i needs rows k ≤ i).
        for (int i = NB - 1; i >= 0; i--) {
            for (int c = 0; c < nt; c++) {
                double s = 0;
                for (int k = 0; k <= i; k++) {
                    s += t[tp + k * NB + i] * wt[k * ldw + c];
                }
                wt[i * ldw + c] = s;
            }
        }
        for (int k = 0; k < NB; k++) {
            int rr = rOff + (k0 + k) * ldr + k1;
            for (int c = 0; c < nt; c++) {
                r[rr + c] -= wt[k * ldw + c];
            }
        }
        int i = 0;
        for (; i + 4 <= mb; i += 4) {
            int row = bOff + i * ldb;
            int ct = 0;
            for (; ct + 2 * L <= nt; ct += 2 * L) {
                update4(row + k0, row + k1 + ct, ldb, b, wt, ct, ldw);
            }
            for (; ct < nt; ct += L) {
                updateMasked(4, row + k0, row + k1 + ct, ldb, b, wt, ct, ldw, S.indexInRange(k1 + ct, n));
            }
        }
        for (; i < mb; i++) {
            int row = bOff + i * ldb;
            for (int ct = 0; ct < nt; ct += L) {
                updateMasked(1, row + k0, row + k1 + ct, ldb, b, wt, ct, ldw, S.indexInRange(k1 + ct, n));
            }
        }
    }

    /** W(kg…kg+3, ct…ct+2L) += Σ_i V(i, kg…kg+3)ᵀ·B(i, ct…ct+2L); v at p, b at q (row stride ldb). */
    private static void accumulate(int mb, double[] b, int v, int q, int ldb, double[] wt, int w, int ldw) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        for (int i = 0; i < mb; i++, v += ldb, q += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, q);
            DoubleVector b1 = DoubleVector.fromArray(S, b, q + L);
            DoubleVector v0 = DoubleVector.broadcast(S, b[v]);
            c00 = b0.fma(v0, c00);
            c01 = b1.fma(v0, c01);
            DoubleVector v1 = DoubleVector.broadcast(S, b[v + 1]);
            c10 = b0.fma(v1, c10);
            c11 = b1.fma(v1, c11);
            DoubleVector v2 = DoubleVector.broadcast(S, b[v + 2]);
            c20 = b0.fma(v2, c20);
            c21 = b1.fma(v2, c21);
            DoubleVector v3 = DoubleVector.broadcast(S, b[v + 3]);
            c30 = b0.fma(v3, c30);
            c31 = b1.fma(v3, c31);
        }
        c00.intoArray(wt, w);
        c01.intoArray(wt, w + L);
        c10.intoArray(wt, w + ldw);
        c11.intoArray(wt, w + ldw + L);
        c20.intoArray(wt, w + 2 * ldw);
        c21.intoArray(wt, w + 2 * ldw + L);
        c30.intoArray(wt, w + 3 * ldw);
        c31.intoArray(wt, w + 3 * ldw + L);
    }

    /** {@link #accumulate} for the last, partial column tile (B's columns from col, masked at n). */
    private static void accumulateMasked(int mb, double[] b, int v, int q, int ldb, int col, int n, double[] wt,
                                         int w, int ldw) {
        for (int s = 0; s < 2 * L && col + s < n; s += L) {
            VectorMask<Double> m = S.indexInRange(col + s, n);
            DoubleVector c0 = DoubleVector.zero(S);
            DoubleVector c1 = DoubleVector.zero(S);
            DoubleVector c2 = DoubleVector.zero(S);
            DoubleVector c3 = DoubleVector.zero(S);
            for (int i = 0, vv = v, qq = q + s; i < mb; i++, vv += ldb, qq += ldb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, qq, m);
                c0 = b0.fma(DoubleVector.broadcast(S, b[vv]), c0);
                c1 = b0.fma(DoubleVector.broadcast(S, b[vv + 1]), c1);
                c2 = b0.fma(DoubleVector.broadcast(S, b[vv + 2]), c2);
                c3 = b0.fma(DoubleVector.broadcast(S, b[vv + 3]), c3);
            }
            c0.intoArray(wt, w + s);
            c1.intoArray(wt, w + ldw + s);
            c2.intoArray(wt, w + 2 * ldw + s);
            c3.intoArray(wt, w + 3 * ldw + s);
        }
    }

    /** Rows at row…row+3·ldb: B(i, ct…ct+2L) −= Σ_k V(i, k)·W(k, ct…ct+2L) over the panel's 8 columns. */
    private static void update4(int v, int q, int ldb, double[] b, double[] wt, int ct, int ldw) {
        DoubleVector c00 = DoubleVector.fromArray(S, b, q);
        DoubleVector c01 = DoubleVector.fromArray(S, b, q + L);
        DoubleVector c10 = DoubleVector.fromArray(S, b, q + ldb);
        DoubleVector c11 = DoubleVector.fromArray(S, b, q + ldb + L);
        DoubleVector c20 = DoubleVector.fromArray(S, b, q + 2 * ldb);
        DoubleVector c21 = DoubleVector.fromArray(S, b, q + 2 * ldb + L);
        DoubleVector c30 = DoubleVector.fromArray(S, b, q + 3 * ldb);
        DoubleVector c31 = DoubleVector.fromArray(S, b, q + 3 * ldb + L);
        for (int k = 0; k < NB; k++) {
            DoubleVector w0 = DoubleVector.fromArray(S, wt, k * ldw + ct);
            DoubleVector w1 = DoubleVector.fromArray(S, wt, k * ldw + ct + L);
            DoubleVector v0 = DoubleVector.broadcast(S, -b[v + k]);
            c00 = w0.fma(v0, c00);
            c01 = w1.fma(v0, c01);
            DoubleVector v1 = DoubleVector.broadcast(S, -b[v + ldb + k]);
            c10 = w0.fma(v1, c10);
            c11 = w1.fma(v1, c11);
            DoubleVector v2 = DoubleVector.broadcast(S, -b[v + 2 * ldb + k]);
            c20 = w0.fma(v2, c20);
            c21 = w1.fma(v2, c21);
            DoubleVector v3 = DoubleVector.broadcast(S, -b[v + 3 * ldb + k]);
            c30 = w0.fma(v3, c30);
            c31 = w1.fma(v3, c31);
        }
        c00.intoArray(b, q);
        c01.intoArray(b, q + L);
        c10.intoArray(b, q + ldb);
        c11.intoArray(b, q + ldb + L);
        c20.intoArray(b, q + 2 * ldb);
        c21.intoArray(b, q + 2 * ldb + L);
        c30.intoArray(b, q + 3 * ldb);
        c31.intoArray(b, q + 3 * ldb + L);
    }

    /** One vector of columns (masked) of {@code rows} consecutive rows: B −= V·W. */
    private static void updateMasked(int rows, int v, int q, int ldb, double[] b, double[] wt, int ct, int ldw,
                                     VectorMask<Double> m) {
        for (int rr = 0; rr < rows; rr++) {
            int qq = q + rr * ldb;
            int vv = v + rr * ldb;
            DoubleVector c = DoubleVector.fromArray(S, b, qq, m);
            for (int k = 0; k < NB; k++) {
                c = DoubleVector.fromArray(S, wt, k * ldw + ct).fma(DoubleVector.broadcast(S, -b[vv + k]), c);
            }
            c.intoArray(b, qq, m);
        }
    }

    /**
     * op(Q)·[C_top; C_bot]: one right-hand side with scalar accumulators per panel (the block is read once per
     * panel, from cache); several right-hand sides column by column.
     */
    static void multiplyQ(Transpose trans, int n, int mb, int nrhs, double[] v, int vOff, int ldv, double[] t,
                          int tOff, double[] top, int topOff, int ldtop, double[] bot, int botOff, int ldbot) {
        int panels = (n + NB - 1) / NB;
        boolean qt = trans == Transpose.TRANSPOSE;
        double[] y = new double[NB];
        if (panels > 1) {
            touch(mb, n, v, vOff, ldv);
        }
        for (int rhs = 0; rhs < nrhs; rhs++) {
            for (int s = 0; s < panels; s++) {
                int p = qt ? s : panels - 1 - s;
                int k0 = p * NB;
                int kb = Math.min(n, k0 + NB) - k0;
                int tp = tOff + p * NB * NB;
                for (int k = 0; k < kb; k++) {
                    y[k] = top[topOff + (k0 + k) * ldtop + rhs];
                }
                if (kb == NB) {
                    panelProduct8(mb, v, vOff + k0, ldv, bot, botOff + rhs, ldbot, y);
                } else {
                    for (int i = 0; i < mb; i++) {
                        double c = bot[botOff + i * ldbot + rhs];
                        for (int k = 0; k < kb; k++) {
                            y[k] += v[vOff + i * ldv + k0 + k] * c;
                        }
                    }
                }
                // y ← op(T)·y with op = ᵀ for Qᵀ.
                if (qt) {
                    for (int i = kb - 1; i >= 0; i--) {
                        double acc = 0;
                        for (int k = 0; k <= i; k++) {
                            acc += t[tp + k * NB + i] * y[k];
                        }
                        y[i] = acc;
                    }
                } else {
                    for (int i = 0; i < kb; i++) {
                        double acc = 0;
                        for (int k = i; k < kb; k++) {
                            acc += t[tp + i * NB + k] * y[k];
                        }
                        y[i] = acc;
                    }
                }
                for (int k = 0; k < kb; k++) {
                    top[topOff + (k0 + k) * ldtop + rhs] -= y[k];
                }
                if (kb == NB) {
                    panelUpdate8(mb, v, vOff + k0, ldv, bot, botOff + rhs, ldbot, y);
                } else {
                    for (int i = 0; i < mb; i++) {
                        double acc = 0;
                        for (int k = 0; k < kb; k++) {
                            acc += v[vOff + i * ldv + k0 + k] * y[k];
                        }
                        bot[botOff + i * ldbot + rhs] -= acc;
                    }
                }
            }
        }
    }

    /** Written so that {@link #touch} is not dead code. */
    static volatile double sink;

    /**
     * Reads the block once, row by row, so that the panel passes that follow (each reading 64 bytes of every row,
     * a stride the prefetcher follows poorly) find it in L2: one streaming read instead of one strided read per
     * panel.
     */
    private static void touch(int mb, int n, double[] v, int vOff, int ldv) {
        double a0 = 0;
        double a1 = 0;
        for (int i = 0; i < mb; i++) {
            int row = vOff + i * ldv;
            for (int c = 0; c < n; c += 16) {
                a0 += v[row + c];
                a1 += v[row + Math.min(n - 1, c + 8)];
            }
        }
        sink = a0 + a1;
    }

    /** y(k) += Σ_i V(i, k)·c_i for a full panel, eight independent accumulators. */
    private static void panelProduct8(int mb, double[] v, int p, int ldv, double[] c, int q, int ldc, double[] y) {
        double y0 = y[0];
        double y1 = y[1];
        double y2 = y[2];
        double y3 = y[3];
        double y4 = y[4];
        double y5 = y[5];
        double y6 = y[6];
        double y7 = y[7];
        for (int i = 0; i < mb; i++, p += ldv, q += ldc) {
            double ci = c[q];
            y0 = Math.fma(v[p], ci, y0);
            y1 = Math.fma(v[p + 1], ci, y1);
            y2 = Math.fma(v[p + 2], ci, y2);
            y3 = Math.fma(v[p + 3], ci, y3);
            y4 = Math.fma(v[p + 4], ci, y4);
            y5 = Math.fma(v[p + 5], ci, y5);
            y6 = Math.fma(v[p + 6], ci, y6);
            y7 = Math.fma(v[p + 7], ci, y7);
        }
        y[0] = y0;
        y[1] = y1;
        y[2] = y2;
        y[3] = y3;
        y[4] = y4;
        y[5] = y5;
        y[6] = y6;
        y[7] = y7;
    }

    /** c_i −= Σ_k V(i, k)·y(k) for a full panel. */
    private static void panelUpdate8(int mb, double[] v, int p, int ldv, double[] c, int q, int ldc, double[] y) {
        double y0 = y[0];
        double y1 = y[1];
        double y2 = y[2];
        double y3 = y[3];
        double y4 = y[4];
        double y5 = y[5];
        double y6 = y[6];
        double y7 = y[7];
        for (int i = 0; i < mb; i++, p += ldv, q += ldc) {
            double s = v[p] * y0 + v[p + 1] * y1 + v[p + 2] * y2 + v[p + 3] * y3
                    + (v[p + 4] * y4 + v[p + 5] * y5 + v[p + 6] * y6 + v[p + 7] * y7);
            c[q] -= s;
        }
    }
}
