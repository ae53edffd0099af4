package dev.linea.models.ridge;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ridge divides X by one power of two when its squares would leave double range. Columns 1e300 apart in scale
 * cannot both survive that: the small one's squares underflow, its Gram entries vanish, and the fit used to fail
 * as "singular … alpha = 0.0" (the scaled α). It must say what is wrong: the columns' scales.
 */
class RidgeScaleConflictTest {

    private static Dataset mixed(double big) {
        int m = 40;
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = Math.sin(i + 1.0);
            x[2 * i + 1] = big * Math.cos(3.0 * i);
            y[i] = x[2 * i] + 0.1 * (i % 3);
        }
        return Dataset.of(m, 2, x, y);
    }

    @Test
    void columnsTooFarApartInScaleAreNamed() {
        Dataset data = mixed(1e300);
        for (String b : new String[] {"scalar", "vector"}) {
            for (RidgeSolver s : RidgeSolver.values()) {
                Ridge ridge = new Ridge(RidgeOptions.defaults().withSolver(s), Backends.named(b));
                assertThatThrownBy(() -> ridge.fit(data)).isInstanceOf(FitException.class)
                        .hasMessageContaining("column 'x1'").hasMessageContaining("and column 'x2'")
                        .hasMessageContaining("differ in scale by more than about 1e150");
            }
            assertThatThrownBy(() -> new Ridge(RidgeOptions.defaults(), Backends.named(b))
                    .path(data, new double[] {0.5, 1})).isInstanceOf(FitException.class)
                    .hasMessageContaining("differ in scale");
            assertThatThrownBy(() -> new RidgeCV(RidgeCVOptions.defaults(), Backends.named(b)).fit(data))
                    .isInstanceOf(FitException.class).hasMessageContaining("differ in scale");
        }
    }

    /** Scales 1e100 apart stay within one rescaled Gram matrix: the fit still runs and is finite. */
    @Test
    void columnsWithinRangeStillFit() {
        RidgeResult r = new Ridge(RidgeOptions.defaults(), Backends.named("scalar")).fit(mixed(1e100));
        for (double c : r.model().coefficients()) {
            assertThat(c).isFinite();
        }
        assertThat(r.model().coefficients()[0]).isGreaterThan(0.5);
    }
}
