package dev.linea.kernels;

import java.util.OptionalInt;

/**
 * How many threads the row-splitting kernels may use: the one knob behind {@code -Dlinea.threads=N} and the command
 * line's {@code --threads N}.
 *
 * <h2>What runs in parallel</h2>
 * The vector and scalar backends split large calls of the kernels that stream over rows — the Gram matrix
 * (weighted or not), GEMV (both transposes), the fused least-squares and logistic gradients, and GEMM (over the rows
 * of C) — into <b>row blocks whose boundaries depend only on the call's shape</b>, never on the thread count. Each
 * block runs the backend's ordinary single-thread kernel; the blocks' partial results (an n×n Gram block, a
 * gradient, a GEMVᵀ vector) are then added in a <b>fixed pairwise tree</b> over the block index. Which worker
 * computed which block does not enter the arithmetic, so <b>results are bit-identical whatever the thread
 * count</b> (1, 2, 3 or 64 threads give the same bits; a test holds it). Small calls are one block and run the
 * single-thread kernel directly, with no overhead at all. The factorizations (Cholesky, QR, triangular solves) and
 * level 1 stay single-threaded.
 *
 * <h2>The setting</h2>
 * The count in force on a thread is, in order: a {@linkplain #call scoped} count bound around the call; else the
 * JVM-wide default, set by {@link #setDefault(int)}, else by the system property {@value #PROPERTY}, else all cores
 * ({@link Runtime#availableProcessors()}). Workers come from one small pool of daemon threads, grown to the largest
 * count asked for and never shrunk; the calling thread works too, so a count of N uses N − 1 pool threads. A
 * {@code Scorer} never calls these kernels: scoring stays on the caller's thread.
 *
 * <h2>The native backend</h2>
 * OpenBLAS runs its own threads. At load, {@code linea-native} gives it {@code -Dlinea.native.threads} when set,
 * else an <em>explicit</em> count of this class ({@link #configured()}: the property or {@link #setDefault}), else
 * 1 (a service calling it from many threads at once oversubscribes the machine, and has crashed it). The command
 * line always sets the count, so there OpenBLAS uses the same number of threads as the vector kernels. Bit-identity
 * across thread counts holds only for Linea's own kernels, not for OpenBLAS's.
 */
public final class Threads {
    /** The system property holding the default count: a whole number from 1 to {@value #MAX}. */
    public static final String PROPERTY = "linea.threads";

    /** The largest count accepted. */
    public static final int MAX = 256;

    private static final ScopedValue<Integer> SCOPED = ScopedValue.newInstance();

    /** Set by {@link #setDefault}; 0 when unset. */
    private static volatile int set;

    private Threads() {
    }

    /** @return the count in force on the calling thread: scoped, else {@link #defaultCount()} */
    public static int count() {
        return SCOPED.isBound() ? SCOPED.get() : defaultCount();
    }

    /**
     * @return the JVM-wide default: set by {@link #setDefault}, else {@value #PROPERTY}, else all cores
     * @throws IllegalArgumentException when {@value #PROPERTY} is not a whole number from 1 to {@value #MAX}
     */
    public static int defaultCount() {
        OptionalInt c = configured();
        return c.isPresent() ? c.getAsInt() : Runtime.getRuntime().availableProcessors();
    }

    /**
     * @return the count set explicitly, by {@link #setDefault} or by {@value #PROPERTY}; empty when neither was
     *         (the default is then all cores)
     * @throws IllegalArgumentException when {@value #PROPERTY} is not a whole number from 1 to {@value #MAX}
     */
    public static OptionalInt configured() {
        int s = set;
        if (s > 0) {
            return OptionalInt.of(s);
        }
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            return OptionalInt.empty();
        }
        int n;
        try {
            n = Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " = '" + p + "', expected a whole number from 1 to " + MAX);
        }
        return OptionalInt.of(check(PROPERTY, n));
    }

    /** @return where {@link #defaultCount()} comes from, for people: "Threads.setDefault", the property, or cores */
    public static String source() {
        if (set > 0) {
            return "Threads.setDefault";
        }
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? "all cores (availableProcessors)" : "-D" + PROPERTY;
    }

    /**
     * Sets the JVM-wide default count (overrides {@value #PROPERTY}); calls already running keep their count.
     *
     * @throws IllegalArgumentException for a count outside 1 to {@value #MAX}
     */
    public static void setDefault(int threads) {
        set = check("threads", threads);
    }

    /** Forgets {@link #setDefault}: the default is {@value #PROPERTY} or all cores again. */
    public static void clearDefault() {
        set = 0;
    }

    /**
     * Runs {@code op} with {@code threads} in force for the kernels it calls on this thread (a {@link ScopedValue}:
     * other threads, and the code after the call, keep theirs). For example a service that runs one request per
     * core: {@code Threads.call(1, () -> estimator.fit(data))}.
     *
     * @throws IllegalArgumentException for a count outside 1 to {@value #MAX}
     */
    public static <R, X extends Throwable> R call(int threads, ScopedValue.CallableOp<? extends R, X> op) throws X {
        return ScopedValue.where(SCOPED, check("threads", threads)).call(op);
    }

    /** {@link #call} for an operation without a result. */
    public static void run(int threads, Runnable op) {
        ScopedValue.where(SCOPED, check("threads", threads)).run(op);
    }

    private static int check(String what, int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException(what + " = " + n + ", expected a whole number from 1 to " + MAX);
        }
        return n;
    }
}
