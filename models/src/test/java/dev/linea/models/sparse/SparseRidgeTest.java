package dev.linea.models.sparse;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.SparseDesign;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Ridge by sparse conjugate gradients equals the direct (Cholesky) fit of the densified data, and certifies it. */
class SparseRidgeTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fitEqualsTheDensifiedFit(String name) {
        Backend b = Backends.named(name);
        for (boolean intercept : new boolean[] {true, false}) {
            for (boolean weighted : new boolean[] {false, true}) {
                for (double alpha : new double[] {0.1, 10}) {
                    SparseDesign s = SparseData.design(200, 60, 0.1, "gaussian", weighted, 7);
                    RidgeOptions o = RidgeOptions.defaults().withAlpha(alpha).withIntercept(intercept);
                    RidgeResult sp = new Ridge(o, b).fit(s);
                    RidgeResult de = new Ridge(o, b).fit(Dataset.wrap(s.rows(), s.cols(), s.matrix().toDense(),
                            s.yUnsafe(), s.weightsUnsafe(), null, null));
                    String what = "intercept=" + intercept + " weighted=" + weighted + " alpha=" + alpha;
                    assertThat(sp.report().converged()).as(what).isTrue();
                    assertThat(sp.report().certificate().met()).as(what).isTrue();
                    assertThat(sp.model().intercept()).as(what).isCloseTo(de.model().intercept(), within(1e-9));
                    assertThat(sp.model().coefficients()).as(what)
                            .containsExactly(de.model().coefficients(), within(1e-9));
                }
            }
        }
    }

    @Test
    void offsetsAreRejected() {
        SparseDesign s = SparseData.design(20, 4, 0.5, "gaussian", false, 3).withOffsets(new double[20]);
        assertThatThrownBy(() -> new Ridge().fit(s)).hasMessageContaining("has offsets, expected neither");
    }
}
