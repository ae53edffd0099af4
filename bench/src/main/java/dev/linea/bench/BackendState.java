package dev.linea.bench;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The backend under test, by name; {@link BenchMain} passes only the backends available on the machine. Every suite
 * that takes it measures single-thread kernels, backend against backend: the setup pins the row-splitting kernels
 * to one thread ({@link Threads#setDefault}, before native loads, so OpenBLAS keeps one too). {@link ThreadsBench}
 * measures threads.
 */
@State(Scope.Benchmark)
public class BackendState {
    @Param({"scalar", "vector", "native", "auto"})
    public String backend;

    public Backend b;

    @Setup
    public void resolve() {
        Threads.setDefault(1);
        b = Backends.named(backend);
    }
}
