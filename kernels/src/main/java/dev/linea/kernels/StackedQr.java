package dev.linea.kernels;

/**
 * The scalar reference of {@link Backend#qrStacked} and {@link Backend#qrStackedMultiplyQ}: Householder QR of an
 * upper-triangular R stacked on a row block B, in panels of {@link Backend#STACKED_QR_PANEL} columns with the
 * panel's compact-WY factor T (LAPACK's dtpqrt, for row-major storage). Plain loops, no blocking beyond the panels:
 * every backend stores the same factors, so a faster kernel is checked against this one.
 *
 * <p>Reflector j is {@code H_j = I − τ_j·v·vᵀ} with v = (e_j on top; B[:, j] below); a panel's reflectors combine as
 * {@code H_k0···H_k1−1 = I − V·T·Vᵀ} with T upper triangular (dlarft, forward, columnwise).
 */
final class StackedQr {
    static final int NB = Backend.STACKED_QR_PANEL;

    private StackedQr() {
    }

    static void factor(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                       double[] t, int tOff) {
        double[] w = new double[NB];
        for (int k0 = 0; k0 < n; k0 += NB) {
            int k1 = Math.min(n, k0 + NB);
            int tp = tOff + (k0 / NB) * NB * NB;
            java.util.Arrays.fill(t, tp, tp + NB * NB, 0.0);
            for (int j = k0; j < k1; j++) {
                double tau = reflector(j, mb, r, rOff + j * ldr + j, b, bOff, ldb);
                // w(c) = Σ_i B(i, j)·B(i, c) over the panel: for c < j the dlarft products V(:, c)ᵀ·v_j, for c > j
                // (plus R(j, c)) the product of v_j with the columns H_j is applied to.
                java.util.Arrays.fill(w, 0.0);
                for (int i = 0; i < mb; i++) {
                    double vi = b[bOff + i * ldb + j];
                    for (int c = k0; c < k1; c++) {
                        w[c - k0] += vi * b[bOff + i * ldb + c];
                    }
                }
                for (int c = j + 1; c < k1; c++) {
                    double wc = tau * (r[rOff + j * ldr + c] + w[c - k0]);
                    r[rOff + j * ldr + c] -= wc;
                    for (int i = 0; i < mb; i++) {
                        b[bOff + i * ldb + c] -= wc * b[bOff + i * ldb + j];
                    }
                }
                // T(0:jj, jj) = −τ·T(0:jj, 0:jj)·(Vᵀ·v_j)(0:jj), T(jj, jj) = τ.
                int jj = j - k0;
                for (int i = 0; i < jj; i++) {
                    double s = 0;
                    for (int c = i; c < jj; c++) {
                        s += t[tp + i * NB + c] * w[c];
                    }
                    t[tp + i * NB + jj] = -tau * s;
                }
                t[tp + jj * NB + jj] = tau;
            }
            trailing(k0, k1, n, mb, r, rOff, ldr, b, bOff, ldb, t, tp);
        }
    }

    /**
     * Forms the reflector of column j from (R(j, j); B(:, j)): R(j, j) ← β, B(:, j) ← v below the top; returns τ
     * (0 when B(:, j) is zero, then nothing changes: dlarfg's convention).
     */
    static double reflector(int j, int mb, double[] r, int rjj, double[] b, int bOff, int ldb) {
        double alpha = r[rjj];
        double max = 0;
        for (int i = 0; i < mb; i++) {
            max = Math.max(max, Math.abs(b[bOff + i * ldb + j]));
        }
        if (max == 0) {
            return 0;
        }
        // Scaled by a power of two (exact) so that entries of 1e±300 neither overflow nor underflow.
        double inv = Math.scalb(1.0, -Math.getExponent(max));
        double sum = 0;
        for (int i = 0; i < mb; i++) {
            double x = b[bOff + i * ldb + j] * inv;
            sum += x * x;
        }
        double xnorm = Math.sqrt(sum) / inv;
        double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        double scale = 1 / (alpha - beta);
        for (int i = 0; i < mb; i++) {
            b[bOff + i * ldb + j] *= scale;
        }
        r[rjj] = beta;
        return (beta - alpha) / beta;
    }

