package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Threads;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeSolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The normal equations and ridge from one-pass centred moments (dev.linea.kernels.CentredMoments: each cache-sized
 * block centred on its own means, blocks merged exactly) on the hardest case for a merge: columns with means of
 * 1e6 and a trend, sorted, so the blocks' means differ by far more than each block's spread, over hundreds of
 * blocks and several row blocks, with weights. The coefficients must agree with the refined QR (which never forms
 * moments) to 1e-10 relative, on 1 and 2 threads, and ridge at α = 0 with the normal equations.
 */
class OnePassMomentsFitTest {
    private static final int M = 120_001;
    private static final int N = 4;

    private static Dataset data(boolean weighted) {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[M * N];
        double[] y = new double[M];
        double[] w = weighted ? new double[M] : null;
        for (int i = 0; i < M; i++) {
            double t = (double) i / M;
            double eta = 3;
            for (int j = 0; j < N; j++) {
                double v = 1e6 * (j + 1) + 1e3 * t * (j + 1) + r.nextGaussian() * (j == 0 ? 1 : 10);
                x[i * N + j] = v;
                eta += (j - 1.5) * 0.01 * v;
            }
            y[i] = eta + r.nextGaussian();
            if (weighted) {
                w[i] = r.nextDouble(0.25, 4);
            }
        }
        return Dataset.of(M, N, x, y, w, null, "y");
    }

    private static double[] params(LinearModel m) {
        double[] p = new double[N + 1];
        p[0] = m.intercept();
        System.arraycopy(m.coefficients(), 0, p, 1, N);
        return p;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void normalEquationsAndRidgeAgreeWithQrOnShiftedTrendingColumns(boolean weighted) {
        Backend b = Backends.named("auto");
        Dataset d = data(weighted);
        double[] qr = params(new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR), b).fit(d).model());
        for (int threads : new int[] {1, 2}) {
            double[] ne = Threads.call(threads, () -> params(new LinearRegression(
                    OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b).fit(d).model()));
            double[] ridge = Threads.call(threads, () -> params(new Ridge(new RidgeOptions(0, true,
                    RidgeSolver.CHOLESKY), b).fit(d).model()));
            for (int j = 0; j <= N; j++) {
                assertThat(ne[j]).as("NE param %d, %d thread(s)", j, threads)
                        .isCloseTo(qr[j], org.assertj.core.data.Offset.offset(1e-10 * Math.abs(qr[j])));
                // Ridge has no refinement step: its accuracy is the moments' (κ² of this design ≈ 1e7).
                assertThat(ridge[j]).as("ridge α=0 param %d, %d thread(s)", j, threads)
                        .isCloseTo(qr[j], org.assertj.core.data.Offset.offset(1e-6 * Math.abs(qr[j])));
            }
        }
    }

    /** A line in two features scaled by s, weighted; row 0 weighs {@code w0}. */
    private static Dataset weightedLine(int m, double s, double w0) {
        double[] x = new double[2 * m];
        double[] y = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = s * (i + 1);
            x[2 * i + 1] = s * ((i * i) % 7);
            y[i] = 1 + 2 * (i + 1) + 0.5 * ((i * i) % 7) + (i % 2 == 0 ? 0.01 : -0.01);
            w[i] = 1 + (i % 3);
        }
        w[0] = w0;
        return Dataset.of(m, 2, x, y, w, null, "y");
    }

    /**
     * The range checks that the Gram diagonal cannot settle still decide as a pass over the rows did: a zero-weight
     * row is not in the Gram matrix but is in the column maxima (the normal equations refuse 1e200 there as before),
     * and weighted ridge on features of 1e±300 rescales and fits.
     */
    @org.junit.jupiter.api.Test
    void rangeChecksTheGramCannotSettleFallBackToTheRows() {
        Backend b = Backends.named("auto");
        Dataset d = weightedLine(40, 1, 0);
        double[] x = d.xUnsafe().clone();
        x[0] = 1e200;
        Dataset big = Dataset.of(40, 2, x, d.yUnsafe(), d.weightsUnsafe(), null, "y");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LinearRegression(
                OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b).fit(big))
                .isInstanceOf(dev.linea.models.FitException.class)
                .hasMessageContaining("column 'x1' has magnitude 1.00e+200").hasMessageContaining("overflow");
        double expected = new Ridge(new RidgeOptions(0, true, RidgeSolver.CHOLESKY), b)
                .fit(weightedLine(40, 1, 2)).model().coefficient(0);
        for (double s : new double[] {1e300, 1e-300}) {
            double got = new Ridge(new RidgeOptions(0, true, RidgeSolver.CHOLESKY), b)
                    .fit(weightedLine(40, s, 2)).model().coefficient(0) * s;
            assertThat(got).as("weighted ridge at %s", s)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(expected)));
        }
    }
}
