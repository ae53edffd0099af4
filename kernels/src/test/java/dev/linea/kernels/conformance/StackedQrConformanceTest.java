package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;
import dev.linea.kernels.Transpose;

import java.util.Random;

/**
 * qrStacked and qrStackedMultiplyQ (one step of the tall-skinny QR): every backend against the scalar reference,
 * entry by entry (the contract fixes reflectors, panels and T), at odd sizes (partial panels, blocks shorter than
 * n, a block of none), in both layouts; and the reference itself against what a QR step must satisfy, without
 * reference to any implementation: the Gram matrix is kept ({@code R'ᵀR' = RᵀR + BᵀB}) and Qᵀ maps the columns of
 * [R; B] onto [R'; 0].
 */
class StackedQrConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    /** {n, mb}. */
    static final int[][] SHAPES = {{0, 0}, {0, 5}, {1, 0}, {1, 1}, {3, 7}, {7, 3}, {8, 8}, {9, 1}, {9, 20}, {16, 16},
            {17, 103}, {24, 1000}, {32, 3}, {32, 40}, {33, 9}, {40, 0}, {40, 2}, {64, 64}, {65, 130}, {97, 50},
            {101, 328}, {103, 300}};

    /** Upper-triangular R (NaN below the diagonal: must not be read) with a dominant diagonal, and a random B. */
    private static Strided[] problem(String kernel, int n, int mb, Sizes.Layout lay) {
        Random rnd = Ctx.random(kernel, n, mb, lay.name());
        Strided r = Matrices.triangular(n, false, false, lay.off(0), lay.pad(), rnd);
        Strided b = Strided.matrix(mb, n, lay.off(1), lay.pad() + 1).random(rnd);
        Strided t = Strided.vector(Backend.stackedQrTLength(n), lay.off(2)).fill(Double.NaN);
        return new Strided[] {r, b, t};
    }

    @ForEachBackend
    void qrStacked(Backend be) {
        Failures f = new Failures();
        for (int[] s : SHAPES) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                int n = s[0];
                int mb = s[1];
                Strided[] p = problem("qrStacked", n, mb, lay);
                Strided r = p[0];
                Strided b = p[1];
                Strided t = p[2];
                Strided r0 = r.copy();
                Strided b0 = b.copy();
                Strided t0 = t.copy();
                Strided refR = r.copy();
                Strided refB = b.copy();
                Strided refT = t.copy();
                String ctx = Ctx.of(be, "qrStacked", "n", n, "mb", mb, "rOff", r.off, "ldr", r.ld, "bOff", b.off,
                        "ldb", b.ld, "tOff", t.off);
                be.qrStacked(n, mb, r.data, r.off, r.ld, b.data, b.off, b.ld, t.data, t.off);
                REF.qrStacked(n, mb, refR.data, refR.off, refR.ld, refB.data, refB.off, refB.ld, refT.data,
                        refT.off);
                double scale = 2 + columnNormBound(r0, b0, n, mb);
                Worst wr = new Worst("R");
                Worst wv = new Worst("reflectors");
                Worst wt = new Worst("T");
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (i <= j) {
                            wr.check(i, j, r.get(i, j), refR.get(i, j), Tolerance.qr(mb + n, n, scale));
                        } else if (!Double.isNaN(r.get(i, j))) {
                            f.add(ctx + ": r(" + i + ", " + j + ") below the diagonal was written: " + r.get(i, j)
                                    + ", expected it untouched (NaN)");
                        }
                    }
                }
                for (int i = 0; i < mb; i++) {
                    for (int j = 0; j < n; j++) {
                        wv.check(i, j, b.get(i, j), refB.get(i, j), Tolerance.qr(mb + n, n, 1));
                    }
                }
                for (int i = 0; i < Backend.stackedQrTLength(n); i++) {
                    wt.check(i, t.at(i), refT.at(i), Tolerance.qr(mb + n, n, 4));
                }
                wr.report(f, ctx);
                wv.report(f, ctx);
                wt.report(f, ctx);
                r.requireOutsideUnchanged(r0, "r", f, ctx);
                b.requireOutsideUnchanged(b0, "b", f, ctx);
                t.requireOutsideUnchanged(t0, "t", f, ctx);
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void qrStackedMultiplyQ(Backend be) {
        Failures f = new Failures();
        for (Transpose trans : Transpose.values()) {
            for (int[] s : SHAPES) {
                for (int nrhs : new int[] {0, 1, 3}) {
                    for (Sizes.Layout lay : Sizes.LAYOUTS) {
                        int n = s[0];
                        int mb = s[1];
                        Strided[] p = problem("qrStackedMultiplyQ", n, mb, lay);
                        Strided v = p[1];
                        Strided t = p[2];
                        REF.qrStacked(n, mb, p[0].data, p[0].off, p[0].ld, v.data, v.off, v.ld, t.data, t.off);
                        Random rnd = Ctx.random("qrStackedMultiplyQ rhs", trans, n, mb, nrhs, lay.name());
                        Strided top = Strided.matrix(n, nrhs, lay.off(3), lay.pad()).random(rnd);
                        Strided bot = Strided.matrix(mb, nrhs, lay.off(4), lay.pad() + 2).random(rnd);
                        Strided v0 = v.copy();
                        Strided t0 = t.copy();
                        Strided top0 = top.copy();
                        Strided bot0 = bot.copy();
                        Strided refTop = top.copy();
                        Strided refBot = bot.copy();
                        String ctx = Ctx.of(be, "qrStackedMultiplyQ", "trans", trans, "n", n, "mb", mb, "nrhs",
                                nrhs, "vOff", v.off, "ldv", v.ld, "topOff", top.off, "ldtop", top.ld, "botOff",
                                bot.off, "ldbot", bot.ld);
                        be.qrStackedMultiplyQ(trans, n, mb, nrhs, v.data, v.off, v.ld, t.data, t.off,
                                top.data, top.off, top.ld, bot.data, bot.off, bot.ld);
                        REF.qrStackedMultiplyQ(trans, n, mb, nrhs, v0.data, v0.off, v0.ld, t0.data, t0.off,
                                refTop.data, refTop.off, refTop.ld, refBot.data, refBot.off, refBot.ld);
                        Worst w = new Worst("[top; bot]");
                        // Q is orthogonal: every entry of the result is bounded by the column's norm, ≤ √(n + mb).
                        double tol = Tolerance.qr(mb + n, n, Math.sqrt(n + mb + 1.0));
                        for (int c = 0; c < nrhs; c++) {
                            for (int i = 0; i < n; i++) {
                                w.check(i, c, top.get(i, c), refTop.get(i, c), tol);
                            }
                            for (int i = 0; i < mb; i++) {
                                w.check(n + i, c, bot.get(i, c), refBot.get(i, c), tol);
                            }
                        }
                        w.report(f, ctx);
                        v.requireUnchanged(v0, "v", f, ctx);
                        t.requireUnchanged(t0, "t", f, ctx);
                        top.requireOutsideUnchanged(top0, "top", f, ctx);
                        bot.requireOutsideUnchanged(bot0, "bot", f, ctx);
                    }
                }
            }
        }
        f.assertNone();
    }

    /** The reference keeps the Gram matrix and Qᵀ·[R; B] = [R'; 0], column by column; Q·Qᵀ is the identity. */
    @org.junit.jupiter.api.Test
    void referenceIsAQrStep() {
        Failures f = new Failures();
        for (int[] s : SHAPES) {
            int n = s[0];
            int mb = s[1];
            Strided[] p = problem("reference", n, mb, Sizes.TIGHT);
            Strided r0 = p[0].copy();
            Strided b0 = p[1].copy();
            Strided r = p[0];
            Strided v = p[1];
            Strided t = p[2];
            REF.qrStacked(n, mb, r.data, r.off, r.ld, v.data, v.off, v.ld, t.data, t.off);
            String ctx = "reference qrStacked n = " + n + ", mb = " + mb;
            double scale = 2 + columnNormBound(r0, b0, n, mb);
            Worst gram = new Worst("R'ᵀR' − (RᵀR + BᵀB)");
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double before = 0;
                    double after = 0;
                    for (int k = 0; k <= Math.min(i, j); k++) {
                        before += r0.get(k, i) * r0.get(k, j);
                        after += r.get(k, i) * r.get(k, j);
                    }
                    for (int k = 0; k < mb; k++) {
                        before += b0.get(k, i) * b0.get(k, j);
                    }
                    gram.check(i, j, after, before, Tolerance.qr(mb + n, n, scale * scale));
                }
            }
            gram.report(f, ctx);
            // Qᵀ applied to the original columns: R' on top, zeros below; then Q brings them back.
            Strided top = Strided.matrix(n, n, 0, 0);
            Strided bot = Strided.matrix(mb, n, 0, 0);
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < n; i++) {
                    top.set(i, c, i <= c ? r0.get(i, c) : 0);
                }
                for (int i = 0; i < mb; i++) {
                    bot.set(i, c, b0.get(i, c));
                }
            }
            REF.qrStackedMultiplyQ(Transpose.TRANSPOSE, n, mb, n, v.data, v.off, v.ld, t.data, t.off,
                    top.data, top.off, top.ld, bot.data, bot.off, bot.ld);
            Worst qt = new Worst("Qᵀ·[R; B] − [R'; 0]");
            double tol = Tolerance.qr(mb + n, n, scale);
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < n; i++) {
                    qt.check(i, c, top.get(i, c), i <= c ? r.get(i, c) : 0, tol);
                }
                for (int i = 0; i < mb; i++) {
                    qt.check(n + i, c, bot.get(i, c), 0, tol);
                }
            }
            qt.report(f, ctx);
            REF.qrStackedMultiplyQ(Transpose.NONE, n, mb, n, v.data, v.off, v.ld, t.data, t.off,
                    top.data, top.off, top.ld, bot.data, bot.off, bot.ld);
            Worst back = new Worst("Q·Qᵀ·[R; B] − [R; B]");
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < n; i++) {
                    back.check(i, c, top.get(i, c), i <= c ? r0.get(i, c) : 0, tol);
                }
                for (int i = 0; i < mb; i++) {
                    back.check(n + i, c, bot.get(i, c), b0.get(i, c), tol);
                }
            }
            back.report(f, ctx);
        }
        f.assertNone();
    }

    /** The largest column norm of [R; B] (R's upper triangle). */
    private static double columnNormBound(Strided r, Strided b, int n, int mb) {
        double max = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i <= j; i++) {
                s += r.get(i, j) * r.get(i, j);
            }
            for (int i = 0; i < mb; i++) {
                s += b.get(i, j) * b.get(i, j);
            }
            max = Math.max(max, Math.sqrt(s));
        }
        return max;
    }
}
