package dev.linea.models.glm;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The covariance reuses the certifying working system when it is the expected information (canonical link), and
 * only then: the result equals the covariance formed by its own pass at β, to rounding.
 */
class GlmCovarianceReuseTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void canonicalLinksReuseTheCertifyingSystem(String backend) {
        Backend b = Backends.named(backend);
        Dataset counts = GoldenFiles.csv("glm/cpunish.csv", -1);
        Dataset positive = GoldenFiles.csv("glm/scotland.csv", -1);
        check(b, new Poisson(), Link.LOG, counts, true);
        check(b, new Gamma(), Link.INVERSE, positive, true);
        check(b, new Gaussian(), Link.IDENTITY, positive, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void otherLinksFormTheExpectedInformationByAPass(String backend) {
        Backend b = Backends.named(backend);
        Dataset positive = GoldenFiles.csv("glm/scotland.csv", -1);
        check(b, new Gamma(), Link.LOG, positive, false);
        check(b, new Tweedie(1.5), Link.LOG, positive, false);
    }

    /** Irls on the dataset: whether it hands out the information, and the fit's covariance against a pass's. */
    private static void check(Backend b, Family family, Link link, Dataset d, boolean reused) {
        Design design = Design.of(d, true);
        LocalIrlsData rows = new LocalIrlsData(b, family, link, d.rows(), d.cols(), design.xUnsafe(),
                design.xOffset(), design.ldx(), true, design.yUnsafe(), null, null);
        int k = d.cols() + 1;
        List<String> names = new ArrayList<>(java.util.Collections.nCopies(k, "c"));
        Irls irls = new Irls(rows, b, family, link, k, true, 0, rows.ybar(), names);
        irls.run(100, 1e-8);
        assertThat(irls.converged()).isTrue();
        double[] info = irls.expectedInformation();
        assertThat(info != null).as(family.name() + "/" + link.label() + " reuses the certifying system")
                .isEqualTo(reused);
        double[] byPass = rows.unscaledCovariance(irls.beta());
        GlmResult fit = new GeneralizedLinearModel(GlmOptions.of(family).withLink(link), b).fit(d);
        double[] cov = fit.statistics().unscaledCovariance();
        double scale = 0;
        for (double v : byPass) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int t = 0; t < cov.length; t++) {
            assertThat(cov[t]).as(family.name() + "/" + link.label() + " cov[" + t + "]")
                    .isCloseTo(byPass[t], org.assertj.core.data.Offset.offset(1e-11 * scale));
        }
        if (info != null) {
            double[] inv = Irls.inverse(b, k, info);
            for (int t = 0; t < cov.length; t++) {
                assertThat(inv[t]).isEqualTo(cov[t]);
            }
        }
    }
}
