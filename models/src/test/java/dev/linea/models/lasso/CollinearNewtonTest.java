package dev.linea.models.lasso;

import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.SparseDesign;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One-hot blocks with every level beside the intercept make the centred columns of each block sum to 0: the
 * support's Gram matrix is singular, Cholesky fails, and coordinate descent alone drifts along the null space for
 * thousands of passes at small λ (clicks.svm's cross-validation hit maxPasses = 100 000 at 14 of its 100 λ). The
 * Newton step then solves its system by conjugate gradients, in every workspace (covariance, naive, sparse), and the
 * path is certified at the default tolerance in a few hundred passes per λ.
 */
class CollinearNewtonTest {

    /**
     * clicks.svm's blocks (site, ad, device, hour; Zipf-like popularity for the first two) at about a third of its
     * 300 and 800 levels: with 1500 rows the support at the smallest λ passes {@link PathSolver#MAX_NEWTON}.
     */
    private static final int[] LEVELS = {110, 300, 4, 24};
    private static final double[] ZIPF = {1, 0.7, 0, 0};

    /**
     * m rows like the embedded click log (cli/src/test/goldens/make_clicks.py): a price, then one block of indicator
     * columns per entry of LEVELS (exactly one 1 per block; many levels seen a few times only), labels ±1 drawn
     * from a logistic model. Columns of levels never drawn stay empty.
     */
    private static double[] design(int m, double[] y) {
        int p = 1;
        for (int l : LEVELS) {
            p += l;
        }
        double[] x = new double[m * p];
        Random r = new Random(17);
        double[][] effect = new double[LEVELS.length][];
        double[][] cumulative = new double[LEVELS.length][];
        for (int b = 0; b < LEVELS.length; b++) {
            effect[b] = new double[LEVELS[b]];
            cumulative[b] = new double[LEVELS[b]];
            double total = 0;
            for (int l = 0; l < LEVELS[b]; l++) {
                effect[b][l] = 0.6 * r.nextGaussian();
                total += 1 / Math.pow(l + 1, ZIPF[b]);
                cumulative[b][l] = total;
            }
            for (int l = 0; l < LEVELS[b]; l++) {
                cumulative[b][l] /= total;
            }
        }
        for (int i = 0; i < m; i++) {
            x[i * p] = r.nextDouble();
            double eta = -1.6 + 0.8 * x[i * p];
            int at = 1;
            for (int b = 0; b < LEVELS.length; b++) {
                double u = r.nextDouble();
                int l = 0;
                while (l < LEVELS[b] - 1 && cumulative[b][l] < u) {
                    l++;
                }
                x[i * p + at + l] = 1;
                eta += effect[b][l];
                at += LEVELS[b];
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : -1;
        }
        return x;
    }

    @Test
    void everyWorkspaceCertifiesTheSmallLambdasOfACollinearPath() {
        int m = 1500;
        double[] y = new double[m];
        double[] x = design(m, y);
        int p = x.length / m;
        ElasticNetOptions o = ElasticNetOptions.lasso().withPath(100, 1e-4);
        ElasticNetPath cov = new ElasticNet(o.withMode(ElasticNetOptions.Mode.COVARIANCE)).fit(
                Dataset.of(m, p, x.clone(), y.clone()));
        ElasticNetPath naive = new ElasticNet(o.withMode(ElasticNetOptions.Mode.NAIVE)).fit(
                Dataset.of(m, p, x.clone(), y.clone()));
        ElasticNetPath sparse = new ElasticNet(o).fit(SparseDesign.of(CsrMatrix.fromDense(m, p, x), y, null, null,
                null, true));
        for (ElasticNetPath path : new ElasticNetPath[] {cov, naive, sparse}) {
            assertThat(path.report().converged()).as(path.report().solver()).isTrue();
            int worst = 0;
            for (int k = 0; k < path.size(); k++) {
                assertThat(path.certificate(k).met()).as(path.report().solver() + " λ index " + k).isTrue();
                worst = Math.max(worst, path.passes(k));
            }
            // measured: 319 passes at the worst λ in every workspace (each conjugate-gradient iteration counted as
            // two), 1721–1758 without the conjugate-gradient step; 8 900–9 900 passes in all against 38 600
            assertThat(worst).as(path.report().solver() + ": most passes at one λ").isLessThan(600);
        }
        // the optimum's fitted values are unique (the coefficients are not, along the null space)
        double[] row = new double[p];
        for (int i = 0; i < m; i += 97) {
            System.arraycopy(x, i * p, row, 0, p);
            int last = cov.size() - 1;
            double f = cov.predict(last, row, 0);
            assertThat(naive.predict(last, row, 0)).isCloseTo(f, within(1e-6));
            assertThat(sparse.predict(last, row, 0)).isCloseTo(f, within(1e-6));
        }
    }

    /**
     * A λ stopped by maxPasses reports the gap of the point it reached: the report once said "relative gap 0.0"
     * beside "maxPasses hit" (the last full pass's gap, stale or never computed at that λ).
     */
    @Test
    void aLambdaStoppedByMaxPassesReportsTheGapItReached() {
        int m = 1500;
        double[] y = new double[m];
        double[] x = design(m, y);
        int p = x.length / m;
        ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withPath(100, 1e-4).withThreshold(1e-12, 60))
                .fit(SparseDesign.of(CsrMatrix.fromDense(m, p, x), y, null, null, null, true));
        int stopped = 0;
        for (int k = 0; k < path.size(); k++) {
            if (!path.converged(k)) {
                stopped++;
                assertThat(path.certificate(k).value()).as("λ index " + k).isGreaterThan(1e-12);
                assertThat(path.certificate(k).met()).as("λ index " + k).isFalse();
            }
        }
        assertThat(stopped).isPositive();
    }
}
