/**
 * The native backend of Linea: BLAS/LAPACK through netlib's JNI bindings to the system library (OpenBLAS on
 * Debian), registered with {@code dev.linea.kernels} as a service. It exports nothing: select it by name
 * ({@code Backends.named("native")}) or let {@code auto} route to it.
 *
 * <p>The module is named {@code dev.linea.blas} because its folder and artifact name ({@code native},
 * {@code linea-native}) are a Java keyword and cannot be a module name. Loading a JNI library and the FFM calls
 * that set OpenBLAS's thread count are restricted methods: start the JVM with
 * {@code --enable-native-access=ALL-UNNAMED} on the class path, or
 * {@code --enable-native-access=dev.linea.blas,dev.ludovic.netlib.blas,dev.ludovic.netlib.lapack} on the module
 * path. Without it the backend reports itself unavailable in one log line naming that flag, instead of letting the
 * JVM print its restricted-method warnings.
 */
module dev.linea.blas {
    requires dev.linea.kernels;
    requires dev.ludovic.netlib.blas;
    requires dev.ludovic.netlib.lapack;
    // org.netlib.util.intW (LAPACK's INFO out-parameter) comes from f2j's jar, which has no module name of its own:
    // this is the name the JDK derives from arpack_combined_all-0.1.jar.
    requires arpack.combined.all;
    requires java.logging; // to quiet netlib's own fallback warnings while it loads (see NativeLoader)

    provides dev.linea.kernels.spi.BackendProvider with dev.linea.nativeblas.NetlibBackendProvider;
}
