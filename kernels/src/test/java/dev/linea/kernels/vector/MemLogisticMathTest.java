package dev.linea.kernels.vector;

import dev.linea.kernels.Logistic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.linea.kernels.vector.MemLanes.L;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The polynomial exp and log1p, and σ and log(1 + e^z) built on them, against {@link Math} and {@link Logistic}. */
class MemLogisticMathTest {

    @Test
    void expIsWithinTwoUlpsOverTheWholeNonPositiveRange() {
        SplittableRandom rnd = new SplittableRandom(31);
        double[] xs = new double[4096];
        for (int i = 0; i < xs.length; i++) {
            // uniform in the exponent as well as in value: tiny, moderate, subnormal-result and underflowing x
            xs[i] = i % 2 == 0 ? -rnd.nextDouble(0, 760) : -Math.pow(10, rnd.nextDouble(-20, 2.5));
        }
        for (double[] chunk : chunks(xs)) {
            double[] got = new double[L];
            MemLogisticMath.exp(chunk, 0, got, 0);
            for (int k = 0; k < L; k++) {
                double want = Math.exp(chunk[k]);
                if (want >= Double.MIN_NORMAL) {
                    assertThat(got[k]).as("exp(%s)", chunk[k]).isCloseTo(want, within(2 * Math.ulp(want)));
                } else {
                    // subnormal results: an absolute error of a couple of subnormal steps
                    assertThat(got[k]).as("exp(%s)", chunk[k]).isCloseTo(want, within(2 * Double.MIN_VALUE));
                }
            }
        }
    }

    @Test
    void expHandlesTheSpecialValues() {
        double[] special = new double[L];
        double[] want = new double[L];
        double[] in = {0.0, -0.0, Double.NEGATIVE_INFINITY, Double.NaN, -745.2, -708.4, -1e-300, -2000};
        for (int k = 0; k < L; k++) {
            special[k] = in[k % in.length];
            want[k] = Math.exp(special[k]);
        }
        double[] got = new double[L];
        MemLogisticMath.exp(special, 0, got, 0);
        for (int k = 0; k < L; k++) {
            if (Double.isNaN(want[k])) {
                assertThat(got[k]).isNaN();
            } else {
                assertThat(got[k]).as("exp(%s)", special[k]).isCloseTo(want[k], within(Math.ulp(want[k])));
            }
        }
    }

    @Test
    void log1pIsWithinTwoUlpsOnTheUnitInterval() {
        SplittableRandom rnd = new SplittableRandom(32);
        double[] es = new double[4096];
        for (int i = 0; i < es.length; i++) {
            es[i] = i % 2 == 0 ? rnd.nextDouble() : Math.pow(10, rnd.nextDouble(-320, 0));
        }
        es[0] = 0;
        es[1] = 1;
        es[2] = Double.MIN_VALUE;
        for (double[] chunk : chunks(es)) {
            double[] got = new double[L];
            MemLogisticMath.log1p(chunk, 0, got, 0);
            for (int k = 0; k < L; k++) {
                double want = Math.log1p(chunk[k]);
                assertThat(got[k]).as("log1p(%s)", chunk[k]).isCloseTo(want, within(2 * Math.ulp(want)));
            }
        }
    }

    @Test
    void residualBlockGivesSigmoidAndLossOfAnyMargin() {
        Assumptions.assumeTrue(MemLanes.EIGHT, "row-block paths need 8 lanes");
        SplittableRandom rnd = new SplittableRandom(33);
        double[] zs = new double[2048];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = i % 3 == 0 ? rnd.nextDouble(-1000, 1000) : rnd.nextDouble(-40, 40);
        }
        zs[0] = 0;
        zs[1] = Double.MAX_VALUE;
        zs[2] = -Double.MAX_VALUE;
        double[] zeros = new double[L];
        for (double[] chunk : chunks(zs)) {
            // with y = 0 and no weights: c = σ(z) and the loss lanes are log(1 + e^z)
            double[] c = new double[L];
            double[] totals = new double[MemResiduals.TOTALS];
            MemResiduals.block(true, chunk.clone(), 0.0, zeros, 0, null, 0, c, totals, new double[2 * L]);
            for (int k = 0; k < L; k++) {
                double wantSig = Logistic.sigmoid(chunk[k]);
                double wantLoss = Logistic.log1pExp(chunk[k]);
                assertThat(c[k]).as("sigmoid(%s)", chunk[k])
                        .isCloseTo(wantSig, within(4 * Math.ulp(wantSig) + Double.MIN_VALUE));
                assertThat(totals[MemResiduals.LOSS + k]).as("log1pExp(%s)", chunk[k])
                        .isCloseTo(wantLoss, within(4 * Math.ulp(wantLoss) + Double.MIN_VALUE));
            }
        }
    }

    private static double[][] chunks(double[] v) {
        double[][] out = new double[v.length / L][];
        for (int c = 0; c < out.length; c++) {
            out[c] = java.util.Arrays.copyOfRange(v, c * L, c * L + L);
        }
        return out;
    }
}
