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

    /** The TSQR's row block: 768 KiB with 8 lanes (AVX-512's L2 is at least 1 MiB), 256 KiB otherwise. */
    @Test
    void stackedQrBlockFollowsTheWidth() {
        assertThat(VectorBackend.INSTANCE.stackedQrBlockRows(100)).isEqualTo(Panels.L >= 8 ? 984 : 328);
        assertThat(VectorBackend.INSTANCE.stackedQrBlockRows(7)).isEqualTo(Panels.L >= 8 ? 14_044 : 4_684);
        assertThat(VectorBackend.INSTANCE.stackedQrBlockRows(5000)).isEqualTo(5000);
        assertThat(dev.linea.kernels.Backends.named("scalar").stackedQrBlockRows(100)).isEqualTo(328);
        assertThat(dev.linea.kernels.Backends.named("scalar").stackedQrBlockRows(0)).isEqualTo(32_768);
        assertThat(dev.linea.kernels.Backends.named("auto").stackedQrBlockRows(100))
                .isEqualTo(VectorBackend.INSTANCE.stackedQrBlockRows(100));
    }

    @Test
    void panelStrideIsNeverAMultipleOf4KiB() {
        for (int kc = 1; kc <= 4096; kc++) {
            assertThat((Panels.stride(kc) * 8) % 4096).as("stride of kc = %d", kc).isNotZero();
        }
    }
}
