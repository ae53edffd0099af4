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
}
