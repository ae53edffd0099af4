package dev.linea.models.glm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The inverse links against their textbook forms, bit for bit where the implementation rearranges the formula. */
class LinkTest {
    /** The two-branch sigmoid the select-based one replaced: each branch avoids e^{|η|} overflowing. */
    private static double twoBranchSigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    @Test
    void logitInverseIsBitIdenticalToTheTwoBranchForm() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300, 709.8, -709.8, 745.2,
            -745.2, 800, -800, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 36.7, -36.7};
        for (double eta : edges) {
            assertThat(Double.doubleToRawLongBits(Link.LOGIT.inverse(eta)))
                    .as("σ(%s)", eta).isEqualTo(Double.doubleToRawLongBits(twoBranchSigmoid(eta)));
        }
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double eta = (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-30, 11));
            assertThat(Double.doubleToRawLongBits(Link.LOGIT.inverse(eta)))
                    .as("σ(%s)", eta).isEqualTo(Double.doubleToRawLongBits(twoBranchSigmoid(eta)));
        }
        assertThat(Link.LOGIT.inverse(Double.NaN)).isNaN();
    }

    @Test
    void inverseLinksAtKnownPoints() {
        assertThat(Link.LOGIT.inverse(0)).isEqualTo(0.5);
        assertThat(Link.LOGIT.inverse(Math.log(3))).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-16));
        assertThat(Link.LOG.inverse(Math.log(5))).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Link.IDENTITY.inverse(-2.5)).isEqualTo(-2.5);
        assertThat(Link.INVERSE.inverse(4)).isEqualTo(0.25);
    }
}
