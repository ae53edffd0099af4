package dev.linea.nativeblas;

import dev.linea.kernels.BackendStatus;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads netlib's JNI bindings and reports honestly why they cannot load. netlib itself replaces the real cause
 * with "unable to load" (netlib issues 20 and 26); here the whole cause chain is kept, the system library is looked
 * for directly, and the fix is named.
 *
 * <h2>OpenBLAS threads</h2>
 * OpenBLAS starts as many threads as cores in every process that loads it, which oversubscribes a service whose
 * own threads already call it (and has crashed under many callers: OpenBLAS issues 539, 1882). Linea sets it to
 * <b>1 thread</b> at load, through the Java FFM API ({@code openblas_set_num_threads}), unless the system property
 * {@code linea.native.threads} or the environment variable {@code LINEA_NATIVE_THREADS} says otherwise (a positive
 * number, or {@code default} to leave OpenBLAS's own choice), or, without them, an explicit count for Linea's own
 * kernels ({@code dev.linea.kernels.Threads#configured()}: {@code -Dlinea.threads}, {@code Threads.setDefault},
 * the command line's {@code --threads}) says how many: one knob then sets both. The count is read once, at load. The thread count in force is in
 * {@link NetlibBackend#describe()}.
 */
final class NativeLoader {
    static final String FIX = "install OpenBLAS (apt-get install libopenblas0-pthread) or another BLAS/LAPACK "
            + "providing libblas.so.3 and liblapack.so.3; -Ddev.ludovic.netlib.blas.nativeLib=PATH and "
            + "-Ddev.ludovic.netlib.lapack.nativeLib=PATH point at another library";

    private NativeLoader() {
    }

    static BackendStatus load() {
        String denied = nativeAccessDenied();
        if (denied != null) {
            // Checked before any restricted call, so the JVM prints none of its four-line warnings: the one
            // "backend unavailable" log line of Backends names the flag instead.
            return BackendStatus.unavailable("native", "native access is not enabled for " + denied,
                    "start java with " + nativeAccessFlag());
        }
        BLAS blas;
        LAPACK lapack;
        try (QuietNetlibLogs _ = QuietNetlibLogs.open()) {
            try {
                blas = NativeBLAS.getInstance();
            } catch (Throwable t) {
                return loadFailure("blas", "libblas.so.3", t);
            }
            try {
                lapack = NativeLAPACK.getInstance();
            } catch (Throwable t) {
                return loadFailure("lapack", "liblapack.so.3", t);
            }
        }
        if (!blas.getClass().getSimpleName().startsWith("JNI") || !lapack.getClass().getSimpleName().startsWith("JNI")) {
            return BackendStatus.unavailable("native", "netlib fell back to a Java implementation ("
                    + blas.getClass().getName() + ", " + lapack.getClass().getName() + ")", FIX);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("blas", blas.getClass().getName());
        facts.put("lapack", lapack.getClass().getName());
        String lib = loadedLibrary();
        facts.put("library", lib == null ? "unknown (not found in /proc/self/maps)" : lib);
        facts.putAll(OpenBlasThreads.configure(lib));
        try {
            NetlibBackend b = new NetlibBackend(blas, lapack, facts);
            // A first call proves the library answers, not only that it loaded.
            double d = b.dot(2, new double[]{1, 2}, 0, new double[]{3, 4}, 0);
            if (d != 11) {
                return BackendStatus.unavailable("native", "the BLAS answered 1·3 + 2·4 = " + d, FIX);
            }
            return BackendStatus.available(b);
        } catch (Throwable t) {
            return BackendStatus.unavailable("native", "the first BLAS call failed: " + causes(t), FIX);
        }
    }

    /**
     * Why netlib's {@code kind} ("blas" or "lapack") did not load. When a netlib property names the library, that
     * library is the one that failed, whatever the system has: the reason names the property and its value (a
     * missing OpenBLAS would be the wrong diagnosis and the wrong fix).
     */
    static BackendStatus loadFailure(String kind, String systemName, Throwable t) {
        String property = libraryProperty(kind);
        String what = kind.equals("blas") ? "BLAS" : "LAPACK";
        if (property == null) {
            return BackendStatus.unavailable("native", "netlib's native " + what + " did not load: " + causes(t)
                    + systemLibraryHint(systemName), FIX);
        }
        return BackendStatus.unavailable("native", "the " + what + " library set by " + property + " could not be"
                + " loaded" + missingFileHint(property) + ": " + causes(t), "point " + property.substring(0,
                property.indexOf('=')) + " at a " + what + " shared library that exists and loads, or remove it to"
                + " use the system's " + systemName + " (from OpenBLAS: apt-get install libopenblas0-pthread)");
    }

    /**
     * @param kind "blas" or "lapack"
     * @return "-Ddev.ludovic.netlib.KIND.nativeLibPath=VALUE" (or nativeLib) when that property is set, else null
     */
    static String libraryProperty(String kind) {
        for (String suffix : List.of("nativeLibPath", "nativeLib")) {
            String key = "dev.ludovic.netlib." + kind + "." + suffix;
            String value = System.getProperty(key);
            if (value != null) {
                return "-D" + key + "=" + value;
            }
        }
        return null;
    }

    private static String missingFileHint(String property) {
        String value = property.substring(property.indexOf('=') + 1);
        try {
            return value.contains("/") && !Files.exists(Path.of(value)) ? " (no such file)" : "";
        } catch (RuntimeException e) {
            return " (not a valid path)";
        }
    }

    /**
     * The modules that call restricted methods here (netlib's two, which load JNI libraries, and this one, which
     * uses the FFM linker) and are not allowed to, or null when all are. On the class path they are all the
     * unnamed module.
     */
    static String nativeAccessDenied() {
        StringBuilder denied = new StringBuilder();
        for (Module m : new Module[]{NativeLoader.class.getModule(), NativeBLAS.class.getModule(),
                NativeLAPACK.class.getModule()}) {
            if (!m.isNativeAccessEnabled()) {
                String name = m.isNamed() ? m.getName() : "ALL-UNNAMED (the class path)";
                if (denied.indexOf(name) < 0) {
                    denied.append(denied.isEmpty() ? "" : ", ").append(name);
                }
            }
        }
        return denied.isEmpty() ? null : denied.toString();
    }

    /** The exact flag that enables native access for the way this module was loaded. */
    static String nativeAccessFlag() {
        return NativeLoader.class.getModule().isNamed()
                ? "--enable-native-access=dev.linea.blas,dev.ludovic.netlib.blas,dev.ludovic.netlib.lapack"
                : "--enable-native-access=ALL-UNNAMED";
    }

    /**
     * While netlib builds its instances it also tries its pure-Java fallbacks, and logs a WARNING through
     * java.util.logging for each one it cannot load ("Failed to load implementation from:
     * dev.ludovic.netlib.blas.VectorBLAS" whenever jdk.incubator.vector is absent). Linea never uses those
     * fallbacks and reports a native failure itself, with its cause, so netlib's loggers are raised to SEVERE for
     * the duration of the load and restored after. The loggers are held strongly meanwhile (JUL keeps weak ones).
     */
    static final class QuietNetlibLogs implements AutoCloseable {
        private static final String[] NAMES = {"dev.ludovic.netlib.blas.InstanceBuilder",
                "dev.ludovic.netlib.lapack.InstanceBuilder", "dev.ludovic.netlib.arpack.InstanceBuilder"};
        private final java.util.logging.Logger[] loggers = new java.util.logging.Logger[NAMES.length];
        private final java.util.logging.Level[] levels = new java.util.logging.Level[NAMES.length];

        static QuietNetlibLogs open() {
            QuietNetlibLogs q = new QuietNetlibLogs();
            for (int i = 0; i < NAMES.length; i++) {
                q.loggers[i] = java.util.logging.Logger.getLogger(NAMES[i]);
                q.levels[i] = q.loggers[i].getLevel();
                q.loggers[i].setLevel(java.util.logging.Level.SEVERE);
            }
            return q;
        }

        @Override
        public void close() {
            for (int i = 0; i < NAMES.length; i++) {
                loggers[i].setLevel(levels[i]);
            }
        }
    }

    /** The message of every throwable in the cause chain, joined. */
    static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- caused by ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    private static String systemLibraryHint(String name) {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/lib/x86_64-linux-gnu")) {
            if (Files.exists(Path.of(dir, name))) {
                return " (" + dir + "/" + name + " exists)";
            }
        }
        return " (no " + name + " found in the system library directories)";
    }

    /** The real path of the BLAS library mapped into this process, from /proc/self/maps. */
    static String loadedLibrary() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String path = line.substring(slash);
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (file.startsWith("libopenblas") || file.startsWith("libblas") || file.startsWith("libmkl_rt")
                        || file.startsWith("libblis")) {
                    return Path.of(path).toRealPath().toString();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** OpenBLAS's thread count and configuration through the FFM API, when the library is OpenBLAS. */
    static final class OpenBlasThreads {
        private OpenBlasThreads() {
        }

        static Map<String, String> configure(String library) {
            Map<String, String> facts = new LinkedHashMap<>();
            if (library == null) {
                return facts;
            }
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(Path.of(library), Arena.global());
                Linker linker = Linker.nativeLinker();
                Optional<MemorySegment> set = lookup.find("openblas_set_num_threads");
                Optional<MemorySegment> get = lookup.find("openblas_get_num_threads");
                Optional<MemorySegment> config = lookup.find("openblas_get_config");
                if (set.isEmpty() || get.isEmpty()) {
                    facts.put("threads", "not OpenBLAS: thread control unavailable");
                    return facts;
                }
                MethodHandle setH = linker.downcallHandle(set.get(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
                MethodHandle getH = linker.downcallHandle(get.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
                String wanted = System.getProperty("linea.native.threads", System.getenv("LINEA_NATIVE_THREADS"));
                String knob = "-Dlinea.native.threads";
                if (wanted == null || wanted.isBlank()) {
                    wanted = linkedThreads();
                    knob = wanted == null ? "default (1)" : "linea.threads / Threads.setDefault / --threads";
                    wanted = wanted == null ? "1" : wanted;
                }
                if (!wanted.trim().equals("default")) {
                    int n;
                    try {
                        n = Integer.parseInt(wanted.trim());
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 1) {
                        facts.put("threads.warning", "linea.native.threads = '" + wanted
                                + "', expected a positive number or 'default'; using 1");
                        n = 1;
                    }
                    setH.invokeExact(n);
                }
                facts.put("threads", Integer.toString((int) getH.invokeExact()));
                facts.put("threads.from", knob);
                facts.put("threads.knob", "-Dlinea.native.threads=N or LINEA_NATIVE_THREADS=N (default: an explicit "
                        + "linea.threads / --threads, else 1)");
                if (config.isPresent()) {
                    MethodHandle cfg = linker.downcallHandle(config.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
                    MemorySegment s = (MemorySegment) cfg.invokeExact();
                    facts.put("openblas", s.reinterpret(256).getString(0));
                }
            } catch (Throwable t) {
                facts.put("threads", "unknown: " + causes(t));
            }
            return facts;
        }

        /**
         * OpenBLAS's count when {@code linea.native.threads} is not given: the kernels' count when it was set
         * explicitly ({@code -Dlinea.threads}, {@code Threads.setDefault}, the command line's {@code --threads}),
         * so that one knob holds both; else null (OpenBLAS gets 1, for services that call it from many threads at
         * once).
         */
        private static String linkedThreads() {
            try {
                java.util.OptionalInt c = dev.linea.kernels.Threads.configured();
                return c.isPresent() ? Integer.toString(c.getAsInt()) : null;
            } catch (IllegalArgumentException e) { // a bad linea.threads: the kernels report it at their first use
                return null;
            }
        }
    }
}
