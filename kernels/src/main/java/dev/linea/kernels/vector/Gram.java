package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Register-blocked Gram matrix {@code C = Aᵀ·diag(w)·A} of a row-major m×n matrix: C is the sum over rows of the
 * outer products {@code w_i·a_i·a_iᵀ}.
 *
 * <p>Rows are taken in panels of kc rows, and each panel is packed twice so that the micro-kernel reads memory
 * sequentially: {@code pk} holds, per block of 16 columns, the panel's 16 values of each row in a row; {@code pj}
 * holds, per block of 6 columns, the panel's 6 values of each row multiplied by w_i. (Unpacked, consecutive rows
 * are a whole row apart, which defeats the prefetchers and the TLB once rows are a few kilobytes long.) The
 * micro-kernel keeps a 6×16 block of C in twelve vector registers: per row, two vector loads, six broadcasts and
 * twelve FMAs. Only blocks that reach the lower triangle are computed; the upper triangle is mirrored at the end.
 */
final class Gram {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    /** Bytes of each packed panel, sized so that both stay in L2 while all blocks are computed from them. */
    static final int PANEL_BYTES = 256 * 1024;

    private Gram() {
    }

    static void gram(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                     double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            Arrays.fill(c, cOff + j * ldc, cOff + j * ldc + n, 0.0);
        }
        if (n == 0 || m == 0) {
            return;
        }
        accumulateLower(m, n, a, aOff, lda, w, wOff, 1.0, c, cOff, ldc);
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                c[cOff + k * ldc + j] = c[cOff + j * ldc + k];
            }
        }
    }

    /**
     * {@code C ← C + α·Aᵀ·diag(w)·A} on the lower triangle of C only (entries (j, k) with k ≤ j); the strict upper
     * triangle is neither read nor written. The Gram kernel and Cholesky's trailing update (α = −1) share it.
     */
    static void accumulateLower(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff, double alpha,
                                double[] c, int cOff, int ldc) {
        accumulateLower(m, n, a, aOff, lda, w, wOff, alpha, c, cOff, ldc, new Workspace());
    }

    /** Packing buffers, reusable across calls by one thread (Cholesky's trailing updates). */
    static final class Workspace {
        double[] pk = new double[0];
        double[] pj = new double[0];
        final double[] block = new double[MR * NR];
    }

    static void accumulateLower(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff, double alpha,
                                double[] c, int cOff, int ldc, Workspace ws) {
        int kBlocks = (n + NR - 1) / NR;
        int jBlocks = (n + MR - 1) / MR;
        int kc = Math.min(m, Math.max(16, Math.min(2048, PANEL_BYTES / (8 * kBlocks * NR))));
        if (ws.pk.length < kBlocks * kc * NR) {
            ws.pk = new double[kBlocks * kc * NR];
        }
        if (ws.pj.length < jBlocks * kc * MR) {
            ws.pj = new double[jBlocks * kc * MR];
        }
        double[] pk = ws.pk;
        double[] pj = ws.pj;
        double[] block = ws.block;
        for (int i0 = 0; i0 < m; i0 += kc) {
            int rows = Math.min(kc, m - i0);
            pack(rows, n, a, aOff + i0 * lda, lda, w, wOff + i0, kc, pk, pj);
            for (int jb = 0; jb < jBlocks; jb++) {
                int j0 = jb * MR;
                int jEnd = Math.min(n, j0 + MR);
                // k blocks that reach the lower triangle of rows j0..jEnd-1 (k ≤ jEnd-1).
                for (int kb = 0; kb * NR < jEnd; kb++) {
                    kernel(rows, pj, jb * kc * MR, pk, kb * kc * NR, block);
                    int k0 = kb * NR;
                    for (int r = 0; j0 + r < jEnd; r++) {
                        int j = j0 + r;
                        int ci = cOff + j * ldc;
                        int kEnd = Math.min(j + 1, k0 + NR);
                        for (int k = k0; k < kEnd; k++) {
                            c[ci + k] += alpha * block[r * NR + k - k0];
                        }
                    }
                }
            }
        }
    }

    /** Packs {@code rows} rows of A (zero-padded to whole blocks) into pk (16-wide) and pj (6-wide, times w_i). */
    private static void pack(int rows, int n, double[] a, int off, int lda, double[] w, int wOff, int kc,
                             double[] pk, double[] pj) {
        int kBlocks = (n + NR - 1) / NR;
        int jBlocks = (n + MR - 1) / MR;
        for (int i = 0; i < rows; i++) {
            int row = off + i * lda;
            for (int kb = 0; kb < kBlocks; kb++) {
                int k0 = kb * NR;
                int dst = kb * kc * NR + i * NR;
                int len = Math.min(NR, n - k0);
                System.arraycopy(a, row + k0, pk, dst, len);
                if (len < NR) {
                    Arrays.fill(pk, dst + len, dst + NR, 0.0);
                }
            }
            double wi = w == null ? 1 : w[wOff + i];
            for (int jb = 0; jb < jBlocks; jb++) {
                int j0 = jb * MR;
                int dst = jb * kc * MR + i * MR;
                for (int r = 0; r < MR; r++) {
                    pj[dst + r] = j0 + r < n ? wi * a[row + j0 + r] : 0.0;
                }
            }
        }
    }

    /** block[6×16] = Σ_i pj[i][0..6)ᵀ·pk[i][0..16) over the panel's rows: the register-blocked micro-kernel. */
    private static void kernel(int rows, double[] pj, int jo, double[] pk, int ko, double[] block) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int i = 0; i < rows; i++) {
            int b = ko + i * NR;
            int x = jo + i * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, pk, b);
            DoubleVector b1 = DoubleVector.fromArray(S, pk, b + L);
            DoubleVector v = DoubleVector.broadcast(S, pj[x]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pj[x + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pj[x + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pj[x + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pj[x + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pj[x + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        c00.intoArray(block, 0);
        c01.intoArray(block, L);
        c10.intoArray(block, NR);
        c11.intoArray(block, NR + L);
        c20.intoArray(block, 2 * NR);
        c21.intoArray(block, 2 * NR + L);
        c30.intoArray(block, 3 * NR);
        c31.intoArray(block, 3 * NR + L);
        c40.intoArray(block, 4 * NR);
        c41.intoArray(block, 4 * NR + L);
        c50.intoArray(block, 5 * NR);
        c51.intoArray(block, 5 * NR + L);
    }
}
