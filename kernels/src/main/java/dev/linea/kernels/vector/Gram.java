package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Register-blocked Gram matrix {@code C = Aᵀ·diag(w)·A} of a row-major m×n matrix: C is the sum over rows of the
 * outer products {@code w_i·a_i·a_iᵀ}. A micro-kernel keeps a 6×16 block of C in twelve vector registers and streams
 * rows: per row, two vector loads of {@code a_i[k0..k0+16)}, six broadcasts of {@code w_i·a_i[j0+r]} and twelve
 * FMAs. Rows are taken in panels sized to stay in L2 while every block of the lower triangle is computed from them,
 * so A is read from memory once. The upper triangle is mirrored at the end.
 */
final class Gram {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 6;
    static final int NR = 2 * L;
    /** Bytes of a row panel meant to stay in L2. */
    static final int PANEL_BYTES = 384 * 1024;

    private Gram() {
    }

    static void gram(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                     double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            Arrays.fill(c, cOff + j * ldc, cOff + j * ldc + n, 0.0);
        }
        if (n == 0) {
            return;
        }
        int kc = Math.max(8, Math.min(1024, PANEL_BYTES / (8 * n)));
        for (int i0 = 0; i0 < m; i0 += kc) {
            int i1 = Math.min(m, i0 + kc);
            for (int j0 = 0; j0 < n; j0 += MR) {
                int mr = Math.min(MR, n - j0);
                // Blocks of columns k0 that reach the lower triangle of rows j0..j0+mr-1 (k ≤ j0+mr-1).
                for (int k0 = 0; k0 < j0 + mr; k0 += NR) {
                    if (mr == MR) {
                        block6(i0, i1, n, a, aOff, lda, w, wOff, j0, k0, c, cOff, ldc);
                    } else {
                        blockRows(i0, i1, n, a, aOff, lda, w, wOff, j0, mr, k0, c, cOff, ldc);
                    }
                }
            }
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                c[cOff + k * ldc + j] = c[cOff + j * ldc + k];
            }
        }
    }

    /** C[j0..j0+6)[k0..k0+16) += Σ_{i∈[i0,i1)} w_i·a_i[j0+r]·a_i[k0..k0+16), masked past column n. */
    private static void block6(int i0, int i1, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                               int j0, int k0, double[] c, int cOff, int ldc) {
        VectorMask<Double> m0 = S.indexInRange(k0, n);
        VectorMask<Double> m1 = S.indexInRange(k0 + L, n);
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        boolean full = k0 + NR <= n;
        for (int i = i0; i < i1; i++) {
            int row = aOff + i * lda;
            double wi = w == null ? 1 : w[wOff + i];
            DoubleVector b0;
            DoubleVector b1;
            if (full) {
                b0 = DoubleVector.fromArray(S, a, row + k0);
                b1 = DoubleVector.fromArray(S, a, row + k0 + L);
            } else {
                b0 = DoubleVector.fromArray(S, a, row + k0, m0);
                b1 = DoubleVector.fromArray(S, a, row + k0 + L, m1);
            }
            int r = row + j0;
            DoubleVector x = DoubleVector.broadcast(S, wi * a[r]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, wi * a[r + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, wi * a[r + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, wi * a[r + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, wi * a[r + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, wi * a[r + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        int base = cOff + j0 * ldc + k0;
        add(c, base, c00, c01, m0, m1);
        add(c, base + ldc, c10, c11, m0, m1);
        add(c, base + 2 * ldc, c20, c21, m0, m1);
        add(c, base + 3 * ldc, c30, c31, m0, m1);
        add(c, base + 4 * ldc, c40, c41, m0, m1);
        add(c, base + 5 * ldc, c50, c51, m0, m1);
    }

    private static void add(double[] c, int at, DoubleVector v0, DoubleVector v1, VectorMask<Double> m0,
                            VectorMask<Double> m1) {
        DoubleVector.fromArray(S, c, at, m0).add(v0).intoArray(c, at, m0);
        DoubleVector.fromArray(S, c, at + L, m1).add(v1).intoArray(c, at + L, m1);
    }

    /** The same for fewer than six rows of C (the last block when n is not a multiple of six). */
    private static void blockRows(int i0, int i1, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                                  int j0, int mr, int k0, double[] c, int cOff, int ldc) {
        VectorMask<Double> m0 = S.indexInRange(k0, n);
        VectorMask<Double> m1 = S.indexInRange(k0 + L, n);
        for (int r = 0; r < mr; r++) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            for (int i = i0; i < i1; i++) {
                int row = aOff + i * lda;
                double wi = w == null ? 1 : w[wOff + i];
                DoubleVector x = DoubleVector.broadcast(S, wi * a[row + j0 + r]);
                s0 = x.fma(DoubleVector.fromArray(S, a, row + k0, m0), s0);
                s1 = x.fma(DoubleVector.fromArray(S, a, row + k0 + L, m1), s1);
            }
            add(c, cOff + (j0 + r) * ldc + k0, s0, s1, m0, m1);
        }
    }
}
