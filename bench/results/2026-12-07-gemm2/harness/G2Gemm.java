package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Scratch copy of PackedProduct's GEMM path (β = 0, no transposes) with its block sizes and tile variant as
 * parameters, to compare loop-nest variants in one JVM. Not library code. */
final class G2Gemm {
    static final VectorSpecies<Double> S = Panels.S;
    static final int L = Panels.L, MR = 6, NR = 2 * L;
    static double sink;

    final int kcBlock, jb, variant;
    double[] qbuf = new double[0], pbuf = new double[0];
    final double[] tile = new double[MR * NR];
    long packNanos;
    int aCol, lda;
    double[] scratch = new double[8 * 1024];
    double[] a;

    G2Gemm(int kcBlock, int jb, int variant) { this.kcBlock = kcBlock; this.jb = jb; this.variant = variant; }

    public String toString() { return "kc" + kcBlock + "/jb" + jb + "/v" + variant; }

    void gemm(int m, int n, int k, double[] a, double[] b, double[] c) {
        this.a = a;
        int kcMax = (k + (k + kcBlock - 1) / kcBlock - 1) / ((k + kcBlock - 1) / kcBlock);
        int strideMax = Panels.stride(kcMax);
        int qs = Panels.pairedPanels(n) * strideMax, ps = ((m + L - 1) / L + 1) * strideMax;
        if (qbuf.length < qs) qbuf = new double[qs];
        if (pbuf.length < ps) pbuf = new double[ps];
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            int stride = Panels.stride(kc);
            Panels.packRows(kc, n, b, pc * n, n, null, 0, qbuf, Panels.pairedPanels(n), stride);
            if (variant == 8) G2Pack.packColumns(kc, m, a, pc, k, pbuf, (m + L - 1) / L, stride);
            else if (variant != 3) Panels.packColumns(kc, m, a, pc, k, null, 0, pbuf, (m + L - 1) / L, stride);
            aCol = pc; lda = k;
            int mode = pc == 0 || variant == 5 ? MicroKernel.SET : MicroKernel.ADD;
            for (int j0 = 0; j0 < n; j0 += jb) {
                int j1 = Math.min(n, j0 + jb);
                block(m, j0, j1, n, kc, stride, mode, c);
            }
        }
    }

    private void block(int mc, int jb0, int jbEnd, int nc, int kc, int stride, int mode, double[] c) {
        int ldc = nc;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int last = ir + rows - 1;
            int r0 = pOff(ir, stride), r1 = pOff(Math.min(ir + 1, last), stride), r2 = pOff(Math.min(ir + 2, last), stride);
            int r3 = pOff(Math.min(ir + 3, last), stride), r4 = pOff(Math.min(ir + 4, last), stride), r5 = pOff(Math.min(ir + 5, last), stride);
            int jWhole = rows < MR ? -1 : nc - NR;
            for (int jr = jb0; jr < jbEnd; jr += NR) {
                int q0 = (jr / L) * stride;
                int ci = ir * ldc + jr;
                if (jr <= jWhole) {
                    if (variant == 1 && mode == MicroKernel.ADD) {
                        // touch the next tile's C lines (6 rows, 2 lines each) before this tile's k loop
                        int nx = jr + NR < jbEnd ? ci + NR : (ir + MR + MR <= mc ? ci + MR * ldc - (jr - jb0) : ci);
                        int hi = Math.min(c.length - 1 - 5 * ldc, nx + NR - 1);
                        if (nx <= hi) {
                            sink += c[nx] + c[hi] + c[nx + ldc] + c[hi + ldc] + c[nx + 2 * ldc] + c[hi + 2 * ldc]
                                    + c[nx + 3 * ldc] + c[hi + 3 * ldc] + c[nx + 4 * ldc] + c[hi + 4 * ldc]
                                    + c[nx + 5 * ldc] + c[hi + 5 * ldc];
                        }
                    }
                    if (variant == 7) {
                        MicroKernel.tileInto(kc, qbuf, q0, q0 + stride, pbuf, r0, r1, r2, r3, r4, r5, MicroKernel.SET, scratch, jr, ldc);
                    } else if (variant == 3) {
                        int a0 = ir * lda + aCol;
                        G2Micro.tileIntoA(kc, qbuf, q0, q0 + stride, a, a0, a0 + lda, a0 + 2 * lda, a0 + 3 * lda,
                                a0 + 4 * lda, a0 + 5 * lda, mode, c, ci, ldc);
                    } else if (variant == 2) {
                        G2Micro.tileInto2(kc, qbuf, q0, q0 + stride, pbuf, r0, r1, r2, r3, r4, r5, mode, c, ci, ldc);
                    } else if (variant == 9) {
                        // probe: compute, do not touch C
                        MicroKernel.tile(kc, qbuf, q0, q0 + stride, pbuf, r0, r1, r2, r3, r4, r5, tile);
                    } else {
                        MicroKernel.tileInto(kc, qbuf, q0, q0 + stride, pbuf, r0, r1, r2, r3, r4, r5, mode, c, ci, ldc);
                    }
                } else if (variant == 3) {
                    int a0 = ir * lda + aCol;
                    int[] ar = new int[6];
                    for (int r = 0; r < 6; r++) ar[r] = a0 + Math.min(r, rows - 1) * lda;
                    G2Micro.tileIntoA(kc, qbuf, q0, q0 + stride, a, ar[0], ar[1], ar[2], ar[3], ar[4], ar[5],
                            MicroKernel.SET, tile, 0, NR);
                    int cols = Math.min(NR, nc - jr);
                    for (int r = 0; r < rows; r++)
                        for (int t = 0; t < cols; t++)
                            c[ci + r * ldc + t] = (mode == MicroKernel.SET ? 0 : c[ci + r * ldc + t]) + tile[r * NR + t];
                } else {
                    MicroKernel.tile(kc, qbuf, q0, q0 + stride, pbuf, r0, r1, r2, r3, r4, r5, tile);
                    int cols = Math.min(NR, nc - jr);
                    for (int r = 0; r < rows; r++)
                        for (int t = 0; t < cols; t++)
                            c[ci + r * ldc + t] = (mode == MicroKernel.SET ? 0 : c[ci + r * ldc + t]) + tile[r * NR + t];
                }
            }
        }
    }

    private static int pOff(int i, int stride) { return (i / L) * stride + (i % L); }
}
