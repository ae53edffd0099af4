package dev.linea.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-exponential forms of σ(z) and log(1 + e^z) give the very bits of the two-exponential ones. */
class LogisticSharedExpTest {

    @Test
    void sharedExponentialGivesTheSameBits() {
        Random r = new Random(19);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300, 36.7, -36.7, 709, -709,
            745.2, -745.2, 800, -800, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int t = 0; t < 200_000 + special.length; t++) {
            double z = t < special.length ? special[t]
                    : (t % 2 == 0 ? r.nextGaussian() * 5 : (r.nextDouble() - 0.5) * 1600);
            double e = Logistic.expNegAbs(z);
            assertThat(Double.doubleToRawLongBits(Logistic.sigmoid(z, e))).as("sigmoid(%s)", z)
                    .isEqualTo(Double.doubleToRawLongBits(Logistic.sigmoid(z)));
            assertThat(Double.doubleToRawLongBits(Logistic.log1pExp(z, e))).as("log1pExp(%s)", z)
                    .isEqualTo(Double.doubleToRawLongBits(Logistic.log1pExp(z)));
        }
    }
}
