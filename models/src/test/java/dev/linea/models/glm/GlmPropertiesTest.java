package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import dev.linea.models.LinearModel;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Identities the GLM must satisfy, on every available backend. */
class GlmPropertiesTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    /**
     * Gaussian with identity link and penalty α minimizes 1/(2Σs)·Σ s·r² + α/2·‖β‖², which is Ridge's
     * Σ s·r² + α'·‖β‖² with α' = α·Σs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void penalizedGaussianIsRidge(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = GoldenFiles.csv("glm/diabetes.csv", -1);
        double[] w = new double[d.rows()];
        double sw = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
            sw += w[i];
        }
        d = d.withWeights(w);
        GlmResult g = new GeneralizedLinearModel(GlmOptions.of(new Gaussian()).withAlpha(0.01), b).fit(d);
        LinearModel r = new Ridge(RidgeOptions.defaults().withAlpha(0.01 * sw), b).fit(d).model();
        double scale = 0;
        for (double c : r.coefficients()) {
            scale = Math.max(scale, Math.abs(c));
        }
        for (int j = 0; j < d.cols(); j++) {
            assertThat(g.coefficientArray()[j]).as("coef " + j)
                    .isCloseTo(r.coefficient(j), org.assertj.core.data.Offset.offset(1e-9 * scale));
        }
        assertThat(g.intercept()).isCloseTo(r.intercept(), org.assertj.core.data.Offset.offset(1e-9 * scale));
        assertThat(g.iterations()).as("one Newton step solves a quadratic; the second confirms").isLessThanOrEqualTo(3);
    }

    /** Tweedie with p = 0, 1, 2 is Gaussian, Poisson, Gamma: same estimates and deviance. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void tweedieSpecialPowersAreTheClassicalFamilies(String backend) {
        Backend b = Backends.named(backend);
        Dataset counts = GoldenFiles.csv("glm/cpunish.csv", -1);
        Dataset positive = GoldenFiles.csv("glm/scotland.csv", -1);
        same("p = 1", fit(b, new Tweedie(1), Link.LOG, counts), fit(b, new Poisson(), Link.LOG, counts));
        same("p = 2", fit(b, new Tweedie(2), Link.LOG, positive), fit(b, new Gamma(), Link.LOG, positive));
        same("p = 0", fit(b, new Tweedie(0), Link.IDENTITY, positive),
                fit(b, new Gaussian(), Link.IDENTITY, positive));
    }

    private static GlmResult fit(Backend b, Family f, Link link, Dataset d) {
        return new GeneralizedLinearModel(GlmOptions.of(f).withLink(link), b).fit(d);
    }

    private static void same(String what, GlmResult t, GlmResult c) {
        double[] pt = t.params();
        double[] pc = c.params();
        double scale = 0;
        for (double v : pc) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < pc.length; j++) {
            assertThat(pt[j]).as(what + " param " + j)
                    .isCloseTo(pc[j], org.assertj.core.data.Offset.offset(1e-10 * scale));
        }
        assertThat(t.deviance()).as(what + " deviance")
                .isCloseTo(c.deviance(), org.assertj.core.data.Offset.offset(1e-10 * c.deviance()));
        assertThat(t.pearsonChi2()).as(what + " Pearson")
                .isCloseTo(c.pearsonChi2(), org.assertj.core.data.Offset.offset(1e-10 * c.pearsonChi2()));
    }

    /** Integer frequency weights are the same as repeating rows: same estimates, deviance and dispersion. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void frequencyWeightsAreReplicatedRows(String backend) {
        Backend b = Backends.named(backend);
        Dataset d = GoldenFiles.csv("glm/scotland.csv", -1);
        int m = d.rows();
        int n = d.cols();
        double[] w = new double[m];
        int total = 0;
        for (int i = 0; i < m; i++) {
            w[i] = 1 + i % 3;
            total += (int) w[i];
        }
        double[] x = new double[total * n];
        double[] y = new double[total];
        int r = 0;
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < w[i]; c++, r++) {
                for (int j = 0; j < n; j++) {
                    x[r * n + j] = d.x(i, j);
                }
                y[r] = d.y(i);
            }
        }
        GlmOptions opt = GlmOptions.of(new Gamma()).withLink(Link.LOG);
        GlmResult weighted = new GeneralizedLinearModel(opt, b).fit(d.withWeights(w));
        GlmResult repeated = new GeneralizedLinearModel(opt, b).fit(Dataset.of(total, n, x, y));
        double[] pw = weighted.params();
        double[] pr = repeated.params();
        for (int j = 0; j < pw.length; j++) {
            assertThat(pw[j]).as("param " + j).isCloseTo(pr[j], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(weighted.coefficients().get(j).stdError()).as("se " + j)
                    .isCloseTo(repeated.coefficients().get(j).stdError(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(weighted.deviance()).isCloseTo(repeated.deviance(), org.assertj.core.data.Offset.offset(1e-10));
        assertThat(weighted.dispersion()).isCloseTo(repeated.dispersion(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(weighted.dfResid()).isEqualTo(repeated.dfResid());
        assertThat(weighted.logLikelihood())
                .isCloseTo(repeated.logLikelihood(), org.assertj.core.data.Offset.offset(1e-8));
    }
}
