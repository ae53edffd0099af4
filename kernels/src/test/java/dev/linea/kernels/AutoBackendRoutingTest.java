package dev.linea.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AutoBackend}'s routing table: defaults, overrides from properties, and where calls go. */
class AutoBackendRoutingTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsKeepLevelOneAndTheFusedGradientsOnTheSmallBackend() {
        AutoBackend.RoutingTable t = AutoBackend.RoutingTable.defaults();
        for (Kernel k : new Kernel[]{Kernel.DOT, Kernel.AXPY, Kernel.SCAL, Kernel.LEAST_SQUARES_GRADIENT,
                Kernel.LOGISTIC_GRADIENT}) {
            assertThat(t.threshold(k)).as(k.name()).isEqualTo(Long.MAX_VALUE);
        }
        assertThat(t.threshold(Kernel.GEMM)).isEqualTo(32L * 32 * 32);
        assertThat(t.threshold(Kernel.QR)).isEqualTo(64L * 64 * 64);
    }

    @Test
    void overridesSetOneKernelEachAndLeaveTheOthers() {
        AutoBackend.RoutingTable t = AutoBackend.RoutingTable.defaults().withOverrides(props(
                "linea.auto.gemm", "1000000", "linea.auto.cholesky_solve", " 42 ", "linea.auto.dot", "0",
                "linea.other", "x"));
        assertThat(t.threshold(Kernel.GEMM)).isEqualTo(1_000_000L);
        assertThat(t.threshold(Kernel.CHOLESKY_SOLVE)).isEqualTo(42L);
        assertThat(t.threshold(Kernel.DOT)).isZero();
        assertThat(t.threshold(Kernel.GEMV)).isEqualTo(AutoBackend.RoutingTable.defaults().threshold(Kernel.GEMV));
        assertThatThrownBy(() -> t.thresholds().put(Kernel.QR, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "", "1.5", "99999999999999999999"})
    void aBadOverrideIsAClearError(String value) {
        assertThatThrownBy(() -> AutoBackend.RoutingTable.defaults().withOverrides(props("linea.auto.gram", value)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linea.auto.gram")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("expected a whole number of elements >= 0");
    }

    @Test
    void callsAtOrAboveTheThresholdGoToTheLargeBackend() {
        Backend small = ScalarBackend.INSTANCE;
        Backend large = Backends.named("vector");
        AutoBackend auto = new AutoBackend(small, large, new AutoBackend.RoutingTable(java.util.Map.of())
                .withOverrides(props("linea.auto.gemv", "1000")), "test");
        assertThat(auto.route(Kernel.GEMV, 999)).isSameAs(small);
        assertThat(auto.route(Kernel.GEMV, 1000)).isSameAs(large);
        // GEMV work counts only for narrow matrices (see AutoBackend#gemvKernel); route() takes the work itself.
        assertThat(auto.route(Kernel.GEMM, Long.MAX_VALUE - 1)).isSameAs(small);
        assertThat(auto.describe()).containsEntry("small", "scalar").containsEntry("large", "vector")
                .containsEntry("route.gemv", "scalar below 1000 elements of work, vector from there (only for at most "
                        + AutoBackend.NARROW_GEMV_COLUMNS + " columns and below " + AutoBackend.IN_CACHE_GEMV_WORK
                        + " elements)")
                .containsEntry("route.gemm", "scalar");
    }

    @Test
    void gemvIsRoutedByWorkOnlyForTheShapesItsVectorWidthWasMeasuredToLoseOn() {
        AutoBackend.RoutingTable t = AutoBackend.RoutingTable.defaults();
        Backend small = ScalarBackend.INSTANCE;
        Backend large = Backends.named("vector");
        // Both widths: OpenBLAS only for at most 32 columns while A is in the caches (docs/routing.md).
        AutoBackend.GemvShapes measured = AutoBackend.GemvShapes.MEASURED;
        AutoBackend auto2 = new AutoBackend(small, large, t, "test", measured);
        assertThat(auto2.route(Kernel.GEMV, measured.work(100_000, 10))).as("1e5×10").isSameAs(large);
        assertThat(auto2.route(Kernel.GEMV, measured.work(31_250, 32))).as("31250×32").isSameAs(large);
        assertThat(auto2.route(Kernel.GEMV, measured.work(1_000_000, 10))).as("1e6×10: out of cache").isSameAs(small);
        assertThat(auto2.route(Kernel.GEMV, measured.work(100_000, 100))).as("1e5×100: quick bench").isSameAs(small);
        assertThat(auto2.route(Kernel.GEMV, measured.work(10_000, 100))).as("1e4×100: wide").isSameAs(small);
        assertThat(auto2.route(Kernel.GEMV, measured.work(10_000, 1000))).as("1e4×1e3: quick bench").isSameAs(small);
        assertThat(auto2.route(Kernel.GEMV, measured.work(10_000, 10))).as("1e4×10: below the threshold")
                .isSameAs(small);
        assertThat(auto2.describe()).containsEntry("route.gemv", "scalar below 1000000 elements of work, vector from"
                + " there (only for at most 32 columns and below 1500000 elements)");
        // A calibration routes every width and size by work.
        assertThat(AutoBackend.GemvShapes.ALL.work(10_000, 1000)).isEqualTo(10_000_000L);
        assertThat(AutoBackend.GemvShapes.ALL.describe()).isEmpty();
        // The rule's own description when it bounds the work only.
        assertThat(new AutoBackend.GemvShapes(Integer.MAX_VALUE, 1_500_000L).describe())
                .isEqualTo(" (only below 1500000 elements)");
    }

    @Test
    void theCreatedAutoBackendTakesTheGemvRuleOfItsVectorWidth() {
        String old = System.getProperty("linea.auto.table");
        System.setProperty("linea.auto.table", "/nonexistent/linea-routing.properties");
        try {
            BackendStatus vector = Backends.status("vector");
            AutoBackend auto = AutoBackend.create(vector, () -> BackendStatus.available(ScalarBackend.INSTANCE));
            int lanes = Integer.parseInt(vector.backend().describe().get("lanes"));
            assertThat(auto.describe().get("route.gemv"))
                    .endsWith("(only for at most 32 columns and below 1500000 elements)");
            assertThat(auto.describe().get("table")).contains(lanes <= 4 ? "Gram routed by work at every width"
                    : "measured defaults");
        } finally {
            if (old == null) {
                System.clearProperty("linea.auto.table");
            } else {
                System.setProperty("linea.auto.table", old);
            }
        }
    }

    @Test
    void factorizationsAndSolvesReturnToTheSmallBackendWhereTheirVectorWidthWasMeasuredToWin() {
        AutoBackend.RoutingTable t = AutoBackend.RoutingTable.defaults();
        Backend small = ScalarBackend.INSTANCE;
        Backend large = Backends.named("vector");
        AutoBackend.GemvShapes gemv = AutoBackend.GemvShapes.MEASURED;
        // AVX-512 (8 lanes): Cholesky native in [32³, 128³), the solves never; on both widths solves with fewer
        // than 8 right-hand sides stay small at every size (docs/routing.md, "AVX-512, re-measured").
        AutoBackend auto5 = new AutoBackend(small, large, t, "test", gemv, AutoBackend.FactorShapes.forLanes(8));
        assertThat(auto5.route(Kernel.CHOLESKY, 31L * 31 * 31)).as("cholesky 31").isSameAs(small);
        assertThat(auto5.route(Kernel.CHOLESKY, 32L * 32 * 32)).as("cholesky 32").isSameAs(large);
        assertThat(auto5.route(Kernel.CHOLESKY, 128L * 128 * 128 - 1)).as("cholesky <128").isSameAs(large);
        assertThat(auto5.route(Kernel.CHOLESKY, 128L * 128 * 128)).as("cholesky 128").isSameAs(small);
        assertThat(auto5.route(Kernel.CHOLESKY, 2000L * 2000 * 2000)).as("cholesky 2000").isSameAs(small);
        assertThat(auto5.routeSolve(Kernel.TRIANGULAR_SOLVE, 32, 32)).as("trsm 32×32").isSameAs(small);
        assertThat(auto5.routeSolve(Kernel.TRIANGULAR_SOLVE, 2000, 2000)).as("trsm 2000×2000").isSameAs(small);
        assertThat(auto5.routeSolve(Kernel.CHOLESKY_SOLVE, 500, 500)).as("potrs 500×500").isSameAs(small);
        assertThat(auto5.routeSolve(Kernel.TRIANGULAR_SOLVE, 2000, 1)).as("trsv 2000").isSameAs(small);
        assertThat(auto5.describe())
                .containsEntry("route.cholesky", "scalar below 32768 elements of work, vector from there, scalar"
                        + " again from 2097152")
                .containsEntry("route.cholesky_solve", "scalar")
                .containsEntry("route.triangular_solve", "scalar")
                .containsEntry("route.gemm", "scalar below 32768 elements of work, vector from there");
        // AVX2 (4 lanes): OpenBLAS ahead at every size from the threshold; the right-hand-side rule stands.
        AutoBackend auto2 = new AutoBackend(small, large, t, "test", gemv, AutoBackend.FactorShapes.forLanes(4));
        assertThat(auto2.route(Kernel.CHOLESKY, 2000L * 2000 * 2000)).as("avx2 cholesky 2000").isSameAs(large);
        assertThat(auto2.routeSolve(Kernel.TRIANGULAR_SOLVE, 500, 500)).as("avx2 trsm 500").isSameAs(large);
        assertThat(auto2.routeSolve(Kernel.TRIANGULAR_SOLVE, 500, 1)).as("avx2 trsv 500").isSameAs(small);
        assertThat(auto2.routeSolve(Kernel.CHOLESKY_SOLVE, 2000, 7)).as("avx2 potrs 2000×7").isSameAs(small);
        assertThat(auto2.routeSolve(Kernel.CHOLESKY_SOLVE, 2000, 8)).as("avx2 potrs 2000×8").isSameAs(large);
        assertThat(auto2.describe()).containsEntry("route.cholesky_solve", "scalar below 32768 elements of work,"
                + " vector from there (scalar with fewer than 8 right-hand sides)");
        // No vector backend: the table alone.
        assertThat(AutoBackend.FactorShapes.forLanes(0)).isEqualTo(AutoBackend.FactorShapes.NONE);
        // A kernel whose threshold a property sets loses its upper end (the property means every size above it).
        Properties p = props("linea.auto.cholesky", "0");
        assertThat(AutoBackend.FactorShapes.forLanes(8).withoutBoundsFor(p).below(Kernel.CHOLESKY))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(AutoBackend.FactorShapes.forLanes(8).withoutBoundsFor(p).below(Kernel.TRIANGULAR_SOLVE))
                .isZero();
    }

    @Test
    void withoutALargeBackendEverythingStaysSmall() {
        AutoBackend auto = new AutoBackend(ScalarBackend.INSTANCE, null,
                AutoBackend.RoutingTable.defaults().withOverrides(props("linea.auto.dot", "0")), "test");
        assertThat(auto.route(Kernel.DOT, 5)).isSameAs(ScalarBackend.INSTANCE);
        assertThat(auto.describe()).containsEntry("large", "scalar").containsEntry("route.dot", "scalar");
    }

    @Test
    void theLargeBackendIsAskedForOnlyWhenACallReachesAThreshold() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Backend large = Backends.named("vector");
        AutoBackend auto = AutoBackend.create(BackendStatus.available(ScalarBackend.INSTANCE), () -> {
            asked.incrementAndGet();
            return BackendStatus.available(large);
        });
        // Small work (and kernels that never leave the small backend) must not load native: no JNI at start-up.
        double[] a = {4, 2, 2, 3};
        assertThat(auto.choleskyKernel(2, a, 0, 2)).isZero();
        assertThat(auto.route(Kernel.GEMM, 31L * 31 * 31)).isSameAs(ScalarBackend.INSTANCE);
        assertThat(auto.route(Kernel.DOT, Long.MAX_VALUE - 1)).isSameAs(ScalarBackend.INSTANCE);
        assertThat(asked).hasValue(0);
        assertThat(auto.route(Kernel.GEMM, 32L * 32 * 32)).isSameAs(large);
        assertThat(asked).hasValue(1);
    }

    @Test
    void levelOneCallsAreRoutedByTheirOwnThresholds() {
        // dot, axpy and scal read their thresholds from fields of their own (one compare on a 20-ns call), not
        // through route(): the same table must decide. The large backend is asked for exactly when a call reaches
        // its kernel's threshold, and by default never (level 1 stays on the small backend at every size).
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Backend large = Backends.named("vector");
        java.util.function.Supplier<BackendStatus> counting = () -> {
            asked.incrementAndGet();
            return BackendStatus.available(large);
        };
        double[] x = new double[300];
        double[] y = new double[300];
        java.util.Arrays.fill(x, 1);
        java.util.Arrays.fill(y, 2);
        AutoBackend byDefault = AutoBackend.create(BackendStatus.available(ScalarBackend.INSTANCE), counting);
        assertThat(byDefault.dot(300, x, 0, y, 0)).isEqualTo(600);
        byDefault.axpy(300, 0.5, x, 0, y, 0);
        byDefault.scal(300, 2, y, 0);
        assertThat(asked).as("defaults: level 1 never leaves the small backend").hasValue(0);

        String[] keys = {"linea.auto.dot", "linea.auto.axpy", "linea.auto.scal"};
        String[] thresholds = {"100", "200", "250"};
        for (int i = 0; i < keys.length; i++) {
            System.setProperty(keys[i], thresholds[i]);
        }
        try {
            AutoBackend auto = AutoBackend.create(BackendStatus.available(ScalarBackend.INSTANCE), counting);
            asked.set(0);
            auto.dot(99, x, 0, y, 0);
            auto.axpy(199, 0.5, x, 0, y, 0);
            auto.scal(249, 1, y, 0);
            assertThat(asked).as("below each threshold: small").hasValue(0);
            auto.dot(100, x, 0, y, 0);
            assertThat(asked).as("dot at its threshold: large").hasValue(1);
            auto.axpy(200, 0.5, x, 0, y, 0);
            assertThat(asked).as("axpy at its threshold: large").hasValue(2);
            auto.scal(250, 1, y, 0);
            assertThat(asked).as("scal at its threshold: large").hasValue(3);
            for (int i = 0; i < keys.length; i++) {
                long t = Long.parseLong(thresholds[i]);
                Kernel k = Kernel.valueOf(keys[i].substring("linea.auto.".length()).toUpperCase(java.util.Locale.ROOT));
                assertThat(auto.route(k, t - 1)).as("%s route() below", k).isSameAs(ScalarBackend.INSTANCE);
                assertThat(auto.route(k, t)).as("%s route() at", k).isSameAs(large);
            }
        } finally {
            for (String k : keys) {
                System.clearProperty(k);
            }
        }
    }

    @Test
    void aLargeBackendThatDoesNotLoadLeavesEveryCallSmall() {
        AutoBackend auto = AutoBackend.create(BackendStatus.available(ScalarBackend.INSTANCE),
                () -> BackendStatus.unavailable("native", "test: no library", "none"));
        assertThat(auto.route(Kernel.GEMM, Long.MAX_VALUE - 1)).isSameAs(ScalarBackend.INSTANCE);
        assertThat(auto.describe()).containsEntry("large", "scalar").containsEntry("route.gemm", "scalar")
                .containsEntry("table", "measured defaults (docs/routing.md)");
    }

    @Test
    void theThreadsOfTheLargeBackendAreReadFromItsDescription() {
        assertThat(AutoBackend.threadsOf(java.util.Map.of("threads", "1"))).isEqualTo(1);
        assertThat(AutoBackend.threadsOf(java.util.Map.of("threads", " 4 "))).isEqualTo(4);
        assertThat(AutoBackend.threadsOf(java.util.Map.of("threads", "not OpenBLAS: thread control unavailable")))
                .isEqualTo(1);
        assertThat(AutoBackend.threadsOf(java.util.Map.of("lanes", "4"))).isEqualTo(Integer.MAX_VALUE);
        assertThat(AutoBackend.threadsOf(Backends.named("vector").describe())).as("Linea's own backends split")
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void splitKernelsFollowTheLargeBackendWhateverTheThreadCountWhenItSplitsToo() {
        // vector as the large backend describes no "threads": it splits over Threads itself, so a large Gram or
        // GEMV goes to it on any count (same answer as the vector backend called directly).
        Backend large = Backends.named("vector");
        AutoBackend auto = new AutoBackend(ScalarBackend.INSTANCE, large, new AutoBackend.RoutingTable(
                java.util.Map.of()).withOverrides(props("linea.auto.gram", "0")), "test");
        double[] a = new double[40 * 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 7 % 11) - 5.25;
        }
        double[] direct = new double[9];
        large.gram(40, 3, a, 0, 3, null, 0, direct, 0, 3);
        for (int t : new int[]{1, 2, 3}) {
            double[] c = new double[9];
            Threads.run(t, () -> auto.gram(40, 3, a, 0, 3, null, 0, c, 0, 3));
            assertThat(c).containsExactly(direct);
        }
        assertThat(auto.describe()).doesNotContainKey("route.threads");
    }

    @Test
    void splitKernelsStaySmallWhenTheDefaultCountExceedsTheLargeBackendsThreads() {
        Backend oneThreadLarge = Backends.named("vector");
        AutoBackend auto = new AutoBackend(ScalarBackend.INSTANCE, oneThreadLarge, new AutoBackend.RoutingTable(
                java.util.Map.of()).withOverrides(props("linea.auto.gram", "100", "linea.auto.gemv", "100")),
                "test").assumeLargeThreads(1); // as the native backend with OpenBLAS on one thread
        try {
            for (Kernel k : new Kernel[]{Kernel.GRAM, Kernel.GEMV}) {
                Threads.setDefault(1);
                assertThat(auto.routeSplit(k, 1000)).as("%s, default 1 thread", k).isSameAs(oneThreadLarge);
                Threads.setDefault(2);
                assertThat(auto.routeSplit(k, 1000)).as("%s, default 2 threads", k).isSameAs(ScalarBackend.INSTANCE);
                assertThat(Threads.call(1, () -> auto.routeSplit(k, 1000))).as("%s: a scoped count does not change"
                        + " the route (the same bits on any count)", k).isSameAs(ScalarBackend.INSTANCE);
                assertThat(auto.routeSplit(k, 99)).isSameAs(ScalarBackend.INSTANCE);
            }
        } finally {
            Threads.clearDefault();
        }
        assertThat(auto.describe().get("route.threads")).contains("more than 1 (vector");
    }
}
