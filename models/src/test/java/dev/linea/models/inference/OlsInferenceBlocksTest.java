package dev.linea.models.inference;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.linalg.SingularValues;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * OLS inference works over blocks of rows (leverages: 128 KiB of centred rows; the condition number of a
 * normal-equations fit: a stacked QR over 1 MiB of rows) instead of m×n copies. On data of many blocks, with weights
 * and columns of very different scales, both equal what the whole matrix gives: the condition number against Jacobi
 * on the full W^½·[1, X], the leverages against the weighted hat matrix's trace, k.
 */
class OlsInferenceBlocksTest {
    private static final int M = 30_000;
    private static final int N = 12;

    private static Dataset data() {
        SplittableRandom r = new SplittableRandom(14);
        double[] x = new double[M * N];
        double[] y = new double[M];
        double[] w = new double[M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                x[i * N + j] = Math.pow(10, j % 4) * r.nextGaussian() + j;
            }
            // a column nearly equal to another: a large κ, where a careless QR would show
            x[i * N + N - 1] = x[i * N] + 1e-2 * r.nextGaussian();
            y[i] = 1 + 0.5 * x[i * N + 1] - 0.01 * x[i * N + 3] + r.nextGaussian();
            w[i] = 0.5 + 1.5 * r.nextDouble();
        }
        return Dataset.wrap(M, N, x, y, w, null, "y");
    }

    @Test
    void conditionNumberAndLeveragesOverBlocksEqualTheWholeMatrix() {
        Dataset d = data();
        int k = N + 1;
        double[] a = new double[M * k];
        for (int i = 0; i < M; i++) {
            double sq = Math.sqrt(d.weight(i));
            a[i * k] = sq;
            for (int j = 0; j < N; j++) {
                a[i * k + j + 1] = sq * d.xUnsafe()[i * N + j];
            }
        }
        double[] sv = SingularValues.of(M, k, a);
        double kappa = sv[0] / sv[k - 1];
        assertThat(kappa).isBetween(1e3, 1e8);
        for (Backend b : Backends.available()) {
            OlsInference inf = new LinearRegression(OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS), b)
                    .fit(d).inference();
            assertThat(inf.conditionNumber()).as(b.name()).isCloseTo(kappa, within(1e-8 * kappa));
            double[] h = inf.leverage();
            double trace = 0;
            for (double v : h) {
                trace += v;
            }
            assertThat(trace).as(b.name()).isCloseTo(k, within(1e-8 * k));
        }
    }
}
