package dev.linea.kernels.vector;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Panels#packColumns} against its definition, element by element: panel q holds, for p &lt; kc, the L values
 * {@code s_p·M(j0 + q·L + t, p0 + p)} (zero past w) at {@code q·stride + p·L + t}. The lanes' vector size decides
 * the code path (on AVX2, L = 4, whole panels go through the in-register 4×4 transpose), so the shapes cover whole
 * groups of four values of p and the kc mod 4 left over, the partial last panel, the zero panels past it, with and
 * without the scale s, and offsets and leading dimensions wider than the data. The packed value must be the same
 * double as the one rounded product s_p·M (bit for bit), and the buffer outside the panels must be left alone.
 */
class PanelsPackColumnsTest {

    @Test
    void packsEveryValueAsItsDefinitionBitForBit() {
        Random rnd = new Random(23);
        int l = Panels.L;
        int[] depths = {1, 3, 4, 5, 8, 13, 64, 67};
        int[] widths = {1, l - 1, l, l + 1, 3 * l, 3 * l + 2};
        for (int kc : depths) {
            for (int w : widths) {
                if (w < 1) {
                    continue;
                }
                for (boolean scaled : new boolean[]{false, true}) {
                    int ldm = kc + 7;
                    int mOff = 5;
                    double[] m = new double[mOff + (w + 1) * ldm];
                    for (int i = 0; i < m.length; i++) {
                        m[i] = rnd.nextGaussian();
                    }
                    m[mOff] = -0.0; // the sign of zero survives (1·−0 = −0), as in the scalar loop
                    int sOff = 2;
                    double[] s = null;
                    if (scaled) {
                        s = new double[sOff + kc];
                        for (int i = 0; i < s.length; i++) {
                            s[i] = 0.5 + rnd.nextDouble();
                        }
                    }
                    int panels = Panels.pairedPanels(w) + 1; // one zero panel more than the data needs
                    int stride = Panels.stride(kc);
                    double[] dst = new double[panels * stride + 3];
                    java.util.Arrays.fill(dst, Double.NaN);
                    Panels.packColumns(kc, w, m, mOff, ldm, s, sOff, dst, panels, stride);
                    for (int q = 0; q < panels; q++) {
                        for (int p = 0; p < kc; p++) {
                            for (int t = 0; t < l; t++) {
                                int j = q * l + t;
                                double expected = j < w ? (s == null ? 1 : s[sOff + p]) * m[mOff + j * ldm + p] : 0.0;
                                assertThat(Double.doubleToRawLongBits(dst[q * stride + p * l + t]))
                                        .as("kc = %d, w = %d, scaled = %s, panel %d, p = %d, lane %d", kc, w, scaled,
                                                q, p, t)
                                        .isEqualTo(Double.doubleToRawLongBits(expected));
                            }
                        }
                        for (int x = q * stride + kc * l; x < Math.min(dst.length, (q + 1) * stride); x++) {
                            assertThat(dst[x]).as("padding after panel %d untouched", q).isNaN();
                        }
                    }
                }
            }
        }
    }
}
