package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Misuse of every public {@link Backend} method is an {@link IllegalArgumentException} whose message names the
 * kernel, the parameter, the value found and the value expected: one dynamic test per promise, on every backend.
 * Each method is described once by a valid call ({@link Spec}) whose arrays have exactly the length they need;
 * the tests then break one argument at a time: negative sizes, null arrays and enums, arrays one element short,
 * negative offsets, offsets one too far, leading dimensions one below the row length, negative/NaN/infinite
 * weights, and m &lt; n for the QR kernels.
 */
class ValidationConformanceTest {

    /** OPTIONAL: an array that may be null (centeredGram's shift and scale), checked for length when given. */
    enum Role { SIZE, ENUM, SCALAR, FLAG, ARRAY, OPTIONAL, WEIGHTS, OFFSET, LD }

    /** One formal parameter of a public Backend method with its value in a valid call. */
    record Param(String name, Class<?> type, Object value, Role role, String array, int minimum) {
    }

    /** A valid call of one public Backend method, parameter by parameter in signature order. */
    static final class Spec {
        final String method;
        final String kernel;
        final String label;
        final List<Param> params = new ArrayList<>();

        Spec(String method, String label) {
            this(method, method, label);
        }

        Spec(String method, String kernel, String label) {
            this.method = method;
            this.kernel = kernel;
            this.label = label;
        }

        Spec size(String name, int v) {
            params.add(new Param(name, int.class, v, Role.SIZE, null, 0));
            return this;
        }

        <E extends Enum<E>> Spec choice(String name, Class<E> type, E v) {
            params.add(new Param(name, type, v, Role.ENUM, null, 0));
            return this;
        }

        Spec scalar(String name, double v) {
            params.add(new Param(name, double.class, v, Role.SCALAR, null, 0));
            return this;
        }

        Spec flag(String name, boolean v) {
            params.add(new Param(name, boolean.class, v, Role.FLAG, null, 0));
            return this;
        }

        /** A vector of n elements at offset off: parameters {@code name} and {@code nameOff}. */
        Spec vector(String name, int off, int n) {
            params.add(new Param(name, double[].class, filled(off + n, 0.5), Role.ARRAY, name, 0));
            params.add(new Param(name + "Off", int.class, off, Role.OFFSET, name, 0));
            return this;
        }

        /** An optional vector (null allowed) of n elements at offset off: {@code name} and {@code nameOff}. */
        Spec optional(String name, int off, int n) {
            params.add(new Param(name, double[].class, filled(off + n, 0.5), Role.OPTIONAL, name, 0));
            params.add(new Param(name + "Off", int.class, off, Role.OFFSET, name, 0));
            return this;
        }

        /** Optional weights (null allowed): n ones at offset off. */
        Spec weights(String name, int off, int n) {
            params.add(new Param(name, double[].class, filled(off + n, 1), Role.WEIGHTS, name, 0));
            params.add(new Param(name + "Off", int.class, off, Role.OFFSET, name, 0));
            return this;
        }

        /** A rows×cols matrix at offset off with leading dimension ld: {@code name}, {@code nameOff}, {@code ldname}. */
        Spec matrix(String name, int off, int ld, int rows, int cols) {
            int len = off + (rows - 1) * ld + cols;
            params.add(new Param(name, double[].class, filled(len, 0.5), Role.ARRAY, name, 0));
            params.add(new Param(name + "Off", int.class, off, Role.OFFSET, name, 0));
            params.add(new Param("ld" + name, int.class, ld, Role.LD, name, cols));
            return this;
        }

        Object[] args() {
            Object[] a = new Object[params.size()];
            for (int i = 0; i < a.length; i++) {
                Object v = params.get(i).value();
                a[i] = v instanceof double[] d ? d.clone() : v;
            }
            return a;
        }

        int index(String name) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new IllegalStateException(name);
        }

