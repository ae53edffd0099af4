package dev.linea.kernels;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Backends.warmUp runs once, changes no result, and is a no-op the second time. */
class WarmUpTest {
    @Test
    void warmUpRunsOnceAndChangesNoResult() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Backend auto = Backends.named("auto");
        double before = auto.dot(x, x);
        Duration first = Backends.warmUp();
        assertThat(first.isNegative()).as("duration %s", first).isFalse();
        if (Backends.status("vector").isAvailable()) {
            assertThat(Backends.warmUp()).as("second call").isEqualTo(Duration.ZERO);
        } else {
            assertThat(first).as("nothing to warm without the vector backend").isEqualTo(Duration.ZERO);
        }
        assertThat(auto.dot(x, x)).isEqualTo(before).isEqualTo(506.0);
    }
}
