package dev.linea.kernels.spi;

import dev.linea.kernels.BackendStatus;

/**
 * Service-provider interface through which optional backends (the native one) join {@link dev.linea.kernels.Backends}
 * without the kernels module depending on them. Implementations are listed in
 * {@code META-INF/services/dev.linea.kernels.spi.BackendProvider} and need a public no-argument constructor.
 */
public interface BackendProvider {

    /** @return the backend's name, as given to {@link dev.linea.kernels.Backends#named(String)}. */
    String name();

    /**
     * Tries to create the backend. Called at most once per JVM. Must not throw: a backend that cannot load returns
     * {@link BackendStatus#unavailable} with the real cause and the fix.
     */
    BackendStatus load();
}
