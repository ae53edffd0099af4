package dev.linea.models;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Poisson;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ridge.RidgeCV;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load: eight threads fitting every estimator family at once on every backend (OpenBLAS included) get bit for bit
 * what one thread gets. The estimators share no mutable state and the kernels sum in fixed orders, so anything
 * else would be a race.
 */
class ConcurrentFitsTest {

    static Dataset data(int m, int n, long seed, boolean labels) {
        Random r = new Random(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 0.5;
            for (int j = 0; j < n; j++) {
                x[i * n + j] = r.nextGaussian();
                t += (j % 3 - 1) * 0.3 * x[i * n + j];
            }
            t += r.nextGaussian();
            y[i] = labels ? (t > 0.5 ? 1 : 0) : Math.max(0, Math.round(Math.exp(t / 2)));
        }
        return Dataset.of(m, n, x, y);
    }

    @Test
    void eightThreadsMatchOneOnEveryBackend() throws Exception {
        Dataset reg = data(2000, 37, 1, false);
        Dataset cls = data(2000, 37, 2, true);
        List<Function<Backend, double[]>> fits = List.of(
                b -> all(new LinearRegression(dev.linea.models.ols.OlsOptions.defaults(), b).fit(reg).model()),
                b -> all(new RidgeCV(dev.linea.models.ridge.RidgeCVOptions.defaults(), b).fit(reg).model()),
                b -> all(new ElasticNet(ElasticNetOptions.lasso(), b).fit(reg).model(50)),
                b -> new GeneralizedLinearModel(GlmOptions.of(new Poisson()), b).fit(reg).params(),
                b -> {
                    var m = new LogisticRegression(dev.linea.models.logistic.LogisticOptions.defaults(), b).fit(cls)
                            .model();
                    return all(new LinearModel(m.intercept(), m.coefficients(), null, null));
                });
        for (Backend b : Backends.available()) {
            List<double[]> single = new ArrayList<>();
            for (Function<Backend, double[]> f : fits) {
                single.add(f.apply(b));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                List<Integer> which = new ArrayList<>();
                for (int rep = 0; rep < 4; rep++) {
                    for (int k = 0; k < fits.size(); k++) {
                        Function<Backend, double[]> f = fits.get(k);
                        futures.add(pool.submit((Callable<double[]>) () -> f.apply(b)));
                        which.add(k);
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(Arrays.equals(futures.get(i).get(), single.get(which.get(i))))
                            .as("fit %d on %s, concurrent vs single thread", which.get(i), b.name()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static double[] all(LinearModel m) {
        double[] c = m.coefficients();
        double[] out = Arrays.copyOf(c, c.length + 1);
        out[c.length] = m.intercept();
        return out;
    }
}
