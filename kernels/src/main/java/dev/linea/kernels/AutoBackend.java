package dev.linea.kernels;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Routes each call to the backend that is fastest for its kernel and size. The table is a per-kernel threshold on
 * the call's work (the number of matrix or vector elements touched): calls at or above it go to the "large"
 * backend (native, when it loaded), smaller ones to the "small" backend (vector, else scalar). Kernels whose
 * threshold is {@link Long#MAX_VALUE} never leave the small backend.
 *
 * <p>Thresholds: {@link RoutingTable#defaults()}, overridable per kernel with the system property
 * {@code linea.auto.<kernel>=<work>} (for example {@code -Dlinea.auto.gemm=1000000}); {@code ./linea backends}
 * prints the table in force.
 */
public final class AutoBackend extends Backend {
    private final Backend small;
    /**
     * The large backend's status, asked for only when a call reaches its kernel's threshold (and by
     * {@link #describe()} / {@link #table()}): the native backend loads lazily, so small work never loads OpenBLAS.
     * The supplier must be cheap after its first call and thread-safe ({@code Backends}' holder is both).
     */
    private final Supplier<BackendStatus> largeSource;
    /** The table in force when the large backend is available (the calibration file applies only then). */
    private final RoutingTable tableWithLarge;
    /** The table reported when it is not: defaults and overrides only (every call stays small anyway). */
    private final RoutingTable tableWithoutLarge;

    private final String sourceWithLarge;
    private final String sourceWithoutLarge;
    /** Route Gram calls of every width by work (calibrated), not only narrow ones (the measured defaults). */
    private final boolean gramAllWidths;
    /** Which GEMV calls are routed by work at all (by width and size; the rest stay on the small backend). */
    private final GemvShapes gemvShapes;
    /** Where the factorizations and solves return to the small backend (by vector width and right-hand sides). */
    private final FactorShapes factorShapes;
    /** {@link FactorShapes#below} by ordinal: calls of this much work or more stay small (MAX_VALUE: none). */
    private final long[] ceilings;
    /** {@link #tableWithLarge} as a plain array by ordinal: route() runs on every kernel call. */
    private final long[] thresholds;
    /**
     * The level-1 thresholds as fields of their own (the same values as in {@link #thresholds}): a 64-element dot
     * takes about 20 ns, and its routing is then one field load and one compare ahead of the small backend's
     * kernel, with no enum, array or bounds check on the way (the default table never sends level 1 to native).
     */
    private final long dotThreshold;
    private final long axpyThreshold;
    private final long scalThreshold;

    /**
     * An auto backend over two given backends ({@code large} null: none), with one table and the measured GEMV
     * shape rule ({@link GemvShapes#MEASURED}).
     */
    AutoBackend(Backend small, Backend large, RoutingTable table, String source) {
        this(small, large, table, source, GemvShapes.MEASURED);
    }

    /** The same with a given GEMV shape rule and no factorization shapes (tests). */
    AutoBackend(Backend small, Backend large, RoutingTable table, String source, GemvShapes gemvShapes) {
        this(small, large, table, source, gemvShapes, FactorShapes.NONE);
    }

    /** The same with given GEMV and factorization shape rules (tests: the rules of each vector width). */
    AutoBackend(Backend small, Backend large, RoutingTable table, String source, GemvShapes gemvShapes,
                FactorShapes factorShapes) {
        this(small, large == null
                        ? () -> BackendStatus.unavailable("large", "none given", "give one")
                        : constant(BackendStatus.available(large)),
                table, table, source, source, false, gemvShapes, factorShapes);
    }

    private AutoBackend(Backend small, Supplier<BackendStatus> largeSource, RoutingTable tableWithLarge,
                        RoutingTable tableWithoutLarge, String sourceWithLarge, String sourceWithoutLarge,
                        boolean gramAllWidths, GemvShapes gemvShapes, FactorShapes factorShapes) {
        this.small = small;
        this.largeSource = largeSource;
        this.tableWithLarge = tableWithLarge;
        this.tableWithoutLarge = tableWithoutLarge;
        this.sourceWithLarge = sourceWithLarge;
        this.sourceWithoutLarge = sourceWithoutLarge;
        this.gramAllWidths = gramAllWidths;
        this.gemvShapes = gemvShapes;
        this.factorShapes = factorShapes;
        this.ceilings = new long[Kernel.values().length];
        for (Kernel k : Kernel.values()) {
            ceilings[k.ordinal()] = factorShapes.below(k);
        }
        this.thresholds = thresholds(tableWithLarge);
        this.dotThreshold = thresholds[Kernel.DOT.ordinal()];
        this.axpyThreshold = thresholds[Kernel.AXPY.ordinal()];
        this.scalThreshold = thresholds[Kernel.SCAL.ordinal()];
    }

    private static Supplier<BackendStatus> constant(BackendStatus s) {
        return () -> s;
    }

    /** A system property overrides the calibration file: is the kernel routed by work at every width? */
    private static boolean allWidths(String key, java.util.Properties calibrated) {
        return "all".equals(System.getProperty(key, calibrated.getProperty(key, "")));
    }

    private static long[] thresholds(RoutingTable table) {
        long[] t = new long[Kernel.values().length];
        for (Kernel k : Kernel.values()) {
            t[k.ordinal()] = table.threshold(k);
        }
        return t;
    }

    /** From already-loaded statuses (tests): vector and native looked up in the map. */
    static AutoBackend create(Map<String, BackendStatus> loaded) {
        BackendStatus nat = loaded.get("native");
        return create(loaded.get("vector"), constant(nat != null ? nat
                : BackendStatus.unavailable("native", "not in the map", "add it")));
    }

    /**
     * @param vector      the vector backend's status (the small backend when available, else scalar)
     * @param nativeLazily the native backend's status, asked for only when a call is large enough to need it
     */
    static AutoBackend create(BackendStatus vector, Supplier<BackendStatus> nativeLazily) {
        Backend small = vector != null && vector.isAvailable() ? vector.backend() : ScalarBackend.INSTANCE;
        int lanes = lanes(vector);
        RoutingTable defaults = RoutingTable.defaults();
        String defaultsName = "measured defaults (docs/routing.md)" + (RoutingTable.routesGramByWork(lanes)
                ? ", Gram routed by work at every width (" + lanes * 64 + "-bit vectors)" : "");
        java.util.Properties calibrated = RoutingCalibration.load();
        String foreign = calibrated == null ? null : RoutingCalibration.foreign(calibrated);
        if (foreign != null) {
            System.getLogger(AutoBackend.class.getName()).log(System.Logger.Level.INFO, "auto: ignoring the "
                    + "routing calibration " + RoutingCalibration.file() + ": " + foreign
                    + "; using the defaults (./linea backends --calibrate measures this machine)");
            calibrated = null;
        }
        RoutingTable withLarge = calibrated != null ? defaults.withOverrides(calibrated) : defaults;
        String sourceWithLarge = calibrated != null ? "calibrated (" + RoutingCalibration.file() + ")"
                : defaultsName + (foreign != null ? "; calibration file ignored: " + foreign : "");
        String sourceWithoutLarge = defaultsName;
        java.util.Properties inForce = calibrated != null ? calibrated : new java.util.Properties();
        boolean gramAll = allWidths(RoutingCalibration.GRAM_WIDTHS, inForce)
                || (calibrated == null && RoutingTable.routesGramByWork(lanes)
                && System.getProperty(RoutingCalibration.GRAM_WIDTHS) == null);
        GemvShapes gemv = allWidths(RoutingCalibration.GEMV_WIDTHS, inForce) ? GemvShapes.ALL
                : GemvShapes.MEASURED;
        RoutingTable withLargeProps = withLarge.withOverrides(System.getProperties());
        boolean overridden = !withLargeProps.equals(withLarge);
        if (overridden) {
            sourceWithLarge += ", with linea.auto.<kernel> overrides";
        }
        RoutingTable withoutLargeProps = defaults.withOverrides(System.getProperties());
        if (!withoutLargeProps.equals(defaults)) {
            sourceWithoutLarge += ", with linea.auto.<kernel> overrides";
        }
        // The width's upper bounds apply to the measured defaults only: a calibration measured its own crossovers,
        // and a kernel's threshold set by a property means what it says for every size above it.
        FactorShapes factor = calibrated != null ? FactorShapes.NONE
                : FactorShapes.forLanes(lanes).withoutBoundsFor(System.getProperties());
        AutoBackend auto = new AutoBackend(small, nativeLazily, withLargeProps, withoutLargeProps, sourceWithLarge,
                sourceWithoutLarge, gramAll, gemv, factor);
        auto.sourceKind = (calibrated != null ? "calibration" : "defaults") + (overridden ? "+overrides" : "");
        return auto;
    }

    /** Where the table in force came from: "defaults" or "calibration", "+overrides" when properties changed it. */
    private String sourceKind = "defaults";

    /** Lanes of the vector backend's doubles (4 with AVX2, 8 with AVX-512), 0 when it is unavailable. */
    private static int lanes(BackendStatus vector) {
        if (vector == null || !vector.isAvailable()) {
            return 0;
        }
        try {
            return Integer.parseInt(vector.backend().describe().getOrDefault("lanes", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the large backend, or the small one when it is unavailable; loads it on the first call. */
    private Backend large() {
        BackendStatus s = largeSource.get();
        return s.isAvailable() ? s.backend() : small;
    }

    @Override
    public String name() {
        return "auto";
    }

    /** @return the routing table in force. */
    public RoutingTable table() {
        return large() != small ? tableWithLarge : tableWithoutLarge;
    }

    /** @return the backend a call of this kernel touching {@code work} elements goes to. */
    public Backend route(Kernel kernel, long work) {
        int k = kernel.ordinal();
        return work >= thresholds[k] && work < ceilings[k] ? large() : small;
    }

    /**
     * {@link #route} for a solve with an n×n triangle and {@code nrhs} right-hand sides (work n²·nrhs): on the small
     * backend below {@link FactorShapes#minRightHandSides()} right-hand sides (a level-2 pass, see there).
     */
    Backend routeSolve(Kernel kernel, int n, int nrhs) {
        return nrhs < factorShapes.minRightHandSides() ? small : route(kernel, (long) n * n * nrhs);
    }

    /**
     * {@link #route} for the kernels the small backend splits over row blocks (Gram, GEMV): when the JVM-wide
     * default count ({@link Threads#defaultCount()}: all cores unless set) is larger than the threads the large
     * backend runs a call on, the call stays on the small backend, which splits it. The default count, not the
     * scoped one: a fit then takes the same route on 1, 2 or 3 scoped threads, so its bits do not depend on the
     * count. Measured on AVX2 (2 cores): OLS and ridge fits on 2e5×100 spent half their time in a Gram sent to
     * OpenBLAS's DSYRK on the one thread it is given outside the command line.
     */
    Backend routeSplit(Kernel kernel, long work) {
        Backend b = route(kernel, work);
        if (b != small && Threads.defaultCount() > largeThreads(b)) {
            return small;
        }
        return b;
    }

    /** The large backend's threads per call ({@link #threadsOf}), read once from its description. */
    private volatile int largeThreads;

    /** Sets the large backend's threads per call as if its description said so (tests: a one-thread native). */
    AutoBackend assumeLargeThreads(int threads) {
        largeThreads = threads;
        return this;
    }

    private int largeThreads(Backend large) {
        int t = largeThreads;
        if (t == 0) {
            t = threadsOf(large.describe());
            largeThreads = t;
        }
        return t;
    }

    /**
     * Threads a backend runs one call on, from its {@link Backend#describe()}: the number under "threads" (the
     * native backend's OpenBLAS count); 1 when that entry says something else (thread control unavailable,
     * unknown); {@link Integer#MAX_VALUE} when there is no such entry (Linea's own backends, which split by
     * {@link Threads} themselves).
     */
    static int threadsOf(Map<String, String> description) {
        String t = description.get("threads");
        if (t == null) {
            return Integer.MAX_VALUE;
        }
        try {
            return Math.max(1, Integer.parseInt(t.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public Map<String, String> describe() {
        Backend large = large();
        RoutingTable table = table();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("small", small.name());
        d.put("large", large.name());
        d.put("table", large != small ? sourceWithLarge : sourceWithoutLarge);
        d.put("table.source", large != small ? sourceKind : "defaults");
        d.put("table.file", RoutingCalibration.file().toString());
        if (large != small && largeThreads(large) != Integer.MAX_VALUE) {
            d.put("route.threads", "gram and gemv stay on " + small.name() + " when the default thread count is more"
                    + " than " + largeThreads(large) + " (" + large.name() + "'s threads per call): "
                    + small.name() + " splits them over row blocks");
        }
        for (Map.Entry<Kernel, Long> e : table.thresholds().entrySet()) {
            long t = e.getValue();
            d.put("route." + e.getKey().name().toLowerCase(java.util.Locale.ROOT),
                    large == small || t == Long.MAX_VALUE || factorShapes.below(e.getKey()) <= t ? small.name()
                            : small.name() + " below " + t + " elements of work, " + large.name() + " from there"
                            + (e.getKey() == Kernel.GEMV ? gemvShapes.describe()
                            : e.getKey() == Kernel.GRAM && !gramAllWidths
                            ? " (only for at most " + NARROW_GRAM_COLUMNS + " columns)"
                            : factorShapes.describe(e.getKey(), small.name())));
        }
        return d;
    }

    @Override
    protected double dotKernel(int n, double[] x, int xOff, double[] y, int yOff) {
        return (n < dotThreshold ? small : large()).dotKernel(n, x, xOff, y, yOff);
    }

    @Override
    protected void axpyKernel(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        (n < axpyThreshold ? small : large()).axpyKernel(n, alpha, x, xOff, y, yOff);
    }

    @Override
    protected void scalKernel(int n, double alpha, double[] x, int xOff) {
        (n < scalThreshold ? small : large()).scalKernel(n, alpha, x, xOff);
    }

    @Override
    protected void gemvKernel(Transpose trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                              double[] x, int xOff, double beta, double[] y, int yOff) {
        routeSplit(Kernel.GEMV, gemvShapes.work(m, n)).gemvKernel(trans, m, n, alpha, a, aOff, lda, x, xOff, beta,
                y, yOff);
    }

    @Override
    protected void gramKernel(int m, int n, double[] a, int aOff, int lda, double[] w, int wOff,
                              double[] c, int cOff, int ldc) {
        // Measured: for narrow matrices the register tile (6 × 2 vectors) computes mostly padding; DSYRK wins there.
        // From about 64 columns the packed vector Gram is ahead of DSYRK with AVX-512; with AVX2 it is level with
        // it or up to 16% behind (wide), so there the defaults route every width by work (gramAllWidths).
        long work = n <= NARROW_GRAM_COLUMNS || gramAllWidths ? (long) m * n * n : 0;
        routeSplit(Kernel.GRAM, work).gramKernel(m, n, a, aOff, lda, w, wOff, c, cOff, ldc);
    }

    @Override
    protected void centeredGramKernel(int m, int n, double[] a, int aOff, int lda, double[] shift, int shiftOff,
                                      double[] scale, int scaleOff, double[] w, int wOff,
                                      double[] c, int cOff, int ldc) {
        // Same work and same routing as the plain Gram: centring is folded into the packing (vector) or into a
        // small reused row block (native), so it does not change which backend is faster.
        long work = n <= NARROW_GRAM_COLUMNS || gramAllWidths ? (long) m * n * n : 0;
        routeSplit(Kernel.GRAM, work).centeredGramKernel(m, n, a, aOff, lda, shift, shiftOff, scale, scaleOff, w, wOff,
                c, cOff, ldc);
    }

    /** GEMV calls with at most this many columns, below {@link #IN_CACHE_GEMV_WORK} elements, are routed by work. */
    public static final int NARROW_GEMV_COLUMNS = 32;
    /**
     * GEMV calls of this many elements or more stay on the small backend at every width: out of the caches the
     * vector kernel's eight row streams read A faster than OpenBLAS's narrow DGEMV.
     */
    public static final long IN_CACHE_GEMV_WORK = 1_500_000L;

    /**
     * Which GEMV calls are routed by work (m·n, against the table's threshold): those with at most
     * {@code narrowColumns} columns and fewer than {@code belowWork} elements; every other call stays on the small
     * backend.
     *
     * @param narrowColumns the widest call routed by work
     * @param belowWork     calls of this many elements or more stay small ({@link Long#MAX_VALUE}: no bound)
     */
    record GemvShapes(int narrowColumns, long belowWork) {
        /**
         * Every GEMV routed by work, at every width and size ({@code linea.auto.gemv.widths=all}, set by hand or by
         * a calibration written before this rule).
         */
        static final GemvShapes ALL = new GemvShapes(Integer.MAX_VALUE, Long.MAX_VALUE);

        /**
         * The measured defaults, the same on both widths since the vector GEMV reads wide A as 8 row streams on
         * 8 lanes too (one row from each eighth of A). On the 2-core AVX2 EPYC, one thread each (docs/routing.md,
         * 2026-12-07): OpenBLAS is ahead only for at most 32 columns while A is in the caches (1e6 elements:
         * 1.1–2.3×); out of them (from 2e6 elements) and from 64 columns at every size the vector kernel is level or
         * ahead (1e5×100: 1.8×, 1e6×10: 1.9×). On the AVX-512 EPYC (2026-12-08, "AVX-512, re-measured"), the
         * same: at 1e6 elements OpenBLAS 1.5–2.3× ahead on A·x at 4 to 32 columns, the vector kernel level or ahead
         * from 100 columns (0.60–1.03); from 2e6 elements the vector kernel ahead from 10 columns but for A·x at 32
         * (1.55 at 2e6, 1.02 at 1e7) and 4 columns (1.3–1.7 at every size), which the rule gives up.
         */
        static final GemvShapes MEASURED = new GemvShapes(NARROW_GEMV_COLUMNS, IN_CACHE_GEMV_WORK);

        /** The work a call counts for routing: m·n when its shape is routed by work, else 0 (stays small). */
        long work(int m, int n) {
            long w = (long) m * n;
            return n <= narrowColumns && w < belowWork ? w : 0;
        }

        /** The shape condition as {@code ./linea backends} says it after the threshold. */
        String describe() {
            if (narrowColumns == Integer.MAX_VALUE && belowWork == Long.MAX_VALUE) {
                return "";
            }
            if (narrowColumns == Integer.MAX_VALUE) {
                return " (only below " + belowWork + " elements)";
            }
            return " (only for at most " + narrowColumns + " columns"
                    + (belowWork == Long.MAX_VALUE ? "" : " and below " + belowWork + " elements") + ")";
        }
    }
    /** Gram calls with at most this many columns are routed by work; wider ones stay on the small backend. */
    public static final int NARROW_GRAM_COLUMNS = 32;

    /**
     * Where the measured defaults send Cholesky factorizations and solves back to the small backend although their
     * work is above the threshold: from {@code below(kernel)} elements of work on (an upper end of the large
     * backend's range), and for solves with fewer than {@code minRightHandSides} right-hand sides at every size.
     * Measured by {@code dev.linea.bench.RoutingTiming … cholesky,solve} (thread CPU time, backends alternating
     * in one JVM; docs/routing.md, "AVX-512, re-measured"):
     * <ul>
     * <li>A solve with one right-hand side is a level-2 pass over the triangle, where OpenBLAS's level-3 blocking
     * brings nothing and the call pays JNI: the vector solves took 0.20–0.55 of OpenBLAS's time from n = 32 to
     * 2000 on AVX-512. The vector triangular solve switches to its blocked packed form from 8 right-hand sides,
     * so below 8 every solve stays small, on both widths.</li>
     * <li>With 512-bit vectors the packed vector Cholesky is ahead of OpenBLAS's DPOTRF from n = 128 (0.74–0.92 of
     * its time up to n = 2000; 1.0–2.7 below): it goes native only in [32³, 128³) elements of work. Since the
     * register-blocked leaves of every triangular solve (2026-12-08, docs/routing.md) the vector triangular and
     * Cholesky solves with n right-hand sides take 0.45–0.91 of OpenBLAS's time from n = 32 to 1000: they never go
     * native (with 8 to 17 right-hand sides OpenBLAS stays 1.0–1.6× ahead from n = 64, which the rule gives up).
     * With 256-bit vectors OpenBLAS was ahead at every size measured on AVX2 (docs/routing.md): no upper end.</li>
     * </ul>
     *
     * @param below             by kernel, the work from which calls stay small again ({@link Long#MAX_VALUE}: none)
     * @param minRightHandSides solves with fewer right-hand sides stay small (1: none do)
     */
    record FactorShapes(Map<Kernel, Long> below, int minRightHandSides) {
        /** No upper ends and no right-hand-side rule: the table's thresholds alone decide. */
        static final FactorShapes NONE = new FactorShapes(Map.of(), 1);
        /** Solves with fewer right-hand sides than this stay on the small backend by default (both widths). */
        static final int MIN_RIGHT_HAND_SIDES = 8;

        FactorShapes {
            below = Map.copyOf(below);
        }

        /** @param lanes doubles per vector of the small backend (0: no vector backend) */
        static FactorShapes forLanes(int lanes) {
            if (lanes <= 0) {
                return NONE;
            }
            if (lanes <= 4) {
                return new FactorShapes(Map.of(), MIN_RIGHT_HAND_SIDES);
            }
            return new FactorShapes(Map.of(Kernel.CHOLESKY, 128L * 128 * 128,
                    Kernel.TRIANGULAR_SOLVE, 0L, Kernel.CHOLESKY_SOLVE, 0L), MIN_RIGHT_HAND_SIDES);
        }

        /** The work from which calls of this kernel stay on the small backend again. */
        long below(Kernel k) {
            return below.getOrDefault(k, Long.MAX_VALUE);
        }

        /** Without the upper ends of the kernels whose threshold a {@code linea.auto.<kernel>} property sets. */
        FactorShapes withoutBoundsFor(java.util.Properties props) {
            EnumMap<Kernel, Long> kept = new EnumMap<>(Kernel.class);
            below.forEach((k, v) -> {
                if (props.getProperty("linea.auto." + k.name().toLowerCase(java.util.Locale.ROOT)) == null) {
                    kept.put(k, v);
                }
            });
            return new FactorShapes(kept, minRightHandSides);
        }

        /** The shape conditions as {@code ./linea backends} says them after the threshold ("" when none). */
        String describe(Kernel k, String smallName) {
            String s = below(k) == Long.MAX_VALUE ? "" : ", " + smallName + " again from " + below(k);
            if ((k == Kernel.CHOLESKY_SOLVE || k == Kernel.TRIANGULAR_SOLVE) && minRightHandSides > 1) {
                s += " (" + smallName + " with fewer than " + minRightHandSides + " right-hand sides)";
            }
            return s;
        }
    }

    @Override
    protected void gemmKernel(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        route(Kernel.GEMM, (long) m * n * k).gemmKernel(transA, transB, m, n, k, alpha, a, aOff, lda,
                b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    protected int choleskyKernel(int n, double[] a, int aOff, int lda) {
        return route(Kernel.CHOLESKY, (long) n * n * n).choleskyKernel(n, a, aOff, lda);
    }

    @Override
    protected void choleskySolveKernel(int n, int nrhs, double[] l, int lOff, int ldl,
                                       double[] b, int bOff, int ldb) {
        routeSolve(Kernel.CHOLESKY_SOLVE, n, nrhs).choleskySolveKernel(n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }

    @Override
    protected void triangularSolveKernel(Triangle uplo, Transpose trans, Diagonal diag, int n, int nrhs,
                                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb) {
        routeSolve(Kernel.TRIANGULAR_SOLVE, n, nrhs).triangularSolveKernel(uplo, trans, diag, n, nrhs,
                a, aOff, lda, b, bOff, ldb);
    }

    @Override
    protected void qrKernel(int m, int n, double[] a, int aOff, int lda, double[] tau, int tauOff) {
        route(Kernel.QR, (long) m * n * n).qrKernel(m, n, a, aOff, lda, tau, tauOff);
    }

    @Override
    protected void qrMultiplyQKernel(Transpose trans, int m, int n, int nrhs, double[] qr, int qrOff, int ldqr,
                                     double[] tau, int tauOff, double[] b, int bOff, int ldb) {
        route(Kernel.QR_MULTIPLY_Q, (long) m * n * nrhs).qrMultiplyQKernel(trans, m, n, nrhs, qr, qrOff, ldqr,
                tau, tauOff, b, bOff, ldb);
    }

    /** The small backend's: it runs every stacked QR. */
    @Override
    protected int stackedQrBlockDoubles() {
        return small.stackedQrBlockDoubles();
    }

    /** On the small backend always: native has no stacked QR of its own (it runs the scalar reference). */
    @Override
    protected void qrStackedKernel(int n, int mb, double[] r, int rOff, int ldr, double[] b, int bOff, int ldb,
                                   double[] t, int tOff) {
        small.qrStackedKernel(n, mb, r, rOff, ldr, b, bOff, ldb, t, tOff);
    }

    @Override
    protected void qrStackedMultiplyQKernel(Transpose trans, int n, int mb, int nrhs, double[] v, int vOff, int ldv,
                                            double[] t, int tOff, double[] top, int topOff, int ldtop,
                                            double[] bot, int botOff, int ldbot) {
        small.qrStackedMultiplyQKernel(trans, n, mb, nrhs, v, vOff, ldv, t, tOff, top, topOff, ldtop,
                bot, botOff, ldbot);
    }

    /** On the small backend always: native has no double-double pass of its own (it runs the scalar reference). */
    @Override
    protected void residualsDoubleDoubleKernel(int m, int n, double[] a, int aOff, int lda, double[] aLow,
                                               int aLowOff, double[] x, int xOff, double[] b, int bOff,
                                               double[] r, int rOff, double[] g, int gOff) {
        small.residualsDoubleDoubleKernel(m, n, a, aOff, lda, aLow, aLowOff, x, xOff, b, bOff, r, rOff, g, gOff);
    }

    @Override
    protected double leastSquaresGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                                boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                                double[] g, int gOff) {
        return route(Kernel.LEAST_SQUARES_GRADIENT, (long) m * n).leastSquaresGradientKernel(m, n, x, xOff, ldx,
                w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    @Override
    protected double logisticGradientKernel(int m, int n, double[] x, int xOff, int ldx, double[] w, int wOff,
                                            boolean intercept, double[] y, int yOff, double[] s, int sOff,
                                            double[] g, int gOff) {
        return route(Kernel.LOGISTIC_GRADIENT, (long) m * n).logisticGradientKernel(m, n, x, xOff, ldx,
                w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    // ---------------------------------------------------------------- sparse kernels (issue #19), begin
    // OpenBLAS has no sparse kernels: every sparse call stays on the small backend (vector, else scalar).

    @Override
    protected void sparseTimesKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                     double[] v, int vOff, double bias, double[] out, int outOff) {
        small.sparseTimesKernel(x, centre, scale, v, vOff, bias, out, outOff);
    }

    @Override
    protected void sparseTransposeTimesKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                              double[] scale, double[] u, int uOff, double[] out, int outOff) {
        small.sparseTransposeTimesKernel(x, centre, scale, u, uOff, out, outOff);
    }

    @Override
    protected double sparseLeastSquaresGradientKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                      double[] scale, double[] w, int wOff, boolean intercept,
                                                      double[] y, int yOff, double[] s, int sOff,
                                                      double[] g, int gOff) {
        return small.sparseLeastSquaresGradientKernel(x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g,
                gOff);
    }

    @Override
    protected double sparseLogisticGradientKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre,
                                                  double[] scale, double[] w, int wOff, boolean intercept,
                                                  double[] y, int yOff, double[] s, int sOff,
                                                  double[] g, int gOff) {
        return small.sparseLogisticGradientKernel(x, centre, scale, w, wOff, intercept, y, yOff, s, sOff, g, gOff);
    }

    @Override
    protected void sparseGramKernel(dev.linea.kernels.sparse.CsrMatrix x, double[] centre, double[] scale,
                                    double[] w, int wOff, double[] c, int cOff, int ldc) {
        small.sparseGramKernel(x, centre, scale, w, wOff, c, cOff, ldc);
    }
    // ---------------------------------------------------------------- sparse kernels (issue #19), end

    /** Per-kernel work thresholds from which calls go to the large backend. Immutable. */
    public record RoutingTable(Map<Kernel, Long> thresholds) {
        public RoutingTable {
            EnumMap<Kernel, Long> copy = new EnumMap<>(Kernel.class);
            for (Kernel k : Kernel.values()) {
                copy.put(k, Long.MAX_VALUE);
            }
            copy.putAll(thresholds);
            thresholds = java.util.Collections.unmodifiableMap(copy);
        }

        /**
         * Thresholds measured on the project's machines (2-core AMD EPYC, Zen 3 with AVX2 and Zen 4 with AVX-512,
         * OpenBLAS 0.3.21 with one thread, JDK 25; docs/routing.md has the tables and the commands): the large
         * backend is worth a call from about 32³ multiply-adds for GEMM, Cholesky and the solves, from 64³ for QR.
         * Where the vector kernels are ahead above that (with 512-bit vectors: Cholesky from 128³, the solves at
         * every size; on both widths solves with fewer than 8 right-hand sides) the calls come back to the small
         * backend by {@link FactorShapes}, on top of this table. Level 1 and the fused gradients stay on the vector
         * backend for good: the fused kernels read X once where OpenBLAS needs two DGEMV passes (vector 1.25–1.7×
         * faster), and small calls pay JNI. Tall, narrow GEMV and Gram go to OpenBLAS from 1e6 elements of work
         * (see the routing of those kernels).
         */
        public static RoutingTable defaults() {
            Map<Kernel, Long> t = new java.util.EnumMap<>(Kernel.class);
            t.put(Kernel.GEMM, 32L * 32 * 32);
            t.put(Kernel.CHOLESKY, 32L * 32 * 32);
            t.put(Kernel.CHOLESKY_SOLVE, 32L * 32 * 32);
            t.put(Kernel.TRIANGULAR_SOLVE, 32L * 32 * 32);
            t.put(Kernel.QR, 64L * 64 * 64);
            t.put(Kernel.QR_MULTIPLY_Q, 64L * 64 * 64);
            t.put(Kernel.GEMV, 1_000_000L);
            t.put(Kernel.GRAM, 1_000_000L);
            return new RoutingTable(t);
        }

        /**
         * Whether the defaults route Gram calls of every width by work, not only narrow ones: with vectors of up to
         * 256 bits (AVX2), where OpenBLAS's DSYRK is level with the packed vector Gram on 500×500 and 1e5×100 and
         * 16% ahead on 1e4×1000 (bench/results/2026-12-07-gemm-quiet), so they go native from the Gram threshold (1e6 elements of
         * work); with 512-bit vectors the vector Gram is ahead (68 against 44 GFLOP/s) and only narrow Grams go.
         */
        static boolean routesGramByWork(int lanes) {
            return lanes > 0 && lanes <= 4;
        }

        public long threshold(Kernel k) {
            return thresholds.get(k);
        }

        /** Applies {@code linea.auto.<kernel>} overrides (kernel in lower case, e.g. {@code linea.auto.gram}). */
        public RoutingTable withOverrides(java.util.Properties props) {
            EnumMap<Kernel, Long> copy = new EnumMap<>(thresholds);
            for (Kernel k : Kernel.values()) {
                String key = "linea.auto." + k.name().toLowerCase(java.util.Locale.ROOT);
                String v = props.getProperty(key);
                if (v != null) {
                    try {
                        long t = Long.parseLong(v.trim());
                        if (t < 0) {
                            throw new NumberFormatException();
                        }
                        copy.put(k, t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(key + " = '" + v
                                + "', expected a whole number of elements >= 0");
                    }
                }
            }
            return new RoutingTable(copy);
        }
    }
}
