package dev.linea.models.preprocessing;

import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.LinearRegression;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StandardScalerTest {

    /** 40 rows of 3 columns on very different scales and far from 0, y linear in them plus noise. */
    private static Dataset data(long seed, boolean weighted) {
        Random r = new Random(seed);
        int n = 40;
        double[] x = new double[n * 3];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i * 3] = 1000 + 50 * r.nextGaussian();
            x[i * 3 + 1] = 0.001 * r.nextGaussian();
            x[i * 3 + 2] = -7 + r.nextGaussian();
            y[i] = 3 + 0.02 * x[i * 3] - 400 * x[i * 3 + 1] + 2 * x[i * 3 + 2] + 0.1 * r.nextGaussian();
            w[i] = 0.5 + r.nextDouble();
        }
        return Dataset.of(n, 3, x, y, weighted ? w : null, List.of("big", "tiny", "shifted"), "t");
    }

    @Test
    void modelFittedOnScaledDataMapsBackToTheRawFit() {
        for (boolean weighted : new boolean[] {false, true}) {
            Dataset raw = data(7, weighted);
            StandardScaler s = StandardScaler.fit(raw);
            LinearModel scaled = new LinearRegression().fit(s.transform(raw)).model();
            LinearModel mapped = s.toOriginalScale(scaled);
            LinearModel direct = new LinearRegression().fit(raw).model();
            assertThat(mapped.featureNames()).containsExactly("big", "tiny", "shifted");
            for (int j = 0; j < 3; j++) {
                assertThat(mapped.coefficient(j)).as("beta " + j)
                        .isCloseTo(direct.coefficient(j), within(1e-9 * Math.abs(direct.coefficient(j))));
            }
            assertThat(mapped.intercept()).isCloseTo(direct.intercept(), within(1e-9 * Math.abs(direct.intercept())));
            double[] row = new double[3];
            for (int i = 0; i < raw.rows(); i++) {
                for (int j = 0; j < 3; j++) {
                    row[j] = raw.x(i, j);
                }
                double viaScaled = scaled.predict(s.transformRow(row, null));
                assertThat(mapped.predict(row)).isCloseTo(viaScaled, within(1e-12 * Math.abs(viaScaled) + 1e-12));
            }
        }
    }

    @Property(tries = 200)
    void mappedModelPredictsAsTheScaledOne(@ForAll long seed, @ForAll boolean withMean, @ForAll boolean withStd,
                                           @ForAll @DoubleRange(min = -5, max = 5) double b,
                                           @ForAll @IntRange(min = 0, max = 2) int constantColumn) {
        Random r = new Random(seed);
        int n = 12;
        double[] x = new double[n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 3 == constantColumn) ? 2.5 : 100 * r.nextGaussian() + 30;
        }
        Dataset raw = Dataset.of(n, 3, x, new double[n]);
        StandardScaler s = StandardScaler.fit(raw, new ScalerOptions(withMean, withStd));
        assertThat(s.scales()[constantColumn]).isEqualTo(1.0);
        LinearModel scaled = new LinearModel(b, new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()},
                null, null);
        LinearModel mapped = s.toOriginalScale(scaled);
        double[] row = {r.nextGaussian() * 100, r.nextGaussian() * 100, r.nextGaussian() * 100};
        double expected = scaled.predict(s.transformRow(row, null));
        assertThat(mapped.predict(row)).isCloseTo(expected, within(1e-12 * (1 + Math.abs(expected)) * 100));
    }

    @Test
    void constantColumnIsCentredNotScaled() {
        Dataset d = Dataset.of(new double[][] {{1, 0.1}, {2, 0.1}, {3, 0.1}}, new double[] {1, 2, 3});
        StandardScaler s = StandardScaler.fit(d);
        assertThat(s.scales()[1]).isEqualTo(1.0);
        assertThat(s.means()[1]).isCloseTo(0.1, within(1e-16));
        Dataset z = s.transform(d);
        for (int i = 0; i < 3; i++) {
            assertThat(z.x(i, 1)).isCloseTo(0.0, within(1e-16));
        }
        assertThat(z.x(0, 0)).isCloseTo(-Math.sqrt(1.5), within(1e-15));
    }

    @Test
    void transformUsesTrainingStatisticsAndKeepsTheRest() {
        Dataset train = Dataset.of(new double[][] {{0}, {2}}, new double[] {1, 2});
        StandardScaler s = StandardScaler.fit(train);
        assertThat(s.means()).containsExactly(1.0);
        assertThat(s.scales()).containsExactly(1.0);
        Dataset test = Dataset.of(1, 1, new double[] {10}, new double[] {5}, new double[] {3}, List.of("a"), "t");
        Dataset z = s.transform(test);
        assertThat(z.x(0, 0)).isEqualTo(9.0);
        assertThat(z.y(0)).isEqualTo(5.0);
        assertThat(z.weight(0)).isEqualTo(3.0);
        assertThat(z.featureNames()).containsExactly("a");
        assertThat(z.targetName()).isEqualTo("t");
    }

    @Test
    void withoutCentringOrScalingTheStepIsSkipped() {
        Dataset d = Dataset.of(new double[][] {{1}, {3}}, new double[] {0, 0});
        assertThat(StandardScaler.fit(d, new ScalerOptions(false, true)).transformRow(new double[] {3}, null))
                .containsExactly(3.0);
        assertThat(StandardScaler.fit(d, new ScalerOptions(true, false)).transformRow(new double[] {3}, null))
                .containsExactly(1.0);
        assertThat(StandardScaler.fit(d, new ScalerOptions(false, false)).transformRow(new double[] {3}, null))
                .containsExactly(3.0);
    }

    @Test
    void accessorsReturnCopies() {
        StandardScaler s = StandardScaler.fit(Dataset.of(new double[][] {{1}, {3}}, new double[] {0, 0}));
        s.means()[0] = 99;
        s.scales()[0] = 99;
        assertThat(s.means()).containsExactly(2.0);
        assertThat(s.scales()).containsExactly(1.0);
    }

    @Test
    void wrongShapesNameFoundAndExpected() {
        StandardScaler s = StandardScaler.fit(data(1, false));
        Dataset two = Dataset.of(new double[][] {{1, 2}}, new double[] {0});
        assertThatThrownBy(() -> s.transform(two)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 2 columns, expected 3");
        assertThatThrownBy(() -> s.transformRow(new double[4], null))
                .hasMessageContaining("has 4 values, expected 3");
        assertThatThrownBy(() -> s.transformRow(new double[3], new double[2]))
                .hasMessageContaining("out has 2 values, expected 3");
        assertThatThrownBy(() -> s.toOriginalScale(new LinearModel(0, new double[2], null, null)))
                .hasMessageContaining("model has 2 features, expected 3");
    }
}
