package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.ScalarBackend;

import java.util.Random;

import static dev.linea.kernels.conformance.Tolerance.EPS;
import static dev.linea.kernels.conformance.Tolerance.GAMMA;

/** dot, axpy and scal against the scalar reference at every size and layout. */
class Level1ConformanceTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;

    @ForEachBackend
    void dot(Backend b) {
        Failures f = new Failures();
        for (int n : Sizes.LINEAR) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                Random rnd = Ctx.random("dot", n, lay.name());
                Strided x = Strided.vector(n, lay.off(0)).random(rnd);
                Strided y = Strided.vector(n, lay.off(2)).random(rnd);
                Strided x0 = x.copy();
                Strided y0 = y.copy();
                String ctx = Ctx.of(b, "dot", "n", n, "xOff", x.off, "yOff", y.off);
                double got = b.dot(n, x.data, x.off, y.data, y.off);
                double ref = REF.dot(n, x0.data, x0.off, y0.data, y0.off);
                double mag = REF.dot(n, x0.abs().data, x0.off, y0.abs().data, y0.off);
                Worst w = new Worst("result");
                w.check(-1, got, ref, Tolerance.sum(n, mag));
                w.report(f, ctx);
                x.requireUnchanged(x0, "x", f, ctx);
                y.requireUnchanged(y0, "y", f, ctx);
            }
            Random rnd = Ctx.random("dot whole", n);
            double[] x = Strided.vector(n, 0).random(rnd).data;
            double[] y = Strided.vector(n, 0).random(rnd).data;
            java.util.Arrays.fill(x, n, x.length, 0.5); // whole-array form: the tail is part of the vectors
            java.util.Arrays.fill(y, n, y.length, -0.25);
            double got = b.dot(x, y);
            double ref = REF.dot(x, y);
            double mag = 0;
            for (int i = 0; i < x.length; i++) {
                mag += Math.abs(x[i] * y[i]);
            }
            Worst w = new Worst("result");
            w.check(-1, got, ref, Tolerance.sum(x.length, mag));
            w.report(f, Ctx.of(b, "dot(x, y)", "length", x.length));
        }
        f.assertNone();
    }

    @ForEachBackend
    void axpy(Backend b) {
        Failures f = new Failures();
        for (int n : Sizes.LINEAR) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                for (double alpha : new double[]{-1.7, 0, 1}) {
                    Random rnd = Ctx.random("axpy", n, lay.name(), alpha);
                    Strided x = Strided.vector(n, lay.off(0)).random(rnd);
                    Strided y = Strided.vector(n, lay.off(2)).random(rnd);
                    Strided x0 = x.copy();
                    Strided y0 = y.copy();
                    Strided ref = y.copy();
                    String ctx = Ctx.of(b, "axpy", "n", n, "alpha", alpha, "xOff", x.off, "yOff", y.off);
                    b.axpy(n, alpha, x.data, x.off, y.data, y.off);
                    REF.axpy(n, alpha, x0.data, x0.off, ref.data, ref.off);
                    Worst w = new Worst("y");
                    for (int i = 0; i < n; i++) {
                        double tol = GAMMA * EPS * (Math.abs(y0.at(i)) + Math.abs(alpha * x0.at(i)));
                        w.check(i, y.at(i), ref.at(i), tol);
                    }
                    w.report(f, ctx);
                    x.requireUnchanged(x0, "x", f, ctx);
                    y.requireOutsideUnchanged(y0, "y", f, ctx);
                }
            }
        }
        f.assertNone();
    }

    @ForEachBackend
    void scal(Backend b) {
        Failures f = new Failures();
        for (int n : Sizes.LINEAR) {
            for (Sizes.Layout lay : Sizes.LAYOUTS) {
                for (double alpha : new double[]{-1.7, 0, 1, 0x1p-1060}) {
                    Random rnd = Ctx.random("scal", n, lay.name(), alpha);
                    Strided x = Strided.vector(n, lay.off(1)).random(rnd);
                    Strided x0 = x.copy();
                    Strided ref = x.copy();
                    String ctx = Ctx.of(b, "scal", "n", n, "alpha", alpha, "xOff", x.off);
                    b.scal(n, alpha, x.data, x.off);
                    REF.scal(n, alpha, ref.data, ref.off);
                    Worst w = new Worst("x"); // one correctly rounded product (subnormal results too): exact
                    for (int i = 0; i < n; i++) {
                        w.check(i, x.at(i), ref.at(i), 0);
                    }
                    w.report(f, ctx);
                    x.requireOutsideUnchanged(x0, "x", f, ctx);
                }
            }
        }
        f.assertNone();
    }
}
