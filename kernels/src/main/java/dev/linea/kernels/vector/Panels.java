package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed operand format of the level-3 kernels (Gram, GEMM, Cholesky's updates, blocked triangular solves),
 * after BLIS: a kc×w block of an operand {@code X(p, j)} (p along the summed dimension) is stored as ⌈w/L⌉
 * <em>panels</em> of L columns, each holding, for p = 0…kc−1, the L values {@code X(p, q·L … q·L+L−1)}
 * contiguously; panel q starts at {@code q·stride}. The micro-kernel then reads every operand sequentially, whatever
 * the row-major layout or transpose it came from. Columns past w are zero, so partial tiles need no special case in
 * the inner loop.
 *
 * <p>The stride is {@code kc·L + 8} (+8 again in the rare case that is a multiple of 4 KiB), not {@code kc·L}: a
 * stride that is a multiple of 4 KiB maps every panel's element p to the same L1 set, and packing (which writes
 * several panels at once) then ran 3× slower.
 *
 * <p>L is the lane count of {@link #S}: {@code SPECIES_PREFERRED}, unless the system property
 * {@value #SPECIES_PROPERTY} names a vector size in bits (128, 256 or 512). That property exists for tests: it lets
 * the AVX-512 tile shapes (L = 8) be checked for correctness on an AVX2 machine, where the 512-bit species runs on
 * the Vector API's slow Java fallback.
 */
final class Panels {
    /** System property that forces the level-3 kernels' vector size in bits (tests only). */
    static final String SPECIES_PROPERTY = "linea.vector.level3.bits";
    static final VectorSpecies<Double> S = species();
    static final int L = S.length();
    /** Extra doubles per panel so that consecutive panels do not alias in L1 (see the class comment). */
    static final int PAD = 8;

    private Panels() {
    }

    private static VectorSpecies<Double> species() {
        String bits = System.getProperty(SPECIES_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return DoubleVector.SPECIES_PREFERRED;
        }
        int b;
        try {
            b = Integer.parseInt(bits.trim());
        } catch (NumberFormatException e) {
            b = -1;
        }
        if (b != 128 && b != 256 && b != 512) {
            throw new IllegalArgumentException(SPECIES_PROPERTY + " = '" + bits + "', expected 128, 256 or 512");
        }
        return VectorSpecies.of(double.class, VectorShape.forBitSize(b));
    }

    /** Distance between consecutive panels of a block of kc values each. */
    static int stride(int kc) {
        int s = kc * L + PAD;
        return (s & 511) == 0 ? s + PAD : s; // 512 doubles = 4 KiB
    }

    /** Number of panels for w columns, rounded up to an even number (the micro-kernel reads panels in pairs). */
    static int pairedPanels(int w) {
        int q = (w + L - 1) / L;
        return q + (q & 1);
    }

    /**
     * Packs {@code X(p, j) = s_p·M(p0 + p, j0 + j)} for p &lt; kc, j &lt; w, from a row-major M (lanes from
     * M's columns: each row of M gives L contiguous values per panel), into {@code panels} panels at {@code dst}.
     * {@code s} is null (all ones) or the scale of each p, read at {@code s[sOff + p]}.
     */
    static void packRows(int kc, int w, double[] m, int mOff, int ldm, double[] s, int sOff,
                         double[] dst, int panels, int stride) {
        int full = w / L;
        for (int p = 0; p < kc; p++) {
            int row = mOff + p * ldm;
            int d = p * L;
            if (s == null) {
                for (int q = 0; q < full; q++) {
                    DoubleVector.fromArray(S, m, row + q * L).intoArray(dst, d + q * stride);
                }
            } else {
                DoubleVector sp = DoubleVector.broadcast(S, s[sOff + p]);
                for (int q = 0; q < full; q++) {
                    DoubleVector.fromArray(S, m, row + q * L).mul(sp).intoArray(dst, d + q * stride);
                }
            }
        }
        if (full < panels) {
            packRowsTail(kc, w, full, m, mOff, ldm, s, sOff, dst, panels, stride);
        }
    }

    /** The partial panel (columns full·L … w−1, zero beyond) and the zero panels up to {@code panels}. */
    private static void packRowsTail(int kc, int w, int full, double[] m, int mOff, int ldm, double[] s, int sOff,
                                     double[] dst, int panels, int stride) {
        int rem = w - full * L;
        for (int p = 0; p < kc; p++) {
            int row = mOff + p * ldm + full * L;
            double sp = s == null ? 1 : s[sOff + p];
            for (int q = full; q < panels; q++) {
                int d = q * stride + p * L;
                for (int t = 0; t < L; t++) {
                    dst[d + t] = q == full && t < rem ? sp * m[row + t] : 0.0;
                }
            }
        }
    }

    /**
     * As {@link #packRows}, through the affine map of a centred Gram:
     * {@code X(p, j) = s_p·((M(p0 + p, j0 + j) − shift_j)·scale_j)}, with {@code shift} and {@code scale} (both
     * non-null) read from {@code shOff}/{@code scOff} for j = 0. The shift is subtracted first,
     * then the scale and the row weight applied, so {@code shift = x̄} rounds exactly as centring M beforehand.
     */
    static void packRowsAffine(int kc, int w, double[] m, int mOff, int ldm, double[] s, int sOff,
                               double[] sh, int shOff, double[] sc, int scOff,
                               double[] dst, int panels, int stride) {
        int full = w / L;
        // Straight-line vector code (no vector value merged across branches, which would make C2 box it): the
        // callers always pass a shift and a scale (zeros and ones stand in for none; x·1 and x − 0 are exact).
        for (int p = 0; p < kc; p++) {
            int row = mOff + p * ldm;
            int d = p * L;
            DoubleVector sp = DoubleVector.broadcast(S, s == null ? 1.0 : s[sOff + p]);
            for (int q = 0; q < full; q++) {
                DoubleVector.fromArray(S, m, row + q * L)
                        .sub(DoubleVector.fromArray(S, sh, shOff + q * L))
                        .mul(DoubleVector.fromArray(S, sc, scOff + q * L))
                        .mul(sp)
                        .intoArray(dst, d + q * stride);
            }
        }
        if (full < panels) {
            int rem = w - full * L;
            for (int p = 0; p < kc; p++) {
                int row = mOff + p * ldm + full * L;
                double sp = s == null ? 1 : s[sOff + p];
                for (int q = full; q < panels; q++) {
                    int d = q * stride + p * L;
                    for (int t = 0; t < L; t++) {
                        if (q == full && t < rem) {
                            int j = full * L + t;
                            double v = m[row + t];
                            if (sh != null) {
                                v -= sh[shOff + j];
                            }
                            if (sc != null) {
                                v *= sc[scOff + j];
                            }
                            dst[d + t] = sp * v;
                        } else {
                            dst[d + t] = 0.0;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs {@code X(p, j) = s_p·M(j0 + j, p0 + p)} for p &lt; kc, j &lt; w, from a row-major M (lanes from M's
     * rows: the transposed operand), into {@code panels} panels at {@code dst}. {@code s} as in
     * {@link #packRows}. {@code mOff} is the offset of M(j0, p0).
     */
    static void packColumns(int kc, int w, double[] m, int mOff, int ldm, double[] s, int sOff,
                            double[] dst, int panels, int stride) {
        for (int q = 0; q < panels; q++) {
            int base = q * stride;
            int j0 = q * L;
            if (j0 + L <= w) {
                // A whole panel: the L rows are read side by side and the panel written sequentially (p outer).
                int row = mOff + j0 * ldm;
                int p = L == 4 ? packColumns4(kc, m, row, ldm, s, sOff, dst, base) : 0;
                for (; p < kc; p++) {
                    double sp = s == null ? 1 : s[sOff + p];
                    int d = base + p * L;
                    for (int t = 0; t < L; t++) {
                        dst[d + t] = sp * m[row + t * ldm + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    double sp = s == null ? 1 : s[sOff + p];
                    int d = base + p * L;
                    for (int t = 0; t < L; t++) {
                        dst[d + t] = j0 + t < w ? sp * m[mOff + (j0 + t) * ldm + p] : 0.0;
                    }
                }
            }
        }
    }

    // Two-source shuffles of the 4×4 transpose (L = 4 only; a negative index takes lane index + 4 of the second
    // operand). They are built only when L = 4: fromValues rejects indexes outside ±L.
    private static final VectorShuffle<Double> PAIR_EVEN = L == 4 ? VectorShuffle.fromValues(S, 0, -4, 2, -2) : null;
    private static final VectorShuffle<Double> PAIR_ODD = L == 4 ? VectorShuffle.fromValues(S, 1, -3, 3, -1) : null;
    private static final VectorShuffle<Double> HALF_LOW = L == 4 ? VectorShuffle.fromValues(S, 0, 1, -4, -3) : null;
    private static final VectorShuffle<Double> HALF_HIGH = L == 4 ? VectorShuffle.fromValues(S, 2, 3, -2, -1) : null;

    /**
     * The whole-panel loop of {@link #packColumns} for L = 4, four values of p at a time: four rows of M are read
     * as vectors and transposed in registers (two rounds of two-source shuffles), so each packed step is one vector
     * store instead of four scalar loads and stores. Measured on AVX2 (Zen 3), packing A of a GEMM n = 1000: 1.6–1.9×
     * faster than the scalar loop, level with {@link #packRows}' plain copy (bench/results/2026-12-07-gemm2). The
     * values are the scalar loop's: s_p·M is one rounded product either way. Returns the first p not packed (the
     * caller packs the last kc mod 4).
     */
    private static int packColumns4(int kc, double[] m, int row, int ldm, double[] s, int sOff, double[] dst,
                                    int base) {
        int end = kc & ~3;
        for (int p = 0; p < end; p += 4) {
            DoubleVector r0 = DoubleVector.fromArray(S, m, row + p);
            DoubleVector r1 = DoubleVector.fromArray(S, m, row + ldm + p);
            DoubleVector r2 = DoubleVector.fromArray(S, m, row + 2 * ldm + p);
            DoubleVector r3 = DoubleVector.fromArray(S, m, row + 3 * ldm + p);
            DoubleVector t0 = r0.rearrange(PAIR_EVEN, r1); // M(0,p)   M(1,p)   M(0,p+2) M(1,p+2)
            DoubleVector t1 = r0.rearrange(PAIR_ODD, r1); //  M(0,p+1) M(1,p+1) M(0,p+3) M(1,p+3)
            DoubleVector t2 = r2.rearrange(PAIR_EVEN, r3);
            DoubleVector t3 = r2.rearrange(PAIR_ODD, r3);
            DoubleVector x0 = t0.rearrange(HALF_LOW, t2); // column p of the four rows
            DoubleVector x1 = t1.rearrange(HALF_LOW, t3);
            DoubleVector x2 = t0.rearrange(HALF_HIGH, t2);
            DoubleVector x3 = t1.rearrange(HALF_HIGH, t3);
            // Always scaled (by 1 without s, exact, as in the scalar loop): no vector value merged across a branch.
            int d = base + p * 4;
            x0.mul(s == null ? 1 : s[sOff + p]).intoArray(dst, d);
            x1.mul(s == null ? 1 : s[sOff + p + 1]).intoArray(dst, d + 4);
            x2.mul(s == null ? 1 : s[sOff + p + 2]).intoArray(dst, d + 8);
            x3.mul(s == null ? 1 : s[sOff + p + 3]).intoArray(dst, d + 12);
        }
        return end;
    }
}
