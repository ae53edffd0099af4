package dev.linea.kernels;

import java.util.Map;
import java.util.Objects;

/**
 * Whether a backend could be loaded on this JVM, and if not, why and how to fix it.
 *
 * @param name    the backend's name
 * @param backend the backend, or null when unavailable
 * @param reason  null when available; otherwise the real cause, in words
 * @param fix     null when available; otherwise what to do about it (a flag, a package to install)
 * @param details facts for people: species width, BLAS library, threads…
 */
public record BackendStatus(String name, Backend backend, String reason, String fix, Map<String, String> details) {

    public BackendStatus {
        Objects.requireNonNull(name, "name");
        details = details == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        if ((backend == null) == (reason == null)) {
            throw new IllegalArgumentException("a status has either a backend or a reason, not both or neither: "
                    + name);
        }
    }

    /** A loaded backend. */
    public static BackendStatus available(Backend backend) {
        return new BackendStatus(backend.name(), backend, null, null, backend.describe());
    }

    /** A backend that could not load. */
    public static BackendStatus unavailable(String name, String reason, String fix) {
        return new BackendStatus(name, null, reason, fix, Map.of());
    }

    public boolean isAvailable() {
        return backend != null;
    }
}
