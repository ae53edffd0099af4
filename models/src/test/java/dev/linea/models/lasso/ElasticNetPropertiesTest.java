package dev.linea.models.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNetOptions.Mode;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of every path point on random correlated data at odd sizes: the KKT conditions of the objective,
 * all-zero coefficients at λ_max, agreement of the covariance and naive modes, and the lasso's limit λ → 0 being
 * ordinary least squares when n &gt; p.
 */
class ElasticNetPropertiesTest {
    private static final int[] SIZES = {1, 2, 7, 8, 9, 17, 103};

    /** Correlated columns with different means and scales, sparse truth plus noise. */
    static Dataset randomData(int n, int p, long seed, boolean weighted) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * p];
        double[] y = new double[n];
        double[] w = weighted ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            double common = rng.nextGaussian();
            for (int j = 0; j < p; j++) {
                x[i * p + j] = (j + 1) * (0.6 * common + rng.nextGaussian()) + j;
            }
            double s = 0.5 + rng.nextGaussian();
            for (int j = 0; j < p; j += 3) {
                s += x[i * p + j] / (j + 1) * (j % 2 == 0 ? 1 : -2);
            }
            y[i] = s;
            if (weighted) {
                w[i] = 0.2 + rng.nextDouble() * 2;
            }
        }
        return Dataset.of(n, p, x, y, w, null, "y");
    }

    /**
     * KKT in original units: with w̄ = w/Σw, x̃_j = (x_j − m_j)/s_j, r = y − b − Xβ and g_j = Σ w̄·x̃_j·r,
     * |g_j| ≤ λ·α·pf_j when β̃_j = 0, else g_j = λ·pf_j·(α·sign(β̃_j) + (1 − α)·β̃_j), β̃_j = s_j·β_j.
     */
    @Property(tries = 60)
    void kktHoldsAlongThePath(@ForAll @IntRange(min = 0, max = 6) int nIndex,
                              @ForAll @IntRange(min = 1, max = 12) int p,
                              @ForAll @DoubleRange(min = 0, max = 1) double alpha,
                              @ForAll boolean standardize, @ForAll boolean weighted, @ForAll boolean naive,
                              @ForAll @LongRange(min = 0, max = 1000) long seed) {
        int n = SIZES[nIndex];
        Dataset d = randomData(n, p, seed, weighted);
        double[] pf = new double[p];
        for (int j = 0; j < p; j++) {
            pf[j] = j == 1 ? 0 : 1 + (j % 3);
        }
        if (p == 1) {
            pf[0] = 1;
        }
        ElasticNetOptions o = ElasticNetOptions.elasticNet(alpha).withStandardize(standardize).withPath(15, 1e-3)
                .withPenaltyFactors(pf).withThreshold(1e-22, 1_000_000).withMode(naive ? Mode.NAIVE
                        : Mode.COVARIANCE);
        ElasticNetPath path = new ElasticNet(o, Backends.named("scalar")).fit(d);
        assertThat(path.report().converged()).isTrue();
        Standardization st = new Standardization(d, true, standardize);
        double pfSum = 0;
        for (double v : pf) {
            pfSum += v;
        }
        // for α < 1e-3, λ_max is computed with glmnet's floor max(α, 1e-3) and the first point is zero by
        // convention, not by the KKT conditions
        for (int k = alpha < 1e-3 ? 1 : 0; k < path.size(); k++) {
            double lambda = path.lambda(k);
            double[] b = path.coefficients(k);
            double b0 = path.intercept(k);
            double[] g = new double[p];
            double gMax = 0;
            for (int i = 0; i < n; i++) {
                double r = d.y(i) - b0;
                for (int j = 0; j < p; j++) {
                    r -= b[j] * d.x(i, j);
                }
                for (int j = 0; j < p; j++) {
                    g[j] += st.w[i] * (d.x(i, j) - st.mean[j]) / st.scale[j] * r;
                }
            }
            for (double v : g) {
                gMax = Math.max(gMax, Math.abs(v));
            }
            // CD stops on coefficient changes, so a gradient residual of order 1e-11 remains at tiny λ.
            double tol = 1e-7 * Math.max(gMax, lambda) + 1e-10;
            for (int j = 0; j < p; j++) {
                if (st.excluded[j]) {
                    assertThat(b[j]).isZero();
                    continue;
                }
                double pfj = pf[j] * p / pfSum;
                double bt = b[j] * st.scale[j];
                if (bt == 0) {
                    assertThat(Math.abs(g[j])).as("zero coefficient %d at lambda %d", j, k)
                            .isLessThanOrEqualTo(lambda * alpha * pfj + tol);
                } else {
                    double expected = lambda * pfj * (alpha * Math.signum(bt) + (1 - alpha) * bt);
                    assertThat(g[j]).as("active coefficient %d at lambda %d", j, k).isCloseTo(expected,
                            within(tol + 1e-7 * Math.abs(expected)));
                }
            }
        }
        // λ_max: every penalized coefficient is zero, and nothing smaller than it is (lasso on varying data)
        double[] first = path.coefficients(0);
        for (int j = 0; j < p; j++) {
            if (pf[j] > 0) {
                assertThat(first[j]).isZero();
            }
        }
    }

    @Property(tries = 30)
    void covarianceAndNaiveAgree(@ForAll @IntRange(min = 0, max = 6) int nIndex,
                                 @ForAll @IntRange(min = 1, max = 20) int p,
                                 @ForAll @DoubleRange(min = 0, max = 1) double alpha,
                                 @ForAll boolean intercept, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Dataset d = randomData(SIZES[nIndex], p, seed, seed % 2 == 0);
        ElasticNetOptions o = ElasticNetOptions.elasticNet(alpha).withIntercept(intercept).withPath(12, 1e-3)
                .withThreshold(1e-24, 1_000_000);
        ElasticNetPath cov = new ElasticNet(o.withMode(Mode.COVARIANCE)).fit(d);
        ElasticNetPath naive = new ElasticNet(o.withMode(Mode.NAIVE)).fit(d);
        assertThat(naive.lambdas()).containsExactly(cov.lambdas(), within(1e-12 * cov.lambdaMax() + 1e-14));
        for (int k = 0; k < cov.size(); k++) {
            double[] a = cov.coefficients(k);
            double[] b = naive.coefficients(k);
            double scale = Math.abs(cov.intercept(k)) + 1e-12;
            for (double v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertThat(naive.intercept(k)).isCloseTo(cov.intercept(k), within(1e-7 * scale));
            for (int j = 0; j < p; j++) {
                assertThat(b[j]).isCloseTo(a[j], within(1e-7 * scale));
            }
        }
    }

    @Property(tries = 20)
    void lambdaMaxIsTheFirstZeroAndNextIsNot(@ForAll @IntRange(min = 2, max = 15) int p,
                                             @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Dataset d = randomData(103, p, seed, false);
        ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withPath(3, 0.99)).fit(d);
        assertThat(path.lambda(0)).isEqualTo(path.lambdaMax());
        assertThat(path.nonZero(0)).isZero();
        assertThat(path.intercept(0)).isCloseTo(mean(d), within(1e-9 * Math.abs(mean(d)) + 1e-12));
        assertThat(path.nonZero(1)).isPositive();
    }

    @Property(tries = 20)
    void lassoTendsToOlsWhenNExceedsP(@ForAll @IntRange(min = 1, max = 9) int p,
                                      @ForAll @LongRange(min = 0, max = 1000) long seed,
                                      @ForAll boolean standardize) {
        int n = 103;
        Dataset d = randomData(n, p, seed, false);
        ElasticNetPath path = new ElasticNet(ElasticNetOptions.lasso().withStandardize(standardize)
                .withPath(60, 1e-12).withThreshold(1e-26, 10_000_000)).fit(d);
        double[] ols = ols(d);
        double[] b = path.coefficients(path.size() - 1);
        double scale = 0;
        for (double v : ols) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < p; j++) {
            assertThat(b[j]).isCloseTo(ols[j + 1], within(1e-6 * scale));
        }
        assertThat(path.intercept(path.size() - 1)).isCloseTo(ols[0], within(1e-6 * Math.max(scale, 1)));
    }

    static double mean(Dataset d) {
        double s = 0;
        for (int i = 0; i < d.rows(); i++) {
            s += d.y(i);
        }
        return s / d.rows();
    }

    /** OLS with intercept by Gaussian elimination with partial pivoting on the normal equations: {b, β}. */
    static double[] ols(Dataset d) {
        int q = d.cols() + 1;
        double[][] a = new double[q][q + 1];
        for (int i = 0; i < d.rows(); i++) {
            double[] row = new double[q];
            row[0] = 1;
            for (int j = 1; j < q; j++) {
                row[j] = d.x(i, j - 1);
            }
            for (int r = 0; r < q; r++) {
                for (int c = 0; c < q; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][q] += row[r] * d.y(i);
            }
        }
        for (int c = 0; c < q; c++) {
            int piv = c;
            for (int r = c + 1; r < q; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < q; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= q; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] sol = new double[q];
        for (int r = q - 1; r >= 0; r--) {
            double s = a[r][q];
            for (int k = r + 1; k < q; k++) {
                s -= a[r][k] * sol[k];
            }
            sol[r] = s / a[r][r];
        }
        return sol;
    }
}
