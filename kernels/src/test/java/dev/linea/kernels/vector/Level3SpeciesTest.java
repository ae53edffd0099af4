package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The level-3 kernels' species: SPECIES_PREFERRED unless {@value Panels#SPECIES_PROPERTY} forces a size (the
 * build's second test run forces 512 bits so that the AVX-512 tile is checked on AVX2 machines too; this test
 * proves the force took effect there, so that run cannot silently test the preferred species twice).
 */
class Level3SpeciesTest {

    @Test
    void speciesFollowsTheProperty() {
        String forced = System.getProperty(Panels.SPECIES_PROPERTY);
        int expected = forced == null ? DoubleVector.SPECIES_PREFERRED.vectorBitSize() : Integer.parseInt(forced);
        assertThat(Panels.S.vectorBitSize()).isEqualTo(expected);
        assertThat(MicroKernel.NR).isEqualTo(2 * Panels.L);
        assertThat(Panels.L).isEqualTo(expected / 64);
    }

    @Test
    void panelStrideIsNeverAMultipleOf4KiB() {
        for (int kc = 1; kc <= 4096; kc++) {
            assertThat((Panels.stride(kc) * 8) % 4096).as("stride of kc = %d", kc).isNotZero();
        }
    }
}
