package dev.linea.kernels.fuzz;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the argument validation of every public kernel: random sizes, offsets, leading dimensions and array
 * lengths (often wrong, sometimes null, sometimes huge). The only exception allowed to escape is the documented
 * {@link IllegalArgumentException}; an {@code ArrayIndexOutOfBoundsException}, {@code NegativeArraySizeException}
 * or {@code NullPointerException} means validation let a bad call through to a kernel.
 */
class KernelArgumentFuzzTest {

    /** Sizes biased towards the edges: negative, zero, small, and large enough to overflow int arithmetic. */
    private static Arbitrary<Integer> size() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 9)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-3, -1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 16, 46341)));
    }

    private static Arbitrary<double[]> array() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 120).map(n -> {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = (i % 7) - 3 + 0.25 * i;
                    }
                    return a;
                })),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<Backend> backends() {
        List<Backend> all = new java.util.ArrayList<>(Backends.available());
        all.add(Backends.named("auto"));
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return size();
    }

    @Provide
    Arbitrary<double[]> arrays() {
        return array();
    }

    private static void mustOnlyThrowIllegalArgument(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("an IllegalArgumentException must say what was wrong").isNotBlank();
        }
    }

    @Property(tries = 2500)
    void level1(@ForAll("backends") Backend b, @ForAll("sizes") int n, @ForAll("sizes") int xo, @ForAll("sizes") int yo,
                @ForAll("arrays") double[] x, @ForAll("arrays") double[] y) {
        mustOnlyThrowIllegalArgument(() -> b.dot(n, x, xo, y, yo));
        mustOnlyThrowIllegalArgument(() -> b.axpy(n, 0.5, x, xo, y, yo));
        mustOnlyThrowIllegalArgument(() -> b.scal(n, 2, x, xo));
    }

    @Property(tries = 2500)
    void level2And3(@ForAll("backends") Backend b, @ForAll("sizes") int m, @ForAll("sizes") int n,
                    @ForAll("sizes") int k, @ForAll("sizes") int off, @ForAll("sizes") int ld,
                    @ForAll("arrays") double[] a, @ForAll("arrays") double[] x, @ForAll("arrays") double[] y,
                    @ForAll boolean t1, @ForAll boolean t2) {
        Transpose ta = t1 ? Transpose.TRANSPOSE : Transpose.NONE;
        Transpose tb = t2 ? Transpose.TRANSPOSE : Transpose.NONE;
        mustOnlyThrowIllegalArgument(() -> b.gemv(ta, m, n, 1, a, off, ld, x, 0, 0, y, 0));
        mustOnlyThrowIllegalArgument(() -> b.gram(m, n, a, off, ld, x, 0, y, 0, Math.max(1, n)));
        mustOnlyThrowIllegalArgument(() -> b.centeredGram(m, n, a, off, ld, x, k, t1 ? null : x, off, t2 ? null : x,
                0, y, 0, Math.max(1, n)));
        mustOnlyThrowIllegalArgument(() -> b.gemm(ta, tb, m, n, k, 1, a, off, ld, x, 0, ld, 0, y, 0, ld));
    }

    @Property(tries = 2500)
    void factorizations(@ForAll("backends") Backend b, @ForAll("sizes") int m, @ForAll("sizes") int n,
                        @ForAll("sizes") int nrhs, @ForAll("sizes") int off, @ForAll("sizes") int ld,
                        @ForAll("arrays") double[] a, @ForAll("arrays") double[] tau, @ForAll("arrays") double[] c,
                        @ForAll boolean t1, @ForAll boolean lower, @ForAll boolean unit) {
        Transpose t = t1 ? Transpose.TRANSPOSE : Transpose.NONE;
        mustOnlyThrowIllegalArgument(() -> b.cholesky(n, a, off, ld));
        mustOnlyThrowIllegalArgument(() -> b.choleskySolve(n, nrhs, a, off, ld, c, 0, Math.max(1, nrhs)));
        mustOnlyThrowIllegalArgument(() -> b.triangularSolve(lower ? Triangle.LOWER : Triangle.UPPER, t,
                unit ? Diagonal.UNIT : Diagonal.NON_UNIT, n, nrhs, a, off, ld, c, 0, ld));
        mustOnlyThrowIllegalArgument(() -> b.qr(m, n, a, off, ld, tau, 0));
        mustOnlyThrowIllegalArgument(() -> b.qrMultiplyQ(t, m, n, nrhs, a, off, ld, tau, 0, c, 0, ld));
        mustOnlyThrowIllegalArgument(() -> b.qrSolve(m, n, nrhs, a, off, ld, tau, 0, c, 0, ld));
    }

    @Property(tries = 2500)
    void fusedGradients(@ForAll("backends") Backend b, @ForAll("sizes") int m, @ForAll("sizes") int n,
                        @ForAll("sizes") int off, @ForAll("sizes") int ld, @ForAll("arrays") double[] x,
                        @ForAll("arrays") double[] w, @ForAll("arrays") double[] y, @ForAll("arrays") double[] s,
                        @ForAll("arrays") double[] g, @ForAll boolean intercept) {
        mustOnlyThrowIllegalArgument(() -> b.leastSquaresGradient(m, n, x, off, ld, w, 0, intercept, y, 0, s, 0, g, 0));
        mustOnlyThrowIllegalArgument(() -> b.logisticGradient(m, n, x, off, ld, w, 0, intercept, y, 0, s, 0, g, 0));
    }
}
