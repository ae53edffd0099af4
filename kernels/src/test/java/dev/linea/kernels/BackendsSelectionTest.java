package dev.linea.kernels;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link Backends}: look-up by name, the default backend, statuses, and what an unavailable backend says. */
class BackendsSelectionTest {
    private static final String PROPERTY = "linea.backend";
    private String savedProperty;

    @BeforeEach
    void saveProperty() {
        savedProperty = System.getProperty(PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, savedProperty);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "SCALAR", " Scalar ", "\tscalar\n"})
    void namedIsCaseInsensitiveAndTrimmed(String name) {
        assertThat(Backends.named(name)).isSameAs(ScalarBackend.INSTANCE);
    }

    @Test
    void everyAvailableBackendIsFoundByItsNameInAnyCase() {
        for (BackendStatus s : Backends.statuses()) {
            if (s.isAvailable()) {
                Backend b = Backends.named(" " + s.name().toUpperCase(java.util.Locale.ROOT) + " ");
                assertThat(b).isSameAs(s.backend());
                assertThat(b.name()).isEqualTo(s.name());
                assertThat(Backends.named(s.name())).as("one instance per JVM").isSameAs(b);
            }
        }
    }

    @Test
    void vectorAndAutoLoadUnderTheBuildsFlags() {
        // The parent pom runs tests with --add-modules jdk.incubator.vector: the vector backend must load there.
        assertThat(Backends.status("vector").isAvailable()).as(String.valueOf(Backends.status("vector").reason()))
                .isTrue();
        assertThat(Backends.named("vector").name()).isEqualTo("vector");
        assertThat(Backends.named("auto")).isInstanceOf(AutoBackend.class);
    }

    @Test
    void anUnknownNameIsAnIllegalArgumentExceptionListingTheValidNames() {
        assertThatThrownBy(() -> Backends.named("fortran"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fortran'")
                .hasMessageContaining("scalar").hasMessageContaining("vector")
                .hasMessageContaining("native").hasMessageContaining("auto");
        assertThatThrownBy(() -> Backends.named(null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null").hasMessageContaining("scalar");
        assertThatThrownBy(() -> Backends.status("")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected one of");
    }

    @Test
    void anUnavailableBackendThrowsWithItsReasonAndFix() {
        BackendStatus nat = Backends.status("native");
        assumeFalse(nat.isAvailable(), "native loaded here: nothing unavailable to test");
        assertThat(nat.reason()).isNotBlank();
        assertThat(nat.fix()).isNotBlank();
        assertThat(nat.backend()).isNull();
        assertThatThrownBy(() -> Backends.named(" NATIVE "))
                .isExactlyInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("native")
                .hasMessageContaining(nat.reason())
                .hasMessageContaining(nat.fix())
                .satisfies(e -> assertThat(((BackendUnavailableException) e).status()).isSameAs(nat));
    }

    @Test
    void statusesListScalarVectorNativeAutoInOrder() {
        List<BackendStatus> statuses = Backends.statuses();
        assertThat(statuses).extracting(BackendStatus::name).containsExactly("scalar", "vector", "native", "auto");
        assertThat(Backends.NAMES).containsExactly("scalar", "vector", "native", "auto");
        assertThat(statuses.getFirst().backend()).isSameAs(ScalarBackend.INSTANCE);
        assertThat(statuses.getLast().isAvailable()).isTrue();
        for (BackendStatus s : statuses) {
            assertThat(s.isAvailable()).as(s.name()).isEqualTo(s.reason() == null);
            assertThat(s.isAvailable()).as(s.name()).isEqualTo(s.fix() == null);
        }
        assertThatThrownBy(() -> statuses.add(statuses.getFirst())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void availableListsTheLoadedBackendsWithoutAuto() {
        List<Backend> available = Backends.available();
        assertThat(available).first().isSameAs(ScalarBackend.INSTANCE);
        assertThat(available).extracting(Backend::name).doesNotContain("auto")
                .containsExactlyElementsOf(Backends.statuses().stream()
                        .filter(s -> s.isAvailable() && !s.name().equals("auto")).map(BackendStatus::name).toList());
    }

    @Test
    void theDefaultComesFromTheSystemProperty() {
        System.setProperty(PROPERTY, " SCALAR ");
        assertThat(Backends.defaultBackend()).isSameAs(ScalarBackend.INSTANCE);
        System.setProperty(PROPERTY, "vector");
        assertThat(Backends.defaultBackend().name()).isEqualTo("vector");
        System.setProperty(PROPERTY, "fortran");
        assertThatThrownBy(Backends::defaultBackend).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fortran");
    }

    @Test
    void withoutPropertyOrEnvironmentTheDefaultIsAuto() {
        String env = System.getenv("LINEA_BACKEND");
        assumeTrue(env == null || env.isBlank(), "LINEA_BACKEND is set in this environment");
        System.clearProperty(PROPERTY);
        assertThat(Backends.defaultName()).isEqualTo("auto");
        assertThat(Backends.defaultBackend().name()).isEqualTo("auto");
        System.setProperty(PROPERTY, "  ");
        assertThat(Backends.defaultName()).as("a blank property is ignored").isEqualTo("auto");
    }

    /**
     * Without {@code --add-modules jdk.incubator.vector} the vector backend reports itself unavailable, with the
     * flag as the fix, and scalar still works: checked in a child JVM started without the flag.
     */
    @Test
    void withoutTheVectorModuleVectorIsUnavailableWithTheFlagAsFix() throws Exception {
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=none", VectorlessProbe.class.getName())
                .redirectErrorStream(false).start();
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("vector available=false")
                .contains("reason=the jdk.incubator.vector module is not in the boot layer")
                .contains("--add-modules jdk.incubator.vector")
                .contains("scalar dot=32.0")
                .contains("named(vector) threw BackendUnavailableException");
    }

    /**
     * A malformed {@code linea.auto.<kernel>} property is the caller's error at every look-up of auto (an
     * IllegalArgumentException naming the property, the value and the rule), not a failed class initialisation
     * that the command line would report as a defect: checked in a child JVM, whose registry is built with it.
     */
    @Test
    void aMalformedRoutingPropertyIsTheCallersErrorAtEveryLookUp() throws Exception {
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "-Djava.util.logging.config.file=none",
                "-Dlinea.auto.triangular_solve=-5", BadRoutingProbe.class.getName())
                .redirectErrorStream(false).start();
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String message = "linea.auto.triangular_solve = '-5', expected a whole number of elements >= 0";
        assertThat(out).contains("named(auto) #1 threw IllegalArgumentException: " + message)
                .contains("named(auto) #2 threw IllegalArgumentException: " + message)
                .contains("status(auto) threw IllegalArgumentException: " + message)
                .contains("vector available=true");
    }

    /** The child JVM of the test above: looks auto up three ways and prints what each did. */
    public static final class BadRoutingProbe {
        public static void main(String[] args) {
            for (int i = 1; i <= 2; i++) {
                try {
                    System.out.println("named(auto) #" + i + " returned " + Backends.named("auto").name());
                } catch (RuntimeException e) {
                    System.out.println("named(auto) #" + i + " threw " + e.getClass().getSimpleName() + ": "
                            + e.getMessage());
                }
            }
            try {
                System.out.println("status(auto) returned " + Backends.status("auto"));
            } catch (RuntimeException e) {
                System.out.println("status(auto) threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            System.out.println("vector available=" + Backends.status("vector").isAvailable());
        }
    }
}
