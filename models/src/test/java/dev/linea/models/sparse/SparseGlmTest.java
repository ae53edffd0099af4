package dev.linea.models.sparse;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.SparseDesign;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Poisson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Poisson GLM by IRLS over sparse rows equals the fit of the densified data: coefficients, deviance, errors. */
class SparseGlmTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void poissonEqualsTheDensifiedFit(String name) {
        Backend b = Backends.named(name);
        for (boolean intercept : new boolean[] {true, false}) {
            for (boolean weighted : new boolean[] {false, true}) {
                for (boolean offsets : new boolean[] {false, true}) {
                    for (double alpha : new double[] {0, 1e-2}) {
                        check(b, intercept, weighted, offsets, alpha);
                    }
                }
            }
        }
    }

    private static void check(Backend b, boolean intercept, boolean weighted, boolean withOffsets, double alpha) {
        SparseDesign raw = SparseData.design(300, 25, 0.2, "poisson", weighted, 5);
        // column 0 of the generated data is empty: drop it so that the unpenalized fit has a non-singular system
        int m = raw.rows();
        int n = raw.cols() - 1;
        double[] full = raw.matrix().toDense();
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(full, i * (n + 1) + 1, d, i * n, n);
        }
        double[] off = null;
        if (withOffsets) {
            off = new double[m];
            for (int i = 0; i < m; i++) {
                off[i] = 0.1 * (i % 5) - 0.2;
            }
        }
        SparseDesign s = SparseDesign.of(CsrMatrix.fromDense(m, n, d), raw.yUnsafe(), raw.weightsUnsafe(), null,
                null, intercept).withOffsets(off);
        GlmOptions o = GlmOptions.of(new Poisson()).withAlpha(alpha).withIntercept(intercept).withTolerance(1e-12);
        GlmResult sp = new GeneralizedLinearModel(o, b).fit(s);
        Design dense = Design.of(Dataset.wrap(m, n, d, raw.yUnsafe(), raw.weightsUnsafe(), null, null), intercept)
                .withOffsets(off);
        GlmResult de = new GeneralizedLinearModel(o, b).fit(dense);
        String what = "intercept=" + intercept + " weighted=" + weighted + " offsets=" + withOffsets + " alpha="
                + alpha;
        assertThat(sp.report().converged()).as(what).isTrue();
        assertThat(sp.report().certificate().met()).as(what).isTrue();
        assertThat(sp.params()).as(what).containsExactly(de.params(), within(1e-9));
        assertThat(sp.statistics().deviance()).as(what)
                .isCloseTo(de.statistics().deviance(), within(1e-9 * de.statistics().deviance()));
        assertThat(sp.statistics().nullDeviance()).as(what)
                .isCloseTo(de.statistics().nullDeviance(), within(1e-9 * de.statistics().nullDeviance()));
        assertThat(sp.fittedValues()).as(what).containsExactly(de.fittedValues(), within(1e-9));
        if (alpha == 0) {
            double[] se = sp.coefficients().stream().mapToDouble(c -> c.stdError()).toArray();
            double[] seDense = de.coefficients().stream().mapToDouble(c -> c.stdError()).toArray();
            assertThat(se).as(what).containsExactly(seDense, within(1e-9));
        }
    }

    @Test
    void anEmptyColumnIsASingularSystemNamedLikeTheDenseFit() {
        SparseDesign s = SparseData.design(100, 6, 0.4, "poisson", false, 9);
        GlmOptions o = GlmOptions.of(new Poisson());
        assertThatThrownBy(() -> new GeneralizedLinearModel(o).fit(s)).isInstanceOf(FitException.class)
                .hasMessageContaining("column 'x1'");
    }

    @Test
    void tooManyColumnsAndAnAffineMapAreRejected() {
        int n = GeneralizedLinearModel.MAX_SPARSE_COLUMNS + 1;
        CsrMatrix x = CsrMatrix.fromDense(1, n, new double[n]);
        SparseDesign wide = SparseDesign.of(x, new double[] {1}, null, null, null, true);
        GlmOptions o = GlmOptions.of(new Poisson());
        assertThatThrownBy(() -> new GeneralizedLinearModel(o).fit(wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has " + n + " columns, expected at most 46339");
        SparseDesign centred = SparseData.design(20, 3, 0.5, "poisson", false, 1).centred();
        assertThatThrownBy(() -> new GeneralizedLinearModel(o).fit(centred))
                .hasMessageContaining("affine map");
    }
}
