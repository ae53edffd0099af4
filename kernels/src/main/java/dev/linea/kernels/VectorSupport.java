package dev.linea.kernels;

/**
 * Loads the Vector API backend only when the {@code jdk.incubator.vector} module is present: its classes refer to
 * that module and must not be touched otherwise.
 */
final class VectorSupport {
    static final String MODULE = "jdk.incubator.vector";
    static final String CLASS = "dev.linea.kernels.vector.VectorBackend";

    private VectorSupport() {
    }

    static BackendStatus load() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return BackendStatus.unavailable("vector", "the " + MODULE + " module is not in the boot layer",
                    "start java with --add-modules " + MODULE + " (./linea and the Maven build do this)");
        }
        try {
            Backend b = (Backend) Class.forName(CLASS).getField("INSTANCE").get(null);
            return BackendStatus.available(b);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return BackendStatus.unavailable("vector", "its classes failed to load: " + e,
                    "check that the JVM supports " + MODULE);
        }
    }
}