        Method method() {
            Class<?>[] types = params.stream().map(Param::type).toArray(Class<?>[]::new);
            try {
                return Backend.class.getMethod(method, types);
            } catch (NoSuchMethodException e) {
                throw new AssertionError("the spec of " + label + " does not match a public Backend method", e);
            }
        }

        private static double[] filled(int n, double v) {
            double[] a = new double[n];
            Arrays.fill(a, v);
            return a;
        }
    }

    /** Valid calls of every public method (both transposes where the shapes differ). */
    static List<Spec> specs() {
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("dot", "dot").size("n", 3).vector("x", 1, 3).vector("y", 2, 3));
        s.add(new Spec("axpy", "axpy").size("n", 3).scalar("alpha", 2).vector("x", 1, 3).vector("y", 2, 3));
        s.add(new Spec("scal", "scal").size("n", 3).scalar("alpha", 2).vector("x", 1, 3));
        s.add(new Spec("gemv", "gemv NONE").choice("trans", Transpose.class, Transpose.NONE).size("m", 3)
                .size("n", 4).scalar("alpha", 1).matrix("a", 1, 5, 3, 4).vector("x", 2, 4).scalar("beta", 0)
                .vector("y", 1, 3));
        s.add(new Spec("gemv", "gemv TRANSPOSE").choice("trans", Transpose.class, Transpose.TRANSPOSE)
                .size("m", 3).size("n", 4).scalar("alpha", 1).matrix("a", 2, 6, 3, 4).vector("x", 1, 3)
                .scalar("beta", 0).vector("y", 3, 4));
        s.add(new Spec("gram", "gram").size("m", 4).size("n", 3).matrix("a", 1, 4, 4, 3).weights("w", 2, 4)
                .matrix("c", 3, 5, 3, 3));
        s.add(new Spec("centeredGram", "centeredGram").size("m", 4).size("n", 3).matrix("a", 1, 4, 4, 3)
                .optional("shift", 1, 3).optional("scale", 2, 3).weights("w", 2, 4).matrix("c", 3, 5, 3, 3));
        s.add(new Spec("gemm", "gemm NONE NONE").choice("transA", Transpose.class, Transpose.NONE)
                .choice("transB", Transpose.class, Transpose.NONE).size("m", 2).size("n", 3).size("k", 4)
                .scalar("alpha", 1).matrix("a", 1, 5, 2, 4).matrix("b", 2, 4, 4, 3).scalar("beta", 0)
                .matrix("c", 3, 4, 2, 3));
        s.add(new Spec("gemm", "gemm TRANSPOSE TRANSPOSE").choice("transA", Transpose.class, Transpose.TRANSPOSE)
                .choice("transB", Transpose.class, Transpose.TRANSPOSE).size("m", 2).size("n", 3).size("k", 4)
                .scalar("alpha", 1).matrix("a", 1, 3, 4, 2).matrix("b", 2, 5, 3, 4).scalar("beta", 0)
                .matrix("c", 3, 4, 2, 3));
        s.add(new Spec("cholesky", "cholesky").size("n", 3).matrix("a", 1, 4, 3, 3));
        s.add(new Spec("choleskySolve", "choleskySolve").size("n", 3).size("nrhs", 2).matrix("l", 1, 4, 3, 3)
                .matrix("b", 2, 3, 3, 2));
        s.add(new Spec("triangularSolve", "triangularSolve").choice("uplo", Triangle.class, Triangle.LOWER)
                .choice("trans", Transpose.class, Transpose.NONE).choice("diag", Diagonal.class, Diagonal.NON_UNIT)
                .size("n", 3).size("nrhs", 2).matrix("a", 1, 4, 3, 3).matrix("b", 2, 3, 3, 2));
        s.add(new Spec("qr", "qr").size("m", 4).size("n", 3).matrix("a", 1, 4, 4, 3).vector("tau", 2, 3));
        s.add(new Spec("qrMultiplyQ", "qrMultiplyQ").choice("trans", Transpose.class, Transpose.TRANSPOSE)
                .size("m", 4).size("n", 3).size("nrhs", 2).matrix("qr", 1, 4, 4, 3).vector("tau", 2, 3)
                .matrix("b", 3, 3, 4, 2));
        s.add(qrSolveSpec());
        for (String k : new String[]{"leastSquaresGradient", "logisticGradient"}) {
            for (boolean intercept : new boolean[]{false, true}) {
                int p = intercept ? 4 : 3;
                s.add(new Spec(k, k + (intercept ? " with intercept" : "")).size("m", 5).size("n", 3)
                        .matrix("x", 1, 4, 5, 3).vector("w", 2, p).flag("intercept", intercept).vector("y", 3, 5)
                        .weights("s", 1, 5).vector("g", 2, p));
            }
        }
        s.add(new Spec("leastSquaresGradient", "leastSquaresGradient (short form)").size("m", 5).size("n", 3)
                .matrix("x", 1, 4, 5, 3).vector("w", 2, 3).vector("y", 3, 5).vector("g", 2, 3));
        return s;
    }

    /**
     * qrSolve validates through qrMultiplyQ, whose name its messages carry today; the prefix is checked by
     * {@link #qrSolveMisuseNamesQrSolve()} alone so that this one defect fails one test per backend, not eighteen.
     */
    static Spec qrSolveSpec() {
        return new Spec("qrSolve", null, "qrSolve").size("m", 4).size("n", 3).size("nrhs", 2)
                .matrix("qr", 1, 4, 4, 3).vector("tau", 2, 3).matrix("b", 3, 3, 4, 2);
    }

    /** A broken argument and the pieces its message must contain. */
    record Mutation(String title, int index, Object value, List<String> expected) {
    }

    static List<Mutation> mutations(Spec spec) {
        List<Mutation> list = new ArrayList<>();
        for (int i = 0; i < spec.params.size(); i++) {
            Param p = spec.params.get(i);
            switch (p.role()) {
                case SIZE -> list.add(new Mutation(p.name() + " = -1", i, -1,
                        List.of(p.name() + " = -1", "expected >= 0")));
                case ENUM -> list.add(new Mutation(p.name() + " = null", i, null,
                        List.of(p.name() + " is null", "expected")));
                case ARRAY, OPTIONAL, WEIGHTS -> {
                    int len = ((double[]) p.value()).length;
                    if (p.role() == Role.ARRAY) {
                        list.add(new Mutation(p.name() + " = null", i, null,
                                List.of(p.name() + " is null", "expected an array")));
                    }
                    list.add(new Mutation(p.name() + " one element short", i, new double[len - 1],
                            List.of(p.name() + " has length " + (len - 1), "expected at least " + len)));
                    if (p.role() == Role.WEIGHTS) {
                        int off = (int) spec.params.get(i + 1).value();
                        for (double bad : new double[]{-1, Double.NaN, Double.POSITIVE_INFINITY}) {
                            double[] w = ((double[]) p.value()).clone();
                            w[off + 1] = bad;
                            list.add(new Mutation(p.name() + "[1] = " + bad, i, w,
                                    List.of(p.name() + "[1] = " + bad, "expected a finite weight >= 0")));
                        }
                    }
                }
                case OFFSET -> {
                    int off = (int) p.value();
                    int len = ((double[]) spec.params.get(spec.index(p.array())).value()).length;
                    list.add(new Mutation(p.name() + " = -1", i, -1,
                            List.of(p.array() + " offset = -1", "expected >= 0")));
                    list.add(new Mutation(p.name() + " one too far", i, off + 1,
                            List.of(p.array() + " has length " + len, "expected at least " + (len + 1))));
                }
                case LD -> list.add(new Mutation(p.name() + " = " + (p.minimum() - 1), i, p.minimum() - 1,
                        List.of("leading dimension of " + p.array() + " = " + (p.minimum() - 1),
                                "expected >= " + p.minimum())));
                default -> {
                }
            }
        }
        if (spec.method.startsWith("qr")) {
            addWide(spec, list);
        }
        return list;
    }

    /** m = n − 1: the QR kernels need a tall or square matrix. */
    private static void addWide(Spec spec, List<Mutation> list) {
        int n = (int) spec.params.get(spec.index("n")).value();
        list.add(new Mutation("m = n - 1 = " + (n - 1), spec.index("m"), n - 1,
                List.of("m = " + (n - 1), "n = " + n, "expected", "m >= n")));
    }

    @TestFactory
    Stream<DynamicNode> everyMisuseIsAnIllegalArgumentExceptionThatSaysWhatAndWhy() {
        return BackendsUnderTest.all().map(b -> DynamicContainer.dynamicContainer(b.name(),
                specs().stream().map(spec -> DynamicContainer.dynamicContainer(spec.label, Stream.concat(
                        Stream.of(DynamicTest.dynamicTest("valid call", () -> validCallPasses(b, spec))),
                        mutations(spec).stream().map(mu -> DynamicTest.dynamicTest(mu.title(),
                                () -> misuseIsReported(b, spec, mu))))))));
    }

    private static void validCallPasses(Backend b, Spec spec) {
        Method m = spec.method();
        assertThatCode(() -> invoke(m, b, spec.args())).doesNotThrowAnyException();
        for (int i = 0; i < spec.params.size(); i++) {
            Role role = spec.params.get(i).role();
            if (role == Role.WEIGHTS || role == Role.OPTIONAL) { // null weights mean all ones: valid
                Object[] args = spec.args();
                args[i] = null;
                assertThatCode(() -> invoke(m, b, args)).as("%s with %s = null", spec.label,
                        spec.params.get(i).name()).doesNotThrowAnyException();
            }
        }
    }

    private static void misuseIsReported(Backend b, Spec spec, Mutation mu) {
        Object[] args = spec.args();
        args[mu.index()] = mu.value();
        Method m = spec.method();
        assertThatThrownBy(() -> invoke(m, b, args))
                .as("backend %s, %s with %s", b.name(), spec.label, mu.title())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(spec.kernel == null ? "" : spec.kernel + ": "))
                .satisfies(e -> assertThat(e.getMessage()).contains(mu.expected()));
    }

    /**
     * Backend's contract: a misuse message names the kernel. qrSolve's name the qrMultiplyQ it delegates to
     * (e.g. "qrMultiplyQ: m = -1, expected >= 0" for {@code qrSolve(-1, …)}): a defect in Backend.qrSolve, which
     * should validate under its own name before delegating.
     */
    @TestFactory
    Stream<DynamicNode> qrSolveMisuseNamesQrSolve() {
        Spec spec = qrSolveSpec();
        return BackendsUnderTest.all().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            for (Mutation mu : mutations(spec)) {
                Object[] args = spec.args();
                args[mu.index()] = mu.value();
                Method m = spec.method();
                assertThatThrownBy(() -> invoke(m, b, args))
                        .as("backend %s, qrSolve with %s", b.name(), mu.title())
                        .isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("qrSolve: ");
            }
        }));
    }

    private static void invoke(Method m, Backend b, Object[] args) throws Throwable {
        try {
            m.invoke(b, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @TestFactory
    Stream<DynamicNode> dotOfWholeArraysRejectsNullAndUnequalLengths() {
        return BackendsUnderTest.all().map(b -> DynamicContainer.dynamicContainer(b.name(), Stream.of(
                misuse("x = null", () -> b.dot(null, new double[2]), "dot: x is null", "expected an array"),
                misuse("y = null", () -> b.dot(new double[2], null), "dot: y is null", "expected an array"),
                misuse("lengths 3 and 4", () -> b.dot(new double[3], new double[4]),
                        "dot: x has length 3", "expected the length of y, 4"))));
    }

    private static DynamicTest misuse(String title, Executable call, String... expected) {
        return DynamicTest.dynamicTest(title, () -> assertThatThrownBy(call::execute)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(expected)));
    }
}