    /** Applies the panel's (I − V·T·Vᵀ)ᵀ to the columns k1…n−1 of [R; B]. */
    private static void trailing(int k0, int k1, int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff,
                                 int ldb, double[] t, int tp) {
        int nt = n - k1;
        if (nt == 0) {
            return;
        }
        int kb = k1 - k0;
        double[] w = new double[kb * nt];
        for (int k = 0; k < kb; k++) {
            System.arraycopy(r, rOff + (k0 + k) * ldr + k1, w, k * nt, nt);
        }
        for (int i = 0; i < mb; i++) {
            int row = bOff + i * ldb;
            for (int k = 0; k < kb; k++) {
                double v = b[row + k0 + k];
                for (int c = 0; c < nt; c++) {
                    w[k * nt + c] += v * b[row + k1 + c];
                }
            }
        }
        multiplyT(true, kb, nt, t, tp, w);
        for (int k = 0; k < kb; k++) {
            for (int c = 0; c < nt; c++) {
                r[rOff + (k0 + k) * ldr + k1 + c] -= w[k * nt + c];
            }
        }
        for (int i = 0; i < mb; i++) {
            int row = bOff + i * ldb;
            for (int k = 0; k < kb; k++) {
                double v = b[row + k0 + k];
                for (int c = 0; c < nt; c++) {
                    b[row + k1 + c] -= v * w[k * nt + c];
                }
            }
        }
    }

    /** W ← op(T)·W for the kb×kb upper triangle T at tp (row stride NB); W is kb×nt row-major. */
    static void multiplyT(boolean transpose, int kb, int nt, double[] t, int tp, double[] w) {
        if (transpose) {
            // (Tᵀ·W)(i, :) = Σ_{k ≤ i} T(k, i)·W(k, :): bottom-up keeps the rows still needed intact.
            for (int i = kb - 1; i >= 0; i--) {
                for (int c = 0; c < nt; c++) {
                    double s = 0;
                    for (int k = 0; k <= i; k++) {
                        s += t[tp + k * NB + i] * w[k * nt + c];
                    }
                    w[i * nt + c] = s;
                }
            }
        } else {
            // (T·W)(i, :) = Σ_{k ≥ i} T(i, k)·W(k, :): top-down.
            for (int i = 0; i < kb; i++) {
                for (int c = 0; c < nt; c++) {
                    double s = 0;
                    for (int k = i; k < kb; k++) {
                        s += t[tp + i * NB + k] * w[k * nt + c];
                    }
                    w[i * nt + c] = s;
                }
            }
        }
    }

    static void multiplyQ(Transpose trans, int n, int mb, int nrhs, double[] v, int vOff, int ldv, double[] t,
                          int tOff, double[] top, int topOff, int ldtop, double[] bot, int botOff, int ldbot) {
        if (n == 0 || nrhs == 0) {
            return; // nothing to apply (and with mb = n = 0 the checks do not bound nrhs: no scratch of NB·nrhs)
        }
        int panels = (n + NB - 1) / NB;
        boolean qt = trans == Transpose.TRANSPOSE;
        double[] w = new double[NB * nrhs];
        for (int s = 0; s < panels; s++) {
            int p = qt ? s : panels - 1 - s;
            int k0 = p * NB;
            int kb = Math.min(n, k0 + NB) - k0;
            int tp = tOff + p * NB * NB;
            // W = C_top(k0:k1, :) + V_bᵀ·C_bot;  W ← op(T)ᵀ-or-T·W;  C_top −= W;  C_bot −= V_b·W.
            for (int k = 0; k < kb; k++) {
                System.arraycopy(top, topOff + (k0 + k) * ldtop, w, k * nrhs, nrhs);
            }
            for (int i = 0; i < mb; i++) {
                for (int k = 0; k < kb; k++) {
                    double vk = v[vOff + i * ldv + k0 + k];
                    for (int c = 0; c < nrhs; c++) {
                        w[k * nrhs + c] += vk * bot[botOff + i * ldbot + c];
                    }
                }
            }
            multiplyT(qt, kb, nrhs, t, tp, w);
            for (int k = 0; k < kb; k++) {
                for (int c = 0; c < nrhs; c++) {
                    top[topOff + (k0 + k) * ldtop + c] -= w[k * nrhs + c];
                }
            }
            for (int i = 0; i < mb; i++) {
                for (int k = 0; k < kb; k++) {
                    double vk = v[vOff + i * ldv + k0 + k];
                    for (int c = 0; c < nrhs; c++) {
                        bot[botOff + i * ldbot + c] -= vk * w[k * nrhs + c];
                    }
                }
            }
        }
    }
}
