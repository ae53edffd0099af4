package dev.linea.kernels;

/** Thrown by {@link Backends#named(String)} when a known backend cannot run on this JVM; the message says why and how to fix it. */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient BackendStatus status;

    public BackendUnavailableException(BackendStatus status) {
        super("backend '" + status.name() + "' is unavailable: " + status.reason() + ". Fix: " + status.fix());
        this.status = status;
    }

    public BackendStatus status() {
        return status;
    }
}
