package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import picocli.CommandLine.Option;

/** {@code --backend NAME}, shared by the commands that compute. */
final class BackendOption {
    @Option(names = {"-b", "--backend"}, paramLabel = "NAME",
            description = "scalar, vector, native or auto (default: -Dlinea.backend, LINEA_BACKEND, else auto).")
    String backend;

    Backend resolve() {
        return backend == null ? Backends.defaultBackend() : Backends.named(backend);
    }
}
