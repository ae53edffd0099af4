package dev.linea.models.sparse;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.SparseDesign;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The lasso / elastic-net path on a sparse design (covariance-free updates on CSC, implicit centring and scaling)
 * equals the path of the densified data, λ by λ, with every λ certified by its duality gap.
 */
class SparseElasticNetTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pathEqualsTheDensifiedPath(String name) {
        Backend b = Backends.named(name);
        for (double alpha : new double[] {1, 0.5}) {
            for (boolean standardize : new boolean[] {true, false}) {
                for (boolean intercept : new boolean[] {true, false}) {
                    for (boolean weighted : new boolean[] {false, true}) {
                        check(b, alpha, standardize, intercept, weighted);
                    }
                }
            }
        }
    }

    private static void check(Backend b, double alpha, boolean standardize, boolean intercept, boolean weighted) {
        SparseDesign s = SparseData.design(150, 40, 0.15, "gaussian", weighted, 11);
        ElasticNetOptions o = ElasticNetOptions.elasticNet(alpha).withPath(30, 1e-3).withStandardize(standardize)
                .withIntercept(intercept);
        ElasticNetPath sp = new ElasticNet(o, b).fit(s);
        Dataset d = Dataset.wrap(s.rows(), s.cols(), s.matrix().toDense(), s.yUnsafe(), s.weightsUnsafe(), null,
                null);
        ElasticNetPath de = new ElasticNet(o.withMode(ElasticNetOptions.Mode.NAIVE), b).fit(d);
        String what = "alpha=" + alpha + " standardize=" + standardize + " intercept=" + intercept + " weighted="
                + weighted;
        assertThat(sp.report().converged()).as(what).isTrue();
        assertThat(sp.size()).isEqualTo(de.size());
        assertThat(sp.lambdaMax()).as(what).isCloseTo(de.lambdaMax(), within(1e-12 * de.lambdaMax()));
        for (int k = 0; k < sp.size(); k++) {
            assertThat(sp.certificate(k).met()).as(what + " k=" + k).isTrue();
            assertThat(sp.intercept(k)).as(what + " k=" + k).isCloseTo(de.intercept(k), within(1e-6));
            assertThat(sp.coefficients(k)).as(what + " k=" + k).containsExactly(de.coefficients(k), within(1e-6));
        }
        assertThat(sp.coefficients(0)).containsOnly(0.0);
        assertThat(sp.coefficients(sp.size() - 1)[0]).isZero(); // the empty column
    }

    @Test
    void offsetsAndAnAffineMapAreRejected() {
        SparseDesign s = SparseData.design(20, 4, 0.5, "gaussian", false, 3);
        ElasticNet fit = new ElasticNet(ElasticNetOptions.lasso());
        assertThatThrownBy(() -> fit.fit(s.withOffsets(new double[20]))).hasMessageContaining("has offsets");
        assertThatThrownBy(() -> fit.fit(s.centred())).hasMessageContaining("has an affine map");
    }
}
