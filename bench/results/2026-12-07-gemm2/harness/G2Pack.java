package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** packColumns with L×L blocks transposed in registers (scratch). */
final class G2Pack {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L;
    // two-source shuffles (indexes ≥ L... as exceptional: lanes of the second vector)
    static final VectorShuffle<Double> LO = VectorShuffle.fromValues(S, 0, -4, 2, -2);
    static final VectorShuffle<Double> HI = VectorShuffle.fromValues(S, 1, -3, 3, -1);
    static final VectorShuffle<Double> LO2 = VectorShuffle.fromValues(S, 0, 1, -4, -3);
    static final VectorShuffle<Double> HI2 = VectorShuffle.fromValues(S, 2, 3, -2, -1);

    static void packColumns(int kc, int w, double[] m, int mOff, int ldm, double[] dst, int panels, int stride) {
        if (L != 4) throw new IllegalStateException();
        int kc4 = kc & ~3;
        for (int q = 0; q < panels; q++) {
            int base = q * stride;
            int j0 = q * L;
            if (j0 + L <= w) {
                int row = mOff + j0 * ldm;
                int p = 0;
                for (; p < kc4; p += 4) {
                    DoubleVector r0 = DoubleVector.fromArray(S, m, row + p);
                    DoubleVector r1 = DoubleVector.fromArray(S, m, row + ldm + p);
                    DoubleVector r2 = DoubleVector.fromArray(S, m, row + 2 * ldm + p);
                    DoubleVector r3 = DoubleVector.fromArray(S, m, row + 3 * ldm + p);
                    DoubleVector t0 = r0.rearrange(LO, r1); // a0 b0 a2 b2
                    DoubleVector t1 = r0.rearrange(HI, r1); // a1 b1 a3 b3
                    DoubleVector t2 = r2.rearrange(LO, r3); // c0 d0 c2 d2
                    DoubleVector t3 = r2.rearrange(HI, r3); // c1 d1 c3 d3
                    int d = base + p * L;
                    t0.rearrange(LO2, t2).intoArray(dst, d);
                    t1.rearrange(LO2, t3).intoArray(dst, d + L);
                    t0.rearrange(HI2, t2).intoArray(dst, d + 2 * L);
                    t1.rearrange(HI2, t3).intoArray(dst, d + 3 * L);
                }
                for (; p < kc; p++) {
                    int d = base + p * L;
                    for (int t = 0; t < L; t++) dst[d + t] = m[row + t * ldm + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * L;
                    for (int t = 0; t < L; t++) dst[d + t] = j0 + t < w ? m[mOff + (j0 + t) * ldm + p] : 0.0;
                }
            }
        }
    }
}
