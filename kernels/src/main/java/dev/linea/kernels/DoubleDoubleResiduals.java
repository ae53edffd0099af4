package dev.linea.kernels;

/**
 * The scalar reference of {@link Backend#residualsDoubleDouble}: per row, the residual {@code s_i = b_i − A_i·x}
 * in double-double (four interleaved accumulators, columns j mod 4, joined by error-free sums: a quarter of the
 * TwoSum dependency chain), rounded once into r_i, and {@code A_iᵀ·s_i} added into per-column double-double
 * accumulators. The error-free transformations are those of {@code DoubleDouble} in the models module:
 * TwoSum (Knuth) and TwoProduct by {@link Math#fma}.
 */
public final class DoubleDoubleResiduals {
    private DoubleDoubleResiduals() {
    }

    /** The kernel's contract is {@link Backend#residualsDoubleDouble}'s; arguments are checked there. */
    static void rows(int m, int n, double[] a, int aOff, int lda, double[] aLow, int aLowOff,
                            double[] x, int xOff, double[] b, int bOff, double[] r, int rOff, double[] g, int gOff) {
        double[] low = new double[1];
        for (int i = 0; i < m; i++) {
            int row = aOff + i * lda;
            double sh = rowResidual(b[bOff + i], 0, n, a, row, aLow, aLow == null ? 0 : aLowOff + i * lda, x, xOff,
                    low, 0);
            double sl = low[0];
            r[rOff + i] = sh;
            addRow(n, a, row, aLow, aLow == null ? 0 : aLowOff + i * lda, sh, sl, g, gOff);
        }
    }

    /**
     * The double-double row residual both refinement steps use: {@code (h0, l0) − Σ_j (A(i, j) + A_lo(i, j))·x_j}
     * with four interleaved accumulators (columns j mod 4; accumulator 0 starts from (h0, l0) and also takes A_lo),
     * joined by error-free sums and normalized.
     *
     * @param h0     the high part of the start (b_i, or b_i − r_i's high part)
     * @param l0     its low part
     * @param a      not modified: the row's n values from {@code row}
     * @param aLow   not modified: the row's trailing parts from {@code lowRow}, or null
     * @param x      not modified: n values from {@code xOff}
     * @param low    modified: the normalized low part goes to {@code low[lowAt]}
     * @return the normalized high part, {@code fl(s_i)}
     */
    public static double rowResidual(double h0, double l0, int n, double[] a, int row, double[] aLow, int lowRow,
                                     double[] x, int xOff, double[] low, int lowAt) {
        double h1 = 0;
        double l1 = 0;
        double h2 = 0;
        double l2 = 0;
        double h3 = 0;
        double l3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double a0 = -a[row + j];
            double p0 = a0 * x[xOff + j];
            double e0 = Math.fma(a0, x[xOff + j], -p0);
            double t0 = h0 + p0;
            double u0 = t0 - h0;
            l0 += (h0 - (t0 - u0)) + (p0 - u0) + e0;
            h0 = t0;
            double a1 = -a[row + j + 1];
            double p1 = a1 * x[xOff + j + 1];
            double e1 = Math.fma(a1, x[xOff + j + 1], -p1);
            double t1 = h1 + p1;
            double u1 = t1 - h1;
            l1 += (h1 - (t1 - u1)) + (p1 - u1) + e1;
            h1 = t1;
            double a2 = -a[row + j + 2];
            double p2 = a2 * x[xOff + j + 2];
            double e2 = Math.fma(a2, x[xOff + j + 2], -p2);
            double t2 = h2 + p2;
            double u2 = t2 - h2;
            l2 += (h2 - (t2 - u2)) + (p2 - u2) + e2;
            h2 = t2;
            double a3 = -a[row + j + 3];
            double p3 = a3 * x[xOff + j + 3];
            double e3 = Math.fma(a3, x[xOff + j + 3], -p3);
            double t3 = h3 + p3;
            double u3 = t3 - h3;
            l3 += (h3 - (t3 - u3)) + (p3 - u3) + e3;
            h3 = t3;
        }
        for (; j < n; j++) {
            double a0 = -a[row + j];
            double p0 = a0 * x[xOff + j];
            double e0 = Math.fma(a0, x[xOff + j], -p0);
            double t0 = h0 + p0;
            double u0 = t0 - h0;
            l0 += (h0 - (t0 - u0)) + (p0 - u0) + e0;
            h0 = t0;
        }
        if (aLow != null) {
            for (int k = 0; k < n; k++) {
                double al = -aLow[lowRow + k];
                double p0 = al * x[xOff + k];
                double e0 = Math.fma(al, x[xOff + k], -p0);
                double t0 = h0 + p0;
                double u0 = t0 - h0;
                l0 += (h0 - (t0 - u0)) + (p0 - u0) + e0;
                h0 = t0;
            }
        }
        // (h0, l0) + (h1, l1) and (h2, l2) + (h3, l3) by error-free sums, then the two, then (hi, lo) normalized.
        double s01 = h0 + h1;
        double b01 = s01 - h0;
        double l01 = (h0 - (s01 - b01)) + (h1 - b01) + l0 + l1;
        double s23 = h2 + h3;
        double b23 = s23 - h2;
        double l23 = (h2 - (s23 - b23)) + (h3 - b23) + l2 + l3;
        double hi = s01 + s23;
        double bb = hi - s01;
        double lo = (s01 - (hi - bb)) + (s23 - bb) + l01 + l23;
        double sh = hi + lo;
        double sb = sh - hi;
        low[lowAt] = (hi - (sh - sb)) + (lo - sb);
        return sh;
    }

    /**
     * {@code (g_hi, g_lo)_k += (A(i, k) + A_lo(i, k))·(sh + sl)}: TwoProduct and TwoSum on A·sh, the rest into lo.
     * The vector kernel does the same operations per column in the same order (only s_i's sum order differs).
     */
    static void addRow(int n, double[] a, int row, double[] aLow, int lowRow, double sh, double sl, double[] g,
                       int gOff) {
        for (int k = 0; k < n; k++) {
            double av = a[row + k];
            double p = av * sh;
            double e = Math.fma(av, sh, -p);
            double gh = g[gOff + k];
            double s = gh + p;
            double bk = s - gh;
            double err = (gh - (s - bk)) + (p - bk);
            g[gOff + n + k] += (err + e) + av * sl;
            g[gOff + k] = s;
        }
        if (aLow != null) {
            for (int k = 0; k < n; k++) {
                g[gOff + n + k] += aLow[lowRow + k] * sh;
            }
        }
    }
}
