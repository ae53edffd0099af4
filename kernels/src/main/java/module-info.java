/**
 * Linea's numerical kernels: the {@link dev.linea.kernels.Backend} contract, backend selection
 * ({@link dev.linea.kernels.Backends}), the scalar reference and the Vector API backend.
 *
 * <p>The Vector API is optional: {@code jdk.incubator.vector} is required {@code static}, so this module resolves
 * without it; start the JVM with {@code --add-modules jdk.incubator.vector} to enable the {@code vector} backend
 * (without it, one log line says so and {@code auto} routes to the other backends). The native backend is found
 * through {@link java.util.ServiceLoader} ({@code uses dev.linea.kernels.spi.BackendProvider}); the
 * {@code dev.linea.blas} module (artifact {@code linea-native}) provides it.
 */
module dev.linea.kernels {
    requires static jdk.incubator.vector;

    exports dev.linea.kernels;
    exports dev.linea.kernels.spi;
    exports dev.linea.kernels.sparse;
    // dev.linea.kernels.vector is internal: loaded reflectively from dev.linea.kernels only when the module is there.

    uses dev.linea.kernels.spi.BackendProvider;
}
