package dev.linea.nativeblas;

import dev.linea.kernels.Backend;
import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native backend loads through the ServiceLoader. With {@code LINEA_REQUIRE_NATIVE=1} (CI) a native backend
 * that cannot load FAILS the build; elsewhere the native tests are skipped with the reason.
 */
class NativeLoadsTest {

    static boolean required() {
        return "1".equals(System.getenv("LINEA_REQUIRE_NATIVE"));
    }

    /** Skips (or, when required, fails) the calling test when native is unavailable; returns it otherwise. */
    static Backend nativeOrSkip() {
        BackendStatus s = Backends.status("native");
        if (required()) {
            assertThat(s.isAvailable()).as("LINEA_REQUIRE_NATIVE=1 but the native backend did not load: "
                    + s.reason() + ". Fix: " + s.fix()).isTrue();
        }
        assumeTrue(s.isAvailable(), () -> "native backend unavailable: " + s.reason() + ". Fix: " + s.fix());
        return s.backend();
    }

    @Test
    void nativeLoadsOrSaysWhy() {
        BackendStatus s = Backends.status("native");
        if (!s.isAvailable()) {
            assertThat(s.reason()).isNotBlank();
            assertThat(s.fix()).contains("libopenblas0-pthread");
        }
        Backend b = nativeOrSkip();
        assertThat(b.name()).isEqualTo("native");
        assertThat(Backends.named("NATIVE ")).isSameAs(b);
    }

    @Test
    void describesLibraryAndThreads() {
        Backend b = nativeOrSkip();
        assertThat(b.describe()).containsKeys("blas", "lapack", "library");
        if (b.describe().getOrDefault("library", "").contains("openblas")) {
            assertThat(b.describe().get("threads")).isEqualTo("1");
        }
    }

    @Test
    void autoRoutesLargeWorkToNativeWhenThresholdsSaySo() {
        nativeOrSkip();
        assertThat(Backends.named("auto").describe()).containsEntry("large", "native");
    }
}
