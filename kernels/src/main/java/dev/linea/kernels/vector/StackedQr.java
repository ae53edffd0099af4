package dev.linea.kernels.vector;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Backend#qrStacked} with the Vector API: the same reflectors, panels and T factors as the scalar reference
 * (dev.linea.kernels.StackedQr), computed row by row so that every access to the block is contiguous. The contract's
 * panels of {@link Backend#STACKED_QR_PANEL} (32) columns are factored in sub-panels of {@link #IB} (8 or 16) columns:
 * within a sub-panel each reflector costs one pass over the sub-panel's rows, which applies it and forms the next
 * reflector's products {@code w = Bᵀ·v} (also the sub-panel's dlarft products); the rest of the 32-column panel is
 * updated once per sub-panel through the sub-panel's compact-WY form by two register-tiled loops (4 rows × 2
 * vectors). The panel's 32×32 T is then formed from the Gram matrix of its reflectors (dlarft, columnwise), and
 * the trailing columns of the block are updated by two GEMM-shaped products through the packed micro-kernel of
 * {@link PackedProduct}: {@code Wᵀ = R_pᵀ + Bᵀ·V_p},  {@code W ← Tᵀ·W},  {@code R_p −= W},  {@code B −= V_p·W}
 * (depth 32: about 60% of the flops at n = 100). W is formed transposed (nt × 32) so that the micro-kernel's
 * 6 × 2L tiles fit it: 1.08× on the whole kernel on AVX-512, the same bits. Measured on the AVX2 EPYC
 * (docs/least-squares.md), this ran at the rate of the former rank-8 updates, not faster: the products are small
 * (32 × ≤ 68 at depth 328 with AVX2's blocks) and the sub-panels' level-2 passes remain. On the AVX-512 EPYC
 * (Zen 4; 984-row blocks there, {@link VectorBackend#stackedQrBlockDoubles}) one 984×100 block took about
 * 1.1 ms, 17–18 GFLOP/s, split as: sub-panel level-2 passes 30%, their rank-IB updates 7%, G and Wᵀ 31%,
 * Tᵀ·W and {@code B −= V_p·W} 30%; with the half-width last tile of {@link MicroKernel#tileHalf} (nt = 68, 36, 4
 * end in 4 columns) 0.95 ms, 20.8 GFLOP/s (bench/results/2026-12-08-qr8).
 */
final class StackedQr {
    /** The level-3 kernels' species ({@link Panels#S}: a test may force its width), which the products here use. */
    private static final VectorSpecies<Double> S = Panels.S;
    private static final int L = Panels.L;
    private static final int NB = Backend.STACKED_QR_PANEL;
    /**
     * Width of the sub-panels factored with level-2 passes and rank-IB updates inside a panel of {@link #NB}: two
     * vectors (8 columns on AVX2, 16 on AVX-512), the width at which the pass applying a reflector also forms the
     * next one's products ({@link #panelUpdateFused}).
     */
    private static final int IB = Math.min(NB, 2 * L);

    private StackedQr() {
    }

    static void factor(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                       double[] t, int tOff) {
        double[] w = new double[IB];
        int ldw = (NB - IB + 2 * L - 1) / (2 * L) * (2 * L);
        double[] wt = new double[IB * ldw];
        double[] tsub = new double[IB * IB];
        double[] sq = new double[IB];
        double[] wc = new double[IB];
        // Wᵀ of a panel's trailing update (one row of NB per trailing column) and G, its reflectors' Gram matrix.
        int ntMax = Math.max(0, n - NB);
        double[] g = new double[NB * NB];
        double[] big = new double[ntMax * NB];
        double[] big2 = new double[ntMax * NB];
        if (n > IB) {
            touch(mb, n, b, bOff, ldb);
        }
        for (int p0 = 0; p0 < n; p0 += NB) {
            int p1 = Math.min(n, p0 + NB);
            int tp = tOff + (p0 / NB) * NB * NB;
            java.util.Arrays.fill(t, tp, tp + NB * NB, 0.0);
            for (int k0 = p0; k0 < p1; k0 += IB) {
                int k1 = Math.min(p1, k0 + IB);
                java.util.Arrays.fill(tsub, 0.0);
                subPanel(k0, k1, mb, r, rOff, ldr, b, bOff, ldb, tsub, w, sq, wc);
                for (int j = k0; j < k1; j++) {
                    t[tp + (j - p0) * (NB + 1)] = tsub[(j - k0) * (IB + 1)];
                }
                if (k1 < p1) {
                    trailing(k0, k1, p1, mb, r, rOff, ldr, b, bOff, ldb, tsub, wt, ldw);
                }
            }
            panelProducts32(p0, p1, n, mb, r, rOff, ldr, b, bOff, ldb, g, big);
            panelT(p0, p1, t, tp, g);
            if (p1 < n) {
                panelTrailing(p0, p1, n, mb, r, rOff, ldr, b, bOff, ldb, t, tp, big, big2);
            }
        }
    }

    /**
     * Factors the sub-panel k0…k1−1 (at most {@link #IB} columns) of [R; B], its T in tsub (row stride IB), as the
     * reference does column by column; the columns after k1 are not touched.
     */
    private static void subPanel(int k0, int k1, int mb, double[] r, int rOff, int ldr, double[] b, int bOff,
                                 int ldb, double[] tsub, double[] w, double[] sq, double[] wc) {
        panelSquares(k0, k1, mb, b, bOff, ldb, sq);
        // With a full sub-panel of two vectors, the pass that applies H_j also forms the next reflector's products
        // (w for j + 1): one pass over the sub-panel per reflector instead of two.
        boolean fuse = k1 - k0 == IB && IB == 2 * L;
        boolean haveW = false;
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
                // Tiny or huge entries: the careful (scaled) norm, and the column scaled in place (so products
                // formed with the unscaled column no longer apply).
                tau = reflector(j, mb, r, rjj, b, bOff, ldb);
                scale = 1;
                haveW = false;
            }
            if (!haveW) {
                panelProducts(j, k0, k1, mb, b, bOff, ldb, w);
            }
            for (int c = 0; c < IB; c++) {
                w[c] *= scale;
            }
            for (int i = 0; i < jj; i++) {
                double s = 0;
                for (int c = i; c < jj; c++) {
                    s += tsub[i * IB + c] * w[c];
                }
                tsub[i * IB + jj] = -tau * s;
            }
            tsub[jj * IB + jj] = tau;
            haveW = false;
            if (tau != 0) {
                java.util.Arrays.fill(wc, 0.0);
                for (int c = j + 1; c < k1; c++) {
                    wc[c - k0] = tau * (r[rOff + j * ldr + c] + w[c - k0]);
                    r[rOff + j * ldr + c] -= wc[c - k0];
                }
                if (fuse && j + 1 < k1) {
                    panelUpdateFused(j, k0, mb, scale, b, bOff, ldb, wc, sq, w);
                    haveW = true;
                } else {
                    panelUpdate(j, k0, k1, mb, scale, b, bOff, ldb, wc, sq);
                }
            }
        }
    }

    /**
     * {@link #panelUpdate} for a full sub-panel of two vectors (IB = 2L), which also forms the next reflector's
     * products: after the pass, u(c) = Σ_i B'(i, j + 1)·B'(i, c) over the sub-panel's columns with B' the updated
     * block (v_j in column j), the w that {@link #panelProducts} would compute for j + 1 before its scaling.
     */
    private static void panelUpdateFused(int j, int k0, int mb, double scale, double[] b, int bOff, int ldb,
                                         double[] wc, double[] sq, double[] u) {
        DoubleVector wv0 = DoubleVector.fromArray(S, wc, 0);
        DoubleVector wv1 = DoubleVector.fromArray(S, wc, L);
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = DoubleVector.zero(S);
        DoubleVector u0 = DoubleVector.zero(S);
        DoubleVector u1 = DoubleVector.zero(S);
        int p = bOff + k0;
        int pj = bOff + j;
        int pn = bOff + j + 1;
        for (int i = 0; i < mb; i++, p += ldb, pj += ldb, pn += ldb) {
            double v = b[pj] * scale;
            // Columns ≤ j get wc = 0: x − v·0 = x (column j still unscaled here, v stored after).
            DoubleVector x0 = wv0.mul(-v).add(DoubleVector.fromArray(S, b, p));
            DoubleVector x1 = wv1.mul(-v).add(DoubleVector.fromArray(S, b, p + L));
            x0.intoArray(b, p);
            x1.intoArray(b, p + L);
            b[pj] = v;
            DoubleVector next = DoubleVector.broadcast(S, b[pn]);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
            u0 = x0.fma(next, u0);
            u1 = x1.fma(next, u1);
        }
        double[] tmp = new double[IB];
        s0.intoArray(tmp, 0);
        s1.intoArray(tmp, L);
        for (int c = j + 1 - k0; c < IB; c++) {
            sq[c] = tmp[c];
        }
        u0.intoArray(u, 0);
        u1.intoArray(u, L);
        u[j - k0] *= scale; // column j entered the products unscaled
    }

    /**
     * G ← V_pᵀ·V_p (lower triangle, row stride NB), the Gram matrix of the panel p0…p1−1's reflectors (their lower
     * parts: the top parts are distinct unit vectors, orthogonal), and Wᵀ ← R(p0:p1, p1:n)ᵀ + B(:, p1:n)ᵀ·V_p
     * (wt, nt×NB, row stride NB), each one product of depth mb through the packed micro-kernel. W is formed
     * transposed because the micro-kernel's tiles are 6 rows × 2L columns: W's 32 rows × nt columns leave a partial
     * strip (36 rows computed) and a partial column tile at nt = 68, 36, 4 (n = 100: 80, 48, 16 columns computed on
     * AVX-512, 1.5× the work), Wᵀ's nt rows × 32 columns only a partial strip (1.06×). Each entry is the same FMA
     * chain over the rows in the same order either way: the same bits.
     */
    private static void panelProducts32(int p0, int p1, int n, int mb, double[] r, int rOff, int ldr, double[] b,
                                        int bOff, int ldb, double[] g, double[] wt) {
        int kb = p1 - p0;
        int nt = n - p1;
        java.util.Arrays.fill(g, 0.0);
        for (int k = 0; k < kb; k++) {
            int rr = rOff + (p0 + k) * ldr + p1;
            for (int c = 0; c < nt; c++) {
                wt[c * NB + k] = r[rr + c];
            }
        }
        if (mb > 0 && kb > 1) {
            PackedProduct.multiply(true, kb, kb, mb, 1.0, b, bOff + p0, ldb, true, null, 0, b, bOff + p0, ldb,
                    false, true, g, 0, NB);
        }
        if (mb > 0 && nt > 0) {
            PackedProduct.multiply(false, nt, kb, mb, 1.0, b, bOff + p1, ldb, true, null, 0, b, bOff + p0, ldb,
                    false, false, wt, 0, NB);
        }
    }

    /**
     * The panel's T (dlarft, forward, columnwise) from G (lower triangle): T(0:j, j) = −τ_j·T(0:j, 0:j)·G(0:j, j),
     * with the τ already on T's diagonal.
     */
    private static void panelT(int p0, int p1, double[] t, int tp, double[] g) {
        int kb = p1 - p0;
        for (int j = 1; j < kb; j++) {
            double tau = t[tp + j * NB + j];
            for (int i = 0; i < j; i++) {
                double s = 0;
                for (int c = i; c < j; c++) {
                    s += t[tp + i * NB + c] * g[j * NB + c];
                }
                t[tp + i * NB + j] = -tau * s;
            }
        }
    }

    /**
     * The trailing columns p1…n−1 of [R; B] ← (I − V·T·Vᵀ)ᵀ·[R; B] for the full panel p0…p1−1 ({@link #NB}
     * columns), Wᵀ = (R_p + V_pᵀ·B)ᵀ already in wt (row stride NB): W2ᵀ = Wᵀ·T (into w2t), R_p −= W2, and
     * B −= V_p·W2 as a product of depth NB through the packed micro-kernel (W2 read through its transpose).
     */
    private static void panelTrailing(int p0, int p1, int n, int mb, double[] r, int rOff, int ldr, double[] b,
                                      int bOff, int ldb, double[] t, int tp, double[] wt, double[] w2t) {
        int kb = p1 - p0;
        int nt = n - p1;
        // W2ᵀ(c, i) = Σ_{k ≤ i} Wᵀ(c, k)·T(k, i), summed over k in increasing order as one FMA chain: each vector
        // of i takes T's rows k up to its last i (T is zero below its diagonal, so the extra terms are exact zeros).
        for (int c = 0; c < nt; c++) {
            int row = c * NB;
            for (int s = 0; s < kb; s += L) {
                DoubleVector acc = DoubleVector.zero(S);
                int kEnd = Math.min(kb, s + L);
                for (int k = 0; k < kEnd; k++) {
                    acc = DoubleVector.fromArray(S, t, tp + k * NB + s).fma(DoubleVector.broadcast(S, wt[row + k]),
                            acc);
                }
                acc.intoArray(w2t, row + s);
            }
        }
        for (int k = 0; k < kb; k++) {
            int rr = rOff + (p0 + k) * ldr + p1;
            for (int c = 0; c < nt; c++) {
                r[rr + c] -= w2t[c * NB + k];
            }
        }
        if (mb > 0) {
            PackedProduct.multiply(false, mb, nt, kb, -1.0, b, bOff + p0, ldb, false, null, 0, w2t, 0, NB,
                    true, false, b, bOff + p1, ldb);
        }
    }

    /** sq(c) = Σ_i B(i, k0 + c)² over the panel's columns. */
    private static void panelSquares(int k0, int k1, int mb, double[] b, int bOff, int ldb, double[] sq) {
        for (int s = 0; s < IB; s += L) {
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
            a0.intoArray(sq, s, S.indexInRange(s, IB));
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
        for (int s = 0; s < IB; s += L) {
            int c0 = k0 + s;
            if (c0 >= k1) {
                for (int c = s; c < Math.min(IB, s + L); c++) {
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
                // Four independent chains: the FMA's latency, not its throughput, bounds one chain.
                DoubleVector a2 = DoubleVector.zero(S);
                DoubleVector a3 = DoubleVector.zero(S);
                for (; i + 3 < mb; i += 4, p += 4 * ldb, pj += 4 * ldb) {
                    a0 = DoubleVector.fromArray(S, b, p).fma(DoubleVector.broadcast(S, b[pj]), a0);
                    a1 = DoubleVector.fromArray(S, b, p + ldb).fma(DoubleVector.broadcast(S, b[pj + ldb]), a1);
                    a2 = DoubleVector.fromArray(S, b, p + 2 * ldb).fma(DoubleVector.broadcast(S, b[pj + 2 * ldb]),
                            a2);
                    a3 = DoubleVector.fromArray(S, b, p + 3 * ldb).fma(DoubleVector.broadcast(S, b[pj + 3 * ldb]),
                            a3);
                }
                for (; i < mb; i++, p += ldb, pj += ldb) {
                    a0 = DoubleVector.fromArray(S, b, p).fma(DoubleVector.broadcast(S, b[pj]), a0);
                }
                a0 = a0.add(a2);
                a1 = a1.add(a3);
            } else {
                VectorMask<Double> m = S.indexInRange(c0, k1);
                for (; i < mb; i++, p += ldb, pj += ldb) {
                    a0 = DoubleVector.fromArray(S, b, p, m).fma(DoubleVector.broadcast(S, b[pj]), a0);
                }
            }
            a0.add(a1).intoArray(w, s, S.indexInRange(s, IB));
        }
    }

    /**
     * Applies H_j to the panel's columns after j: B(i, c) −= v_i·wc(c) with v_i = scale·B(i, j), and stores v_i in
     * B(i, j); sq(c) ← Σ_i B(i, c)² of the updated columns (the next columns' norms, without a pass of their own).
     */
    private static void panelUpdate(int j, int k0, int k1, int mb, double scale, double[] b, int bOff, int ldb,
                                    double[] wc, double[] sq) {
        boolean scaled = false;
        for (int s = 0; s < IB; s += L) {
            int c0 = k0 + s;
            if (c0 + L <= j + 1 || c0 >= k1) {
                continue; // no column after j in this segment
            }
            VectorMask<Double> m = S.indexInRange(c0, k1);
            DoubleVector wv = DoubleVector.fromArray(S, wc, s, S.indexInRange(s, IB));
            DoubleVector acc = DoubleVector.zero(S);
            int p = bOff + c0;
            int pj = bOff + j;
            boolean storeV = !scaled;
            double sc = storeV ? scale : 1; // a later segment reads B(:, j) already scaled
            // Columns ≤ j get wc = 0: x − v·0 = x, so the store leaves them unchanged; v goes in afterwards.
            if (c0 + L <= k1) {
                // Rows in pairs, two chains of squares: the accumulation's latency bounds a single chain.
                DoubleVector acc1 = DoubleVector.zero(S);
                int i = 0;
                for (; i + 1 < mb; i += 2, p += 2 * ldb, pj += 2 * ldb) {
                    double v0 = b[pj] * sc;
                    DoubleVector x0 = wv.mul(-v0).add(DoubleVector.fromArray(S, b, p));
                    x0.intoArray(b, p);
                    acc = x0.fma(x0, acc);
                    if (storeV) {
                        b[pj] = v0;
                    }
                    double v1 = b[pj + ldb] * sc;
                    DoubleVector x1 = wv.mul(-v1).add(DoubleVector.fromArray(S, b, p + ldb));
                    x1.intoArray(b, p + ldb);
                    acc1 = x1.fma(x1, acc1);
                    if (storeV) {
                        b[pj + ldb] = v1;
                    }
                }
                for (; i < mb; i++, p += ldb, pj += ldb) {
                    double v = b[pj] * sc;
                    DoubleVector x = wv.mul(-v).add(DoubleVector.fromArray(S, b, p));
                    x.intoArray(b, p);
                    acc = x.fma(x, acc);
                    if (storeV) {
                        b[pj] = v;
                    }
                }
                acc = acc.add(acc1);
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
            for (int c = 0; c < L && s + c < IB; c++) {
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
     * The columns k1…n−1 of [R; B] ← (I − V·T·Vᵀ)ᵀ·[R; B] for the full sub-panel k0…k1−1 ({@link #IB}
     * columns; n is the end of the enclosing panel), T in tsub (row stride IB). wt: IB rows of stride ldw (a
     * multiple of 2L, zero padding beyond the nt columns).
     */
    private static void trailing(int k0, int k1, int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff,
                                 int ldb, double[] tsub, double[] wt, int ldw) {
        int nt = n - k1;
        java.util.Arrays.fill(wt, 0.0);
        for (int kg = 0; kg < IB; kg += 4) {
            int ct = 0;
            for (; ct + 2 * L <= nt; ct += 2 * L) {
                accumulate(mb, b, bOff + k0 + kg, bOff + k1 + ct, ldb, wt, kg * ldw + ct, ldw);
            }
            if (ct < nt) {
                accumulateMasked(mb, b, bOff + k0 + kg, bOff + k1 + ct, ldb, k1 + ct, n, wt, kg * ldw + ct, ldw);
            }
        }
        for (int k = 0; k < IB; k++) {
            int rr = rOff + (k0 + k) * ldr + k1;
            for (int c = 0; c < nt; c++) {
                wt[k * ldw + c] += r[rr + c];
            }
        }
        // W ← Tᵀ·W, bottom-up (row i needs rows k ≤ i).
        for (int i = IB - 1; i >= 0; i--) {
            for (int c = 0; c < nt; c++) {
                double s = 0;
                for (int k = 0; k <= i; k++) {
                    s += tsub[k * IB + i] * wt[k * ldw + c];
                }
                wt[i * ldw + c] = s;
            }
        }
        for (int k = 0; k < IB; k++) {
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

    /** Rows at row…row+3·ldb: B(i, ct…ct+2L) −= Σ_k V(i, k)·W(k, ct…ct+2L) over the sub-panel's IB columns. */
    private static void update4(int v, int q, int ldb, double[] b, double[] wt, int ct, int ldw) {
        DoubleVector c00 = DoubleVector.fromArray(S, b, q);
        DoubleVector c01 = DoubleVector.fromArray(S, b, q + L);
        DoubleVector c10 = DoubleVector.fromArray(S, b, q + ldb);
        DoubleVector c11 = DoubleVector.fromArray(S, b, q + ldb + L);
        DoubleVector c20 = DoubleVector.fromArray(S, b, q + 2 * ldb);
        DoubleVector c21 = DoubleVector.fromArray(S, b, q + 2 * ldb + L);
        DoubleVector c30 = DoubleVector.fromArray(S, b, q + 3 * ldb);
        DoubleVector c31 = DoubleVector.fromArray(S, b, q + 3 * ldb + L);
        for (int k = 0; k < IB; k++) {
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
            for (int k = 0; k < IB; k++) {
                c = DoubleVector.fromArray(S, wt, k * ldw + ct).fma(DoubleVector.broadcast(S, -b[vv + k]), c);
            }
            c.intoArray(b, qq, m);
        }
    }

    /**
     * op(Q)·[C_top; C_bot], one right-hand side at a time: per panel, y = C_top(panel) + V_pᵀ·c and
     * c −= V_p·(op(T)·y), each a pass along the panel's rows (256 contiguous bytes a row) with vector accumulators.
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
                java.util.Arrays.fill(y, 0.0);
                for (int k = 0; k < kb; k++) {
                    y[k] = top[topOff + (k0 + k) * ldtop + rhs];
                }
                panelProduct(kb, mb, v, vOff + k0, ldv, bot, botOff + rhs, ldbot, y);
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
                panelApply(kb, mb, v, vOff + k0, ldv, bot, botOff + rhs, ldbot, y);
            }
        }
    }

    /** Written so that {@link #touch} is not dead code. */
    static volatile double sink;

    /**
     * Reads the block once, row by row, so that the panel passes that follow (each reading part of every row, a
     * stride the prefetcher follows poorly) find it in L2: one streaming read instead of one strided read per
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

    /** y(k) += Σ_i V(i, k)·c_i for k &lt; kb ≤ NB (y has NB entries): four vectors of columns per pass. */
    private static void panelProduct(int kb, int mb, double[] v, int p, int ldv, double[] c, int q, int ldc,
                                     double[] y) {
        for (int g = 0; g < kb; g += 4 * L) {
            if (g + 4 * L > kb) {
                panelProductMasked(g, kb, mb, v, p, ldv, c, q, ldc, y);
                continue;
            }
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = DoubleVector.zero(S);
            DoubleVector a2 = DoubleVector.zero(S);
            DoubleVector a3 = DoubleVector.zero(S);
            int pp = p + g;
            int qq = q;
            for (int i = 0; i < mb; i++, pp += ldv, qq += ldc) {
                DoubleVector ci = DoubleVector.broadcast(S, c[qq]);
                a0 = DoubleVector.fromArray(S, v, pp).fma(ci, a0);
                a1 = DoubleVector.fromArray(S, v, pp + L).fma(ci, a1);
                a2 = DoubleVector.fromArray(S, v, pp + 2 * L).fma(ci, a2);
                a3 = DoubleVector.fromArray(S, v, pp + 3 * L).fma(ci, a3);
            }
            a0.add(DoubleVector.fromArray(S, y, g)).intoArray(y, g);
            a1.add(DoubleVector.fromArray(S, y, g + L)).intoArray(y, g + L);
            a2.add(DoubleVector.fromArray(S, y, g + 2 * L)).intoArray(y, g + 2 * L);
            a3.add(DoubleVector.fromArray(S, y, g + 3 * L)).intoArray(y, g + 3 * L);
        }
    }

    /** {@link #panelProduct}'s last, partial group of columns g…kb−1 (a partial panel), scalar. */
    private static void panelProductMasked(int g, int kb, int mb, double[] v, int p, int ldv, double[] c, int q,
                                           int ldc, double[] y) {
        for (int k = g; k < kb; k++) {
            double acc = 0;
            for (int i = 0, pp = p + k, qq = q; i < mb; i++, pp += ldv, qq += ldc) {
                acc = Math.fma(v[pp], c[qq], acc);
            }
            y[k] += acc;
        }
    }

    /** c_i −= Σ_k V(i, k)·y(k) for k &lt; kb ≤ NB (y zero beyond kb): four vectors of columns per pass. */
    private static void panelApply(int kb, int mb, double[] v, int p, int ldv, double[] c, int q, int ldc,
                                   double[] y) {
        for (int g = 0; g < kb; g += 4 * L) {
            if (g + 4 * L > kb) {
                panelApplyMasked(g, kb, mb, v, p, ldv, c, q, ldc, y);
                continue;
            }
            DoubleVector y0 = DoubleVector.fromArray(S, y, g);
            DoubleVector y1 = DoubleVector.fromArray(S, y, g + L);
            DoubleVector y2 = DoubleVector.fromArray(S, y, g + 2 * L);
            DoubleVector y3 = DoubleVector.fromArray(S, y, g + 3 * L);
            int pp = p + g;
            int qq = q;
            for (int i = 0; i < mb; i++, pp += ldv, qq += ldc) {
                DoubleVector s0 = DoubleVector.fromArray(S, v, pp).mul(y0);
                DoubleVector s1 = DoubleVector.fromArray(S, v, pp + L).mul(y1);
                s0 = DoubleVector.fromArray(S, v, pp + 2 * L).fma(y2, s0);
                s1 = DoubleVector.fromArray(S, v, pp + 3 * L).fma(y3, s1);
                c[qq] -= s0.add(s1).reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /** {@link #panelApply}'s last, partial group of columns g…kb−1 (a partial panel), scalar. */
    private static void panelApplyMasked(int g, int kb, int mb, double[] v, int p, int ldv, double[] c, int q,
                                         int ldc, double[] y) {
        for (int i = 0, pp = p, qq = q; i < mb; i++, pp += ldv, qq += ldc) {
            double acc = 0;
            for (int k = g; k < kb; k++) {
                acc = Math.fma(v[pp + k], y[k], acc);
            }
            c[qq] -= acc;
        }
    }
}
