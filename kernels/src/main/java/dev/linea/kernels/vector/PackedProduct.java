package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C ← C + α·P·Q} on row-major storage, the one level-3 loop nest behind Gram, GEMM, Cholesky's trailing
 * update and the blocked triangular solves. BLIS decomposition, with the loops arranged for row-major C: the summed
 * dimension is cut into blocks of at most {@link #KC}; for each, Q's kc×n block and P's kc×m block are packed once
 * into {@link Panels} (in L3); Q is then taken {@link #JB} columns at a time (in L2), and for each 6-row strip of P
 * (in L1) the {@link MicroKernel} runs along the strip's row of 6×2L tiles, so that C is updated along its rows.
 *
 * <p>P = op(A) is m×k and Q = op(B) is k×n, each given by its row-major storage and a transpose flag; P may be
 * scaled along the summed dimension (the weights of a weighted Gram, applied while packing). With {@code lower}
 * only entries j ≤ i of C are computed and written (a symmetric result computed once); the others are not touched.
 * With {@code shared}, P = Qᵀ is the same data (Gram, SYRK): it is packed once and both roles read that one
 * buffer.
 */
final class PackedProduct {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;
    static final int MR = MicroKernel.MR;
    static final int NR = MicroKernel.NR;
    /**
     * Largest block of the summed dimension (blocks are balanced below it). A 6-row strip of P spans two panels,
     * 2·KC·L doubles (24 KiB on AVX2), which must stay in L1 while the Q block streams past it; measured on AVX2
     * (Zen 3): 384 beat 256 (more passes over C) and 512 (the strip no longer fits beside the stream).
     */
    static final int KC = 384;
    /** Columns of Q per L2 block: KC·JB doubles (384 KiB on AVX2) stay in L2 while the strips of P pass over them. */
    static final int JB = 128;
    /** Rows of P packed at once (packed P: KC·MC doubles, in L3). */
    static final int MC = 4096;
    /** Columns of Q packed at once (packed Q: KC·NC doubles, in L3). */
    static final int NC = 4096;

    private PackedProduct() {
    }

    /**
     * C(i, j) += α·Σ_{p&lt;k} P(i, p)·Q(p, j) for i &lt; m, j &lt; n (j ≤ i only when {@code lower}), where
     * P(i, p) = s_p·(transA ? A(p, i) : A(i, p)) (s = 1 when null) and Q(p, j) = transB ? B(j, p) : B(p, j).
     * With {@code shared} (requires m = n, no scale), P is taken to be Qᵀ and is not packed separately.
     */
    static void multiply(boolean lower, int m, int n, int k, double alpha,
                         double[] a, int aOff, int lda, boolean transA, double[] s, int sOff,
                         double[] b, int bOff, int ldb, boolean transB, boolean shared,
                         double[] c, int cOff, int ldc) {
        multiply(lower, m, n, k, alpha, a, aOff, lda, transA, s, sOff, b, bOff, ldb, transB, shared, c, cOff, ldc,
                Workspace.ofThisThread());
    }

    /**
     * Packing buffers, grown on demand and reused by the calls of one thread. Each thread has its own (backends are
     * called from many threads at once), held softly so that a thread that once packed a large matrix does not keep
     * the memory against the collector's need; without reuse, a GEMM of n = 1000 allocated and zeroed 5 MB per call.
     */
    static final class Workspace {
        private static final ThreadLocal<java.lang.ref.SoftReference<Workspace>> MINE = new ThreadLocal<>();

        /** This thread's workspace. Callers must not hold it across a call that may take it again (no nesting). */
        static Workspace ofThisThread() {
            java.lang.ref.SoftReference<Workspace> ref = MINE.get();
            Workspace ws = ref == null ? null : ref.get();
            if (ws == null) {
                ws = new Workspace();
                MINE.set(new java.lang.ref.SoftReference<>(ws));
            }
            return ws;
        }

        private double[] q = new double[0];
        private double[] p = new double[0];
        private double[] leaf = new double[0];
        private double[] panel = new double[0];
        final double[] tile = new double[MR * NR];

        double[] q(int size) {
            if (q.length < size) {
                q = new double[size];
            }
            return q;
        }

        /** Cholesky's transposed panel. */
        double[] panel(int size) {
            if (panel.length < size) {
                panel = new double[size];
            }
            return panel;
        }

        /** Scratch of {@link TriangularSolveLeaf} (a strip of solved rows, the triangle). */
        double[] leaf(int size) {
            if (leaf.length < size) {
                leaf = new double[size];
            }
            return leaf;
        }

        double[] p(int size) {
            if (p.length < size) {
                p = new double[size];
            }
            return p;
        }
    }

    /** As {@link #multiply(boolean, int, int, int, double, double[], int, int, boolean, double[], int, double[],
     * int, int, boolean, boolean, double[], int, int)}, packing into {@code ws}. */
    static void multiply(boolean lower, int m, int n, int k, double alpha,
                         double[] a, int aOff, int lda, boolean transA, double[] s, int sOff,
                         double[] b, int bOff, int ldb, boolean transB, boolean shared,
                         double[] c, int cOff, int ldc, Workspace ws) {
        multiply(lower, m, n, k, alpha, a, aOff, lda, transA, s, sOff, b, bOff, ldb, transB, shared, null,
                c, cOff, ldc, ws);
    }

    /**
     * An affine map applied to the columns of a Gram operand while it is packed ({@link Panels#packRowsAffine}):
     * X(p, j) ↦ (X(p, j) − shift_j)·scale_j; either array may be null (zeros, ones).
     */
    record Affine(double[] shift, int shiftOff, double[] scale, int scaleOff) {
    }

    /**
     * As above with an {@link Affine} map on the columns of both operands (null: none). Only the Gram form is
     * supported with a map ({@code transA} and not {@code transB}: both operands packed by rows, A's columns and B's
     * columns the same columns).
     */
    static void multiply(boolean lower, int m, int n, int k, double alpha,
                         double[] a, int aOff, int lda, boolean transA, double[] s, int sOff,
                         double[] b, int bOff, int ldb, boolean transB, boolean shared, Affine affine,
                         double[] c, int cOff, int ldc, Workspace ws) {
        multiply(lower, m, n, k, alpha, a, aOff, lda, transA, s, sOff, b, bOff, ldb, transB, shared, affine, false,
                c, cOff, ldc, ws);
    }

    /**
     * {@code C ← α·op(A)·op(B)}, C m×n overwritten (GEMM with β = 0, no triangle, no scale, no sharing; k &gt; 0):
     * the first block of the summed dimension stores its tiles instead of adding them, so C is neither cleared
     * beforehand nor read in that pass (one pass over C fewer: 2% of a GEMM of n = 1000, whose C is 8 MB). Each
     * value is rounded exactly as clearing C to +0 and then adding α·tile would round it (so −0 becomes +0 there
     * too).
     */
    static void multiplyOverwrite(int m, int n, int k, double alpha, double[] a, int aOff, int lda, boolean transA,
                                  double[] b, int bOff, int ldb, boolean transB, double[] c, int cOff, int ldc) {
        if (k == 0) {
            throw new IllegalStateException("an overwriting product needs k > 0 (internal misuse)");
        }
        multiply(false, m, n, k, alpha, a, aOff, lda, transA, null, 0, b, bOff, ldb, transB, false, null, true,
                c, cOff, ldc, Workspace.ofThisThread());
    }

    private static void multiply(boolean lower, int m, int n, int k, double alpha,
                                 double[] a, int aOff, int lda, boolean transA, double[] s, int sOff,
                                 double[] b, int bOff, int ldb, boolean transB, boolean shared, Affine affine,
                                 boolean overwrite, double[] c, int cOff, int ldc, Workspace ws) {
        if (affine != null && (!transA || transB)) {
            throw new IllegalStateException("an affine map is only applied to a Gram's operands (internal misuse)");
        }
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        int kcMax = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC); // balanced: 500 = 250 + 250, not 384 + 116
        int ncMax = shared ? n : Math.min(NC, n);
        int mcMax = shared ? m : Math.min(MC, m);
        int strideMax = Panels.stride(kcMax);
        double[] qbuf = ws.q(Panels.pairedPanels(ncMax) * strideMax);
        double[] pbuf = shared ? null : ws.p(((mcMax + L - 1) / L) * strideMax);
        double[] tile = ws.tile;
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            int qPanels = Panels.pairedPanels(nc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                int stride = Panels.stride(kc);
                if (transB) {
                    Panels.packColumns(kc, nc, b, bOff + jc * ldb + pc, ldb, null, 0, qbuf, qPanels, stride);
                } else if (affine != null) {
                    Panels.packRowsAffine(kc, nc, b, bOff + pc * ldb + jc, ldb, null, 0, affine.shift(),
                            affine.shiftOff() + jc, affine.scale(), affine.scaleOff() + jc, qbuf, qPanels, stride);
                } else {
                    Panels.packRows(kc, nc, b, bOff + pc * ldb + jc, ldb, null, 0, qbuf, qPanels, stride);
                }
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    if (lower && jc > ic + mc - 1) {
                        continue;
                    }
                    double[] pb = qbuf;
                    int pBase = ic - jc; // shared: P's row i is Q's column i (jc = 0)
                    if (!shared) {
                        int pPanels = (mc + L - 1) / L;
                        if (transA && affine != null) {
                            Panels.packRowsAffine(kc, mc, a, aOff + pc * lda + ic, lda, s, sOff + pc,
                                    affine.shift(), affine.shiftOff() + ic, affine.scale(), affine.scaleOff() + ic,
                                    pbuf, pPanels, stride);
                        } else if (transA) {
                            Panels.packRows(kc, mc, a, aOff + pc * lda + ic, lda, s, sOff + pc, pbuf, pPanels,
                                    stride);
                        } else {
                            Panels.packColumns(kc, mc, a, aOff + ic * lda + pc, lda, s, sOff + pc, pbuf, pPanels,
                                    stride);
                        }
                        pb = pbuf;
                        pBase = 0;
                    }
                    for (int jb = 0; jb < nc; jb += JB) {
                        int jbEnd = Math.min(nc, jb + JB);
                        block(lower, ic, mc, jc, jb, jbEnd, nc, kc, stride, qbuf, pb, pBase, alpha,
                                overwrite && pc == 0, c, cOff, ldc, tile);
                    }
                }
            }
        }
    }

    /**
     * Every tile of C in rows ic…ic+mc−1 and packed columns jb…jbEnd−1 (of the block at jc), from packed Q (qbuf)
     * and P (pb, row ic at pBase). Strips of 6 rows outside, column pairs inside: the strip's P values stay in L1,
     * the Q block in L2, and C is written along its rows.
     */
    private static void block(boolean lower, int ic, int mc, int jc, int jb, int jbEnd, int nc, int kc, int stride,
                              double[] qbuf, double[] pb, int pBase, double alpha, boolean set, double[] c,
                              int cOff, int ldc, double[] tile) {
        // With α = 1 (or −1 when adding), whole tiles go straight into C: measured on AVX2 (Zen 3), alternating in
        // one JVM, 1.5–3% on Gram 10⁴×1000 and GEMM 1000 and up to 10% where kc is small (Gram 500×500, the
        // products of Cholesky's panel solves), against the round trip through the tile array.
        int mode = alpha == 1 ? (set ? MicroKernel.SET : MicroKernel.ADD)
                : alpha == -1 && !set ? MicroKernel.SUBTRACT : -1;
        int ir0 = 0;
        if (lower && jc + jb > ic) {
            ir0 = ((jc + jb - ic) / MR) * MR; // strips entirely above the block's first column have nothing
        }
        for (int ir = ir0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int i0 = ic + ir;
            int last = pBase + ir + rows - 1;
            int r0 = pOff(pBase + ir, stride);
            int r1 = pOff(Math.min(pBase + ir + 1, last), stride);
            int r2 = pOff(Math.min(pBase + ir + 2, last), stride);
            int r3 = pOff(Math.min(pBase + ir + 3, last), stride);
            int r4 = pOff(Math.min(pBase + ir + 4, last), stride);
            int r5 = pOff(Math.min(pBase + ir + 5, last), stride);
            int jEnd = lower ? Math.min(jbEnd, i0 + rows - jc) : jbEnd;
            // Tiles wholly inside C (and, when lower, wholly on or below the diagonal) may go straight into C.
            int jWhole = rows < MR ? -1 : Math.min(nc - NR, lower ? i0 + 1 - NR - jc : nc);
            for (int jr = jb; jr < jEnd; jr += NR) {
                int q0 = (jr / L) * stride;
                if (mode >= 0 && jr <= jWhole) {
                    MicroKernel.tileInto(kc, qbuf, q0, q0 + stride, pb, r0, r1, r2, r3, r4, r5, mode, c,
                            cOff + i0 * ldc + jc + jr, ldc);
                } else if (nc - jr <= L) {
                    // At most L columns left: the tile's right half would be discarded.
                    MicroKernel.tileHalf(kc, qbuf, q0, pb, r0, r1, r2, r3, r4, r5, tile);
                    store(tile, rows, nc - jr, lower, i0, jc + jr, alpha, set, c, cOff, ldc);
                } else {
                    MicroKernel.tile(kc, qbuf, q0, q0 + stride, pb, r0, r1, r2, r3, r4, r5, tile);
                    store(tile, rows, Math.min(NR, nc - jr), lower, i0, jc + jr, alpha, set, c, cOff, ldc);
                }
            }
        }
    }

    /** Offset of packed row i's first value (p = 0). */
    private static int pOff(int i, int stride) {
        return (i / L) * stride + (i % L);
    }

    /**
     * C(i0 + r, j0 + t) += α·tile[r][t] for r &lt; rows, t &lt; cols (and j ≤ i when lower); with {@code set},
     * C(i0 + r, j0 + t) = 0 + α·tile[r][t] (the old C is not read).
     */
    private static void store(double[] tile, int rows, int cols, boolean lower, int i0, int j0, double alpha,
                              boolean set, double[] c, int cOff, int ldc) {
        DoubleVector av = DoubleVector.broadcast(S, alpha);
        for (int r = 0; r < rows; r++) {
            int cnt = lower ? Math.min(cols, i0 + r - j0 + 1) : cols;
            if (cnt <= 0) {
                continue;
            }
            int ci = cOff + (i0 + r) * ldc + j0;
            int t = r * NR;
            if (cnt == NR && set) {
                DoubleVector zero = DoubleVector.zero(S);
                DoubleVector.fromArray(S, tile, t).fma(av, zero).intoArray(c, ci);
                DoubleVector.fromArray(S, tile, t + L).fma(av, zero).intoArray(c, ci + L);
            } else if (cnt == NR) {
                DoubleVector.fromArray(S, tile, t).fma(av, DoubleVector.fromArray(S, c, ci)).intoArray(c, ci);
                DoubleVector.fromArray(S, tile, t + L).fma(av, DoubleVector.fromArray(S, c, ci + L))
                        .intoArray(c, ci + L);
            } else {
                storePartial(tile, t, cnt, av, set, c, ci);
            }
        }
    }

    private static void storePartial(double[] tile, int t, int cnt, DoubleVector av, boolean set, double[] c,
                                     int ci) {
        for (int lo = 0; lo < cnt; lo += L) {
            VectorMask<Double> mk = S.indexInRange(lo, cnt);
            if (set) {
                DoubleVector.fromArray(S, tile, t + lo).fma(av, DoubleVector.zero(S)).intoArray(c, ci + lo, mk);
            } else {
                DoubleVector.fromArray(S, tile, t + lo).fma(av, DoubleVector.fromArray(S, c, ci + lo, mk))
                        .intoArray(c, ci + lo, mk);
            }
        }
    }
}
