package dev.linea.kernels;

import dev.linea.kernels.conformance.BackendsUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The conformance suite's backend list and its {@code linea.conformance.backends} filter. */
class ConformanceBackendListTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(BackendsUnderTest.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(BackendsUnderTest.PROPERTY);
        } else {
            System.setProperty(BackendsUnderTest.PROPERTY, saved);
        }
    }

    @Test
    void withoutFilterEveryLoadedBackendPlusAuto() {
        System.clearProperty(BackendsUnderTest.PROPERTY);
        List<Backend> expected = new ArrayList<>(Backends.available());
        expected.add(Backends.named("auto"));
        assertThat(BackendsUnderTest.list()).containsExactlyElementsOf(expected);
        assertThat(BackendsUnderTest.list()).extracting(Backend::name).startsWith("scalar", "vector").endsWith("auto");
    }

    @Test
    void theFilterIsACommaListOfNames() {
        System.setProperty(BackendsUnderTest.PROPERTY, " scalar , AUTO ,");
        assertThat(BackendsUnderTest.list()).extracting(Backend::name).containsExactly("scalar", "auto");
    }

    @Test
    void aFilteredBackendThatCannotLoadFailsTheSuiteInsteadOfSkippingIt() {
        assumeFalse(Backends.status("native").isAvailable());
        System.setProperty(BackendsUnderTest.PROPERTY, "native");
        assertThatThrownBy(BackendsUnderTest::list).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("native");
        System.setProperty(BackendsUnderTest.PROPERTY, "fortran");
        assertThatThrownBy(BackendsUnderTest::list).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fortran");
    }
}
