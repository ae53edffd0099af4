package dev.linea.nativeblas;

import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.spi.BackendProvider;

/** Registers the native backend with {@code Backends} through {@link java.util.ServiceLoader}. */
public final class NetlibBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "native";
    }

    @Override
    public BackendStatus load() {
        return NativeLoader.load();
    }
}
