package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;

import static dev.linea.kernels.vector.Lanes.S;

/**
 * {@link dev.linea.kernels.Backend#residualsDoubleDouble} in the Vector API. Along the row, each lane holds its own
 * double-double partial sum of {@code −A(i, j)·x_j} (two vector accumulators: half the TwoSum dependency chain per
 * vector), TwoProduct by lanewise fused multiply-add; at the row's end the accumulators are joined lanewise by
 * TwoSum, then the lanes (and the scalar tail, which starts from b_i) one by one, always in the same order, so
 * the result depends on the row alone. The update {@code (g_hi, g_lo) += A_i·s_i} is lanes over columns with the
 * scalar reference's operations per column in its order.
 */
final class DoubleDoubleRows {
    private DoubleDoubleRows() {
    }

    static void rows(int m, int n, double[] a, int aOff, int lda, double[] aLow, int aLowOff, double[] x, int xOff,
                     double[] b, int bOff, double[] r, int rOff, double[] g, int gOff) {
        int len = S.length();
        double[] lanes = new double[2 * len];
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < m; i++) {
            int row = aOff + i * lda;
            int lowRow = aLow == null ? 0 : aLowOff + i * lda;
            DoubleVector h0 = zero;
            DoubleVector l0 = zero;
            DoubleVector h1 = zero;
            DoubleVector l1 = zero;
            int j = 0;
            for (; j + 2 * len <= n; j += 2 * len) {
                DoubleVector a0 = DoubleVector.fromArray(S, a, row + j).neg();
                DoubleVector x0 = DoubleVector.fromArray(S, x, xOff + j);
                DoubleVector p0 = a0.mul(x0);
                DoubleVector e0 = a0.fma(x0, p0.neg());
                DoubleVector t0 = h0.add(p0);
                DoubleVector u0 = t0.sub(h0);
                l0 = l0.add(h0.sub(t0.sub(u0)).add(p0.sub(u0)).add(e0));
                h0 = t0;
                DoubleVector a1 = DoubleVector.fromArray(S, a, row + j + len).neg();
                DoubleVector x1 = DoubleVector.fromArray(S, x, xOff + j + len);
                DoubleVector p1 = a1.mul(x1);
                DoubleVector e1 = a1.fma(x1, p1.neg());
                DoubleVector t1 = h1.add(p1);
                DoubleVector u1 = t1.sub(h1);
                l1 = l1.add(h1.sub(t1.sub(u1)).add(p1.sub(u1)).add(e1));
                h1 = t1;
            }
            for (; j + len <= n; j += len) {
                DoubleVector a0 = DoubleVector.fromArray(S, a, row + j).neg();
                DoubleVector x0 = DoubleVector.fromArray(S, x, xOff + j);
                DoubleVector p0 = a0.mul(x0);
                DoubleVector e0 = a0.fma(x0, p0.neg());
                DoubleVector t0 = h0.add(p0);
                DoubleVector u0 = t0.sub(h0);
                l0 = l0.add(h0.sub(t0.sub(u0)).add(p0.sub(u0)).add(e0));
                h0 = t0;
            }
            // The scalar accumulator starts from b_i and takes the tail columns.
            double th = b[bOff + i];
            double tl = 0;
            for (; j < n; j++) {
                double av = -a[row + j];
                double p = av * x[xOff + j];
                double e = Math.fma(av, x[xOff + j], -p);
                double t = th + p;
                double u = t - th;
                tl += (th - (t - u)) + (p - u) + e;
                th = t;
            }
            if (aLow != null) {
                int k = 0;
                for (; k + len <= n; k += len) {
                    DoubleVector a1 = DoubleVector.fromArray(S, aLow, lowRow + k).neg();
                    DoubleVector x1 = DoubleVector.fromArray(S, x, xOff + k);
                    DoubleVector p1 = a1.mul(x1);
                    DoubleVector e1 = a1.fma(x1, p1.neg());
                    DoubleVector t1 = h1.add(p1);
                    DoubleVector u1 = t1.sub(h1);
                    l1 = l1.add(h1.sub(t1.sub(u1)).add(p1.sub(u1)).add(e1));
                    h1 = t1;
                }
                for (; k < n; k++) {
                    double av = -aLow[lowRow + k];
                    double p = av * x[xOff + k];
                    double e = Math.fma(av, x[xOff + k], -p);
                    double t = th + p;
                    double u = t - th;
                    tl += (th - (t - u)) + (p - u) + e;
                    th = t;
                }
            }
            // Join: the two accumulators lanewise, then each lane into the scalar one, then normalize (hi, lo).
            DoubleVector hs = h0.add(h1);
            DoubleVector bs = hs.sub(h0);
            DoubleVector ls = l0.add(l1).add(h0.sub(hs.sub(bs)).add(h1.sub(bs)));
            hs.intoArray(lanes, 0);
            ls.intoArray(lanes, len);
            for (int q = 0; q < len; q++) {
                double p = lanes[q];
                double t = th + p;
                double u = t - th;
                tl += (th - (t - u)) + (p - u) + lanes[len + q];
                th = t;
            }
            double sh = th + tl;
            double sb = sh - th;
            double sl = (th - (sh - sb)) + (tl - sb);
            r[rOff + i] = sh;
            addRow(n, len, a, row, aLow, lowRow, sh, sl, g, gOff);
        }
    }

    /** {@code (g_hi, g_lo)_k += A_i(k)·(sh + sl)}: per column the operations of the scalar reference, in its order. */
    private static void addRow(int n, int len, double[] a, int row, double[] aLow, int lowRow, double sh, double sl,
                               double[] g, int gOff) {
        DoubleVector shv = DoubleVector.broadcast(S, sh);
        DoubleVector slv = DoubleVector.broadcast(S, sl);
        int k = 0;
        for (; k + len <= n; k += len) {
            DoubleVector av = DoubleVector.fromArray(S, a, row + k);
            DoubleVector p = av.mul(shv);
            DoubleVector e = av.fma(shv, p.neg());
            DoubleVector gh = DoubleVector.fromArray(S, g, gOff + k);
            DoubleVector s = gh.add(p);
            DoubleVector bk = s.sub(gh);
            DoubleVector err = gh.sub(s.sub(bk)).add(p.sub(bk));
            DoubleVector gl = DoubleVector.fromArray(S, g, gOff + n + k);
            gl.add(err.add(e).add(av.mul(slv))).intoArray(g, gOff + n + k);
            s.intoArray(g, gOff + k);
        }
        for (; k < n; k++) {
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
            int q = 0;
            for (; q + len <= n; q += len) {
                DoubleVector al = DoubleVector.fromArray(S, aLow, lowRow + q);
                DoubleVector gl = DoubleVector.fromArray(S, g, gOff + n + q);
                gl.add(al.mul(shv)).intoArray(g, gOff + n + q);
            }
            for (; q < n; q++) {
                g[gOff + n + q] += aLow[lowRow + q] * sh;
            }
        }
    }
}
