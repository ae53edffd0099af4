package dev.linea.kernels;

import dev.linea.kernels.spi.BackendProvider;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds backends by name and picks the default one.
 *
 * <ul>
 *   <li>{@code scalar}: always available; the reference.</li>
 *   <li>{@code vector}: needs the {@code jdk.incubator.vector} module ({@code --add-modules jdk.incubator.vector}).</li>
 *   <li>{@code native}: needs {@code linea-native} on the class path and a loadable system BLAS/LAPACK.</li>
 *   <li>{@code auto}: routes each call to the best available backend for its kernel and shape.</li>
 * </ul>
 * The default is the system property {@code linea.backend}, else the environment variable {@code LINEA_BACKEND},
 * else {@code auto}. Each unavailable backend is logged once, at the first look-up, with its reason and fix. The native
 * backend is loaded lazily: at its first look-up or listing, or when {@code auto} first routes a call to it.
 */
public final class Backends {
    /** Names in the order they are listed. */
    public static final List<String> NAMES = List.of("scalar", "vector", "native", "auto");

    private static final System.Logger LOG = System.getLogger("dev.linea.kernels.Backends");

    private Backends() {
    }

    /**
     * Scalar, vector and the auto backend: built once per JVM, on first use. Native is not loaded here (see
     * {@link NativeHolder}): auto asks for it only when a call reaches one of its thresholds, so a small fit never
     * pays for loading OpenBLAS through JNI (about 0.2 s of CPU at start-up). Auto's status is not built here
     * either ({@link AutoStatusHolder}): its details name the large backend, which would load native.
     */
    private static final class Registry {
        static final Map<String, BackendStatus> STATUSES = load();
        /** Null when a {@code linea.auto.<kernel>} property is malformed ({@link #AUTO_ERROR} says how). */
        private static final AutoBackend AUTO;
        /**
         * The misuse that kept auto from being built, thrown again (as a new exception) at every look-up, so that a
         * bad {@code -Dlinea.auto.gemm=-5} is the caller's clear error each time, not a failed class initialisation.
         */
        private static final IllegalArgumentException AUTO_ERROR;

        static {
            AutoBackend auto = null;
            IllegalArgumentException error = null;
            try {
                auto = AutoBackend.create(STATUSES.get("vector"), Backends::nativeStatus);
            } catch (IllegalArgumentException e) {
                error = e;
            }
            AUTO = auto;
            AUTO_ERROR = error;
        }

        /** @throws IllegalArgumentException when a routing property is malformed (its name, value and the rule) */
        static AutoBackend auto() {
            if (AUTO_ERROR != null) {
                throw new IllegalArgumentException(AUTO_ERROR.getMessage(), AUTO_ERROR);
            }
            return AUTO;
        }

        private static Map<String, BackendStatus> load() {
            Map<String, BackendStatus> map = new LinkedHashMap<>();
            map.put("scalar", BackendStatus.available(ScalarBackend.INSTANCE));
            map.put("vector", VectorSupport.load());
            logIfUnavailable(map.get("vector"));
            return map;
        }
    }

    /** Auto's status, whose details (auto's {@code describe()}) load native: built at its first look-up. */
    private static final class AutoStatusHolder {
        static final BackendStatus STATUS = BackendStatus.available(Registry.auto());
    }

    /**
     * The native backend, loaded at its first look-up: by name ({@link #status}, {@link #named}), by a listing
     * ({@link #statuses}, {@link #available}, auto's {@code describe()}), or by auto routing a call to it. The
     * class-initialisation lock makes the load happen once, safely across threads; an unavailable native backend
     * is logged once, here.
     */
    private static final class NativeHolder {
        static final BackendStatus STATUS = loadAndLog();

        private static BackendStatus loadAndLog() {
            BackendStatus s = loadNative();
            logIfUnavailable(s);
            return s;
        }

        private static BackendStatus loadNative() {
            List<BackendStatus> found = new ArrayList<>();
            try {
                for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
                    if ("native".equals(p.name())) {
                        found.add(safeLoad(p));
                    }
                }
            } catch (java.util.ServiceConfigurationError e) {
                return BackendStatus.unavailable("native", "its service provider failed to load: " + e,
                        "check the linea-native jar and its dependencies on the class path");
            }
            if (found.isEmpty()) {
                return BackendStatus.unavailable("native", "no native backend provider on the class path (the linea-native jar is missing)",
                        "add the dev.linea:linea-native dependency");
            }
            return found.getFirst();
        }

