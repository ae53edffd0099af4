package dev.linea.kernels.vector;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static dev.linea.kernels.vector.MemLanes.L;
import static dev.linea.kernels.vector.MemLanes.S;
import static org.assertj.core.api.Assertions.assertThat;

/** The lane shuffles the row-block paths rely on, with integer-valued data so that sums are exact. */
class MemLanesTest {

    @Test
    void sumAddsEveryLane() {
        double[] v = new double[L];
        for (int k = 0; k < L; k++) {
            v[k] = 1 << k;
        }
        assertThat(MemLanes.sum(DoubleVector.fromArray(S, v, 0))).isEqualTo((1 << L) - 1);
    }

    @Test
    void sum8PutsTheSumOfInputKInLaneK() {
        Assumptions.assumeTrue(MemLanes.EIGHT, "row-block paths need 8 lanes");
        DoubleVector[] p = new DoubleVector[8];
        for (int r = 0; r < 8; r++) {
            double[] v = new double[8];
            for (int k = 0; k < 8; k++) {
                v[k] = (r + 1) * 1000 + (1 << k);
            }
            p[r] = DoubleVector.fromArray(S, v, 0);
        }
        double[] got = MemLanes.sum8(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]).toArray();
        for (int r = 0; r < 8; r++) {
            assertThat(got[r]).as("lane %d", r).isEqualTo(8 * (r + 1) * 1000 + 255);
        }
    }
}
