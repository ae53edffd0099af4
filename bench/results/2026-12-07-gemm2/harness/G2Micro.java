package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Micro-kernel variants (scratch). */
final class G2Micro {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L, NR = 2 * L;

    /** k loop unrolled by 2. */
    static void tileInto2(int kc, double[] q, int q0, int q1, double[] pb, int p0, int p1, int p2, int p3, int p4,
                          int p5, int mode, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        int end = kc * L;
        int end2 = (kc & ~1) * L;
        int x = 0;
        for (; x < end2; x += 2 * L) {
            DoubleVector b0 = DoubleVector.fromArray(S, q, q0 + x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, q1 + x);
            DoubleVector v = DoubleVector.broadcast(S, pb[p0 + x]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[p1 + x]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[p2 + x]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[p3 + x]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[p4 + x]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[p5 + x]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
            int y = x + L;
            b0 = DoubleVector.fromArray(S, q, q0 + y);
            b1 = DoubleVector.fromArray(S, q, q1 + y);
            v = DoubleVector.broadcast(S, pb[p0 + y]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[p1 + y]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[p2 + y]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[p3 + y]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[p4 + y]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[p5 + y]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
        }
        for (; x < end; x += L) {
            DoubleVector b0 = DoubleVector.fromArray(S, q, q0 + x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, q1 + x);
            DoubleVector v = DoubleVector.broadcast(S, pb[p0 + x]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, pb[p1 + x]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, pb[p2 + x]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, pb[p3 + x]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, pb[p4 + x]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, pb[p5 + x]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
        }
        if (mode == MicroKernel.ADD) {
            DoubleVector.fromArray(S, c, ci).add(c00).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c01).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c10).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c11).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c20).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c21).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c30).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c31).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c40).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c41).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c50).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c51).intoArray(c, ci + L);
        } else {
            DoubleVector zero = DoubleVector.zero(S);
            c00.add(zero).intoArray(c, ci); c01.add(zero).intoArray(c, ci + L); ci += ldc;
            c10.add(zero).intoArray(c, ci); c11.add(zero).intoArray(c, ci + L); ci += ldc;
            c20.add(zero).intoArray(c, ci); c21.add(zero).intoArray(c, ci + L); ci += ldc;
            c30.add(zero).intoArray(c, ci); c31.add(zero).intoArray(c, ci + L); ci += ldc;
            c40.add(zero).intoArray(c, ci); c41.add(zero).intoArray(c, ci + L); ci += ldc;
            c50.add(zero).intoArray(c, ci); c51.add(zero).intoArray(c, ci + L);
        }
    }

    /** P read in place: row r's value for step p at a[pr + p] (step 1); Q packed (step L). */
    static void tileIntoA(int kc, double[] q, int q0, int q1, double[] a, int p0, int p1, int p2, int p3, int p4,
                          int p5, int mode, double[] c, int ci, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int x = p * L;
            DoubleVector b0 = DoubleVector.fromArray(S, q, q0 + x);
            DoubleVector b1 = DoubleVector.fromArray(S, q, q1 + x);
            DoubleVector v = DoubleVector.broadcast(S, a[p0 + p]);
            c00 = v.fma(b0, c00); c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, a[p1 + p]);
            c10 = v.fma(b0, c10); c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, a[p2 + p]);
            c20 = v.fma(b0, c20); c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, a[p3 + p]);
            c30 = v.fma(b0, c30); c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, a[p4 + p]);
            c40 = v.fma(b0, c40); c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, a[p5 + p]);
            c50 = v.fma(b0, c50); c51 = v.fma(b1, c51);
        }
        if (mode == MicroKernel.ADD) {
            DoubleVector.fromArray(S, c, ci).add(c00).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c01).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c10).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c11).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c20).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c21).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c30).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c31).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c40).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c41).intoArray(c, ci + L);
            ci += ldc;
            DoubleVector.fromArray(S, c, ci).add(c50).intoArray(c, ci);
            DoubleVector.fromArray(S, c, ci + L).add(c51).intoArray(c, ci + L);
        } else {
            DoubleVector zero = DoubleVector.zero(S);
            c00.add(zero).intoArray(c, ci); c01.add(zero).intoArray(c, ci + L); ci += ldc;
            c10.add(zero).intoArray(c, ci); c11.add(zero).intoArray(c, ci + L); ci += ldc;
            c20.add(zero).intoArray(c, ci); c21.add(zero).intoArray(c, ci + L); ci += ldc;
            c30.add(zero).intoArray(c, ci); c31.add(zero).intoArray(c, ci + L); ci += ldc;
            c40.add(zero).intoArray(c, ci); c41.add(zero).intoArray(c, ci + L); ci += ldc;
            c50.add(zero).intoArray(c, ci); c51.add(zero).intoArray(c, ci + L);
        }
    }
}