        private static BackendStatus safeLoad(BackendProvider p) {
            try {
                return p.load();
            } catch (Throwable t) { // a provider must not throw; if it does, keep the real cause
                return BackendStatus.unavailable(p.name(), "its provider threw " + t, "see the cause above");
            }
        }
    }

    /** @return the native backend's status, loading it on the first call (thread-safe, once per JVM). */
    static BackendStatus nativeStatus() {
        return NativeHolder.STATUS;
    }

    private static void logIfUnavailable(BackendStatus s) {
        if (!s.isAvailable()) {
            LOG.log(Level.INFO, "backend ''{0}'' unavailable: {1}. Fix: {2}", s.name(), s.reason(), s.fix());
        }
    }

    /**
     * Compiles the Vector API kernels now, so that the first fits do not pay for it, and returns how long that
     * took. Call it once at start-up (a service: before taking traffic); later calls return at once.
     *
     * <p>Until the JIT's top tier (C2) compiles them, the vector kernels run as ordinary Java code that allocates
     * a box per vector operation, 10–100× slower than when compiled: a cold 5000-row logistic fit on the
     * {@code vector} backend took 3–5 s, against 0.2 s on {@code scalar} and under 0.1 s once compiled. This runs
     * each kernel a fit uses (dot, axpy, scal, gemv both ways, gram with and without weights, the fused
     * least-squares and logistic gradients, Cholesky) on small shapes about a hundred times; that is slow itself
     * (the same cold code), a few seconds on a busy 2-core machine, so it belongs at start-up, not on a request
     * path. Without the {@code vector} backend it does nothing (the scalar loops are compiled quickly,
     * the native one is machine code already). Scorers warm up separately: {@code Scorer.warmUp()} in
     * linea-models.
     *
     * @return the time spent; zero when already warm or when the vector backend is unavailable
     */
    public static java.time.Duration warmUp() {
        synchronized (Backends.class) {
            BackendStatus vector = status("vector");
            if (warm || !vector.isAvailable()) {
                return java.time.Duration.ZERO;
            }
            long t0 = System.nanoTime();
            WarmUp.run(vector.backend());
            warm = true;
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - t0);
            LOG.log(Level.DEBUG, "vector kernels warmed up in {0} ms", took.toMillis());
            return took;
        }
    }

    private static boolean warm;

    /** @return every known backend's status, in {@link #NAMES} order. */
    public static List<BackendStatus> statuses() {
        List<BackendStatus> list = new ArrayList<>();
        for (String name : NAMES) {
            list.add(status(name));
        }
        return List.copyOf(list);
    }

    /** @return the status of one backend. */
    public static BackendStatus status(String name) {
        String key = normalize(name);
        if (key.equals("native")) {
            return nativeStatus();
        }
        if (key.equals("auto")) {
            Registry.auto(); // a malformed routing property: the caller's error here, before the holder is built
            return AutoStatusHolder.STATUS;
        }
        BackendStatus s = Registry.STATUSES.get(key);
        if (s == null) {
            throw unknown(name);
        }
        return s;
    }

    /**
     * @return the named backend
     * @throws IllegalArgumentException     for a name that is not a backend
     * @throws BackendUnavailableException  for a backend that cannot run here (with the reason and the fix)
     */
    public static Backend named(String name) {
        if (normalize(name).equals("auto")) {
            return Registry.auto(); // not status("auto"): its details would load native
        }
        BackendStatus s = status(name);
        if (!s.isAvailable()) {
            throw new BackendUnavailableException(s);
        }
        return s.backend();
    }

    /** @return the backend named by {@code linea.backend} / {@code LINEA_BACKEND}, else {@code auto}. */
    public static Backend defaultBackend() {
        return named(defaultName());
    }

    /** @return the name of the default backend and where it came from. */
    public static String defaultName() {
        String p = System.getProperty("linea.backend");
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv("LINEA_BACKEND");
        if (e != null && !e.isBlank()) {
            return e;
        }
        return "auto";
    }

    /** @return the backends that loaded, excluding auto. */
    public static List<Backend> available() {
        List<Backend> list = new ArrayList<>();
        for (BackendStatus s : statuses()) {
            if (s.isAvailable() && !s.name().equals("auto")) {
                list.add(s.backend());
            }
        }
        return list;
    }

    private static String normalize(String name) {
        if (name == null) {
            throw new IllegalArgumentException("backend name is null, expected one of " + NAMES);
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown backend '" + name + "', expected one of " + NAMES);
    }
}
