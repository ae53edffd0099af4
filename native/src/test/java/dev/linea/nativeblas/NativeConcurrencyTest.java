package dev.linea.nativeblas;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Transpose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many Java threads calling OpenBLAS at once (it has crashed there: OpenBLAS issues 539, 1882) must give exactly
 * the results of one thread.
 */
class NativeConcurrencyTest {

    /** One round of every heavy kernel; returns all outputs concatenated. */
    static double[] round(Backend b, double[] a, double[] spd, int m, int n) {
        double[] y = new double[m];
        b.gemv(Transpose.NONE, m, n, 1, a, 0, n, a, 0, 0, y, 0);
        double[] c = new double[n * n];
        b.gram(m, n, a, 0, n, null, 0, c, 0, n);
        double[] g = new double[n * n];
        b.gemm(Transpose.TRANSPOSE, Transpose.NONE, n, n, m, 1, a, 0, n, a, 0, n, 0, g, 0, n);
        double[] l = spd.clone();
        assertThat(b.cholesky(n, l, 0, n)).isZero();
        double[] q = a.clone();
        double[] tau = new double[n];
        b.qr(m, n, q, 0, n, tau, 0);
        double[] all = new double[y.length + c.length + g.length + l.length + q.length + tau.length];
        int o = 0;
        for (double[] part : new double[][]{y, c, g, l, q, tau}) {
            System.arraycopy(part, 0, all, o, part.length);
            o += part.length;
        }
        return all;
    }

    @Test
    void sixteenThreadsGiveTheResultsOfOne() throws Exception {
        Backend b = NativeLoadsTest.nativeOrSkip();
        int m = 300;
        int n = 40;
        Random rnd = new Random(3);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        double[] spd = new double[n * n];
        b.gram(m, n, a, 0, n, null, 0, spd, 0, n);
        double[] expected = round(b, a, spd, m, n);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < 40; r++) {
                        double[] got = round(b, a, spd, m, n);
                        for (int i = 0; i < got.length; i++) {
                            if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(expected[i])) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).as("a thread's results differ from one thread's").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
