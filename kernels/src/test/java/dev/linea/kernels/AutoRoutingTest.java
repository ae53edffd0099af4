package dev.linea.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Auto's routing table: defaults, the calibration file, overrides, and the crossover rule. */
class AutoRoutingTest {

    /** A stand-in "large" backend: the scalar reference, under the name native. */
    static Map<String, BackendStatus> statuses() {
        Map<String, BackendStatus> m = new LinkedHashMap<>();
        m.put("vector", Backends.status("vector"));
        m.put("native", BackendStatus.available(ScalarBackend.INSTANCE));
        return m;
    }

    @Test
    void calibrationFileIsReadAndSaidWhereItCameFrom(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("routing.properties");
        Files.writeString(f, "linea.auto.gemm=123\n");
        String old = System.getProperty("linea.auto.table");
        System.setProperty("linea.auto.table", f.toString());
        try {
            AutoBackend auto = AutoBackend.create(statuses());
            assertThat(auto.table().threshold(Kernel.GEMM)).isEqualTo(123);
            assertThat(auto.route(Kernel.GEMM, 122).name()).isNotEqualTo("scalar");
            assertThat(auto.route(Kernel.GEMM, 123)).isSameAs(ScalarBackend.INSTANCE);
            assertThat(auto.describe().get("table")).contains("calibrated", f.toString());
        } finally {
            if (old == null) {
                System.clearProperty("linea.auto.table");
            } else {
                System.setProperty("linea.auto.table", old);
            }
        }
    }

    @Test
    void aCalibrationFromAnotherMachineOrJdkIsIgnoredAndSaidSo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("routing.properties");
        Files.writeString(f, "linea.auto.gemm=123\nlinea.auto.machine=Some Other CPU; 64 cores; 8 double lanes; "
                + "JDK 21\n");
        String old = System.getProperty("linea.auto.table");
        System.setProperty("linea.auto.table", f.toString());
        try {
            AutoBackend auto = AutoBackend.create(statuses());
            assertThat(auto.table().threshold(Kernel.GEMM)).isEqualTo(
                    AutoBackend.RoutingTable.defaults().threshold(Kernel.GEMM));
            assertThat(auto.describe().get("table")).contains("measured defaults", "ignored", "Some Other CPU");
            assertThat(auto.describe()).containsEntry("table.source", "defaults");
        } finally {
            if (old == null) {
                System.clearProperty("linea.auto.table");
            } else {
                System.setProperty("linea.auto.table", old);
            }
        }
    }

    @Test
    void aCalibrationOfThisMachineAppliesAndTheSourceSaysCalibration(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("routing.properties");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("linea.auto.gemm", "456");
        p.setProperty(RoutingCalibration.MACHINE, RoutingCalibration.machine());
        try (java.io.Writer w = Files.newBufferedWriter(f)) {
            p.store(w, null);
        }
        String old = System.getProperty("linea.auto.table");
        System.setProperty("linea.auto.table", f.toString());
        try {
            AutoBackend auto = AutoBackend.create(statuses());
            assertThat(auto.table().threshold(Kernel.GEMM)).isEqualTo(456);
            assertThat(auto.describe()).containsEntry("table.source", "calibration")
                    .containsEntry("table.file", f.toString());
        } finally {
            if (old == null) {
                System.clearProperty("linea.auto.table");
            } else {
                System.setProperty("linea.auto.table", old);
            }
        }
    }

    @Test
    void withoutAFileTheMeasuredDefaultsApply() {
        String old = System.getProperty("linea.auto.table");
        System.setProperty("linea.auto.table", "/nonexistent/linea-routing.properties");
        try {
            AutoBackend auto = AutoBackend.create(statuses());
            assertThat(auto.table()).isEqualTo(AutoBackend.RoutingTable.defaults());
            assertThat(auto.describe().get("table")).contains("measured defaults");
            assertThat(auto.describe()).containsEntry("table.source", "defaults");
            // Level 1 and the fused gradients never leave the small backend.
            assertThat(auto.route(Kernel.LEAST_SQUARES_GRADIENT, Long.MAX_VALUE - 1).name()).isNotEqualTo("scalar");
        } finally {
            if (old == null) {
                System.clearProperty("linea.auto.table");
            } else {
                System.setProperty("linea.auto.table", old);
            }
        }
    }

    @Test
    void overridesAreCheckedAndNamed() {
        Properties p = new Properties();
        p.setProperty("linea.auto.qr", "-5");
        assertThatThrownBy(() -> AutoBackend.RoutingTable.defaults().withOverrides(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linea.auto.qr = '-5', expected a whole number of elements >= 0");
        p.setProperty("linea.auto.qr", "1000");
        assertThat(AutoBackend.RoutingTable.defaults().withOverrides(p).threshold(Kernel.QR)).isEqualTo(1000);
    }

    @Test
    void crossoverIsTheSmallestSizeFromWhichLargeAlwaysWins() {
        // ratio = time(small) / time(large) along the ladder 8, 16, 32, 64, 128, 256
        assertThat(RoutingCalibration.crossover(new double[]{0.5, 0.9, 1.2, 0.95, 1.5, 2}, Kernel.GEMM))
                .isEqualTo(128L * 128 * 128);
        assertThat(RoutingCalibration.crossover(new double[]{2, 2, 2, 2, 2, 2}, Kernel.GEMM)).isEqualTo(8L * 8 * 8);
        assertThat(RoutingCalibration.crossover(new double[]{2, 2, 2, 2, 2, 0.9}, Kernel.GEMM))
                .isEqualTo(Long.MAX_VALUE);
    }
}
