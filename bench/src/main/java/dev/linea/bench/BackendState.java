package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The backend under test, by name; {@link BenchMain} passes only the backends available on the machine. */
@State(Scope.Benchmark)
public class BackendState {
    @Param({"scalar", "vector", "native", "auto"})
    public String backend;

    public Backend b;

    @Setup
    public void resolve() {
        b = Backends.named(backend);
    }
}
