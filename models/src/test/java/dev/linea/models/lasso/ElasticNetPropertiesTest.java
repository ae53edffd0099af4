package dev.linea.models.lasso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNetOptions.Mode;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
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
                .withPenaltyFactors(pf).withThreshold(1e-20, 1_000_000).withMode(naive ? Mode.NAIVE
                        : Mode.COVARIANCE);
        ElasticNetPath path = new ElasticNet(o, Backends.named("scalar")).fit(d);
        if (!path.report().converged()) {
            // A gap of 1e-20 × the null deviance is below what rounding allows when an unpenalized column and the
            // intercept already interpolate y (n = 2): λ_max is then rounding noise (~1e-17) and the gap stalls near
            // 1e-10. The solver must say so, and stop at a small certified gap; the KKT checks below still hold.
            assertThat(path.report().status()).contains("stalled by rounding");
            for (int k = 0; k < path.size(); k++) {
                assertThat(path.certificate(k).value()).as("relative gap at lambda %d", k).isLessThan(1e-9);
            }
        }
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
            // a duality gap at the rounding floor still leaves a gradient residual of order 1e-11 at tiny λ
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

    /**
     * Both modes certify their duality gap, and agree where the optimum is unique. The fitted values X̃β̃ are unique
     * for every λ (the loss is strictly convex in them): ½·‖X̃(β̃ − β̃*)‖²_w̄ ≤ P(β̃) − P* ≤ gap bounds each mode's
     * distance from them. The coefficients are unique only when the objective is strongly convex, with modulus
     * μ = λ_min(X̃ᵀW̄X̃) + λ·(1 − α)·min pf; then ‖β̃ − β̃*‖₂ ≤ sqrt(2·gap/μ). When μ = 0 (the lasso with n ≤ p, or
     * n = 2 where every standardized column differs only in sign or offset) the minimizers form a face and the two
     * modes may legitimately stop at different points of it: only the fit and the objective are compared then.
     */
    /**
     * A sample a random seed found (CI, 2026-12-07): n = 2 without an intercept, where covariance-mode descent at
     * λ ≈ 1.1 moved coefficients of order 10 by a few ulps a pass for a million passes with the gap stuck at
     * 2e-14 × the null deviance. A pass that moves every coefficient by rounding only must end the λ as stalled.
     */
    @Example
    void covarianceModeStallsInsteadOfSpinning() {
        covarianceAndNaiveAgree(1, 14, 1.0, false, 55);
        covarianceAndNaiveAgree(1, 18, 1.0, false, 524);
    }

    @Property(tries = 30)
    void covarianceAndNaiveAgree(@ForAll @IntRange(min = 0, max = 6) int nIndex,
                                 @ForAll @IntRange(min = 1, max = 20) int p,
                                 @ForAll @DoubleRange(min = 0, max = 1) double alpha,
                                 @ForAll boolean intercept, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Dataset d = randomData(SIZES[nIndex], p, seed, seed % 2 == 0);
        ElasticNetOptions o = ElasticNetOptions.elasticNet(alpha).withIntercept(intercept).withPath(12, 1e-3)
                .withThreshold(1e-14, 1_000_000);
        ElasticNetPath cov = new ElasticNet(o.withMode(Mode.COVARIANCE)).fit(d);
        ElasticNetPath naive = new ElasticNet(o.withMode(Mode.NAIVE)).fit(d);
        assertThat(cov.report().converged()).as("covariance: %s", cov.report()).isTrue();
        assertThat(naive.report().converged()).as("naive: %s", naive.report()).isTrue();
        assertThat(naive.lambdas()).containsExactly(cov.lambdas(), within(1e-12 * cov.lambdaMax() + 1e-14));
        Standardization st = new Standardization(d, intercept, true);
        double reference = st.nullDeviance > 0 ? st.nullDeviance : 1;
        double dataModulus = smallestEigenvalue(workingGram(d, st));
        int n = d.rows();
        for (int k = 0; k < cov.size(); k++) {
            double[] a = cov.coefficients(k);
            double[] b = naive.coefficients(k);
            double gapA = cov.certificate(k).value() * reference;
            double gapB = naive.certificate(k).value() * reference;
            // fitted values, centred (the intercept absorbs the means): unique at every λ
            double fitDiff = 0;
            for (int i = 0; i < n; i++) {
                double f = 0;
                for (int j = 0; j < p; j++) {
                    f += (a[j] - b[j]) * (d.x(i, j) - st.mean[j]);
                }
                fitDiff += st.w[i] * f * f;
            }
            assertThat(Math.sqrt(fitDiff)).as("fit at lambda %d", k)
                    .isLessThanOrEqualTo(Math.sqrt(2 * gapA) + Math.sqrt(2 * gapB) + 1e-7 * Math.sqrt(reference));
            double mu = Math.max(0, dataModulus) + cov.lambda(k) * (1 - alpha);
            if (mu < 1e-8) {
                continue;
            }
            double scale = 0;
            for (int j = 0; j < p; j++) {
                scale = Math.max(scale, Math.abs(a[j] * st.scale[j]));
            }
            double certified = Math.sqrt(2 * gapA / mu) + Math.sqrt(2 * gapB / mu);
            double tol = Math.max(1e-7 * scale, certified) + 1e-12;
            for (int j = 0; j < p; j++) {
                assertThat(b[j] * st.scale[j]).as("standardized coefficient %d at lambda %d", j, k)
                        .isCloseTo(a[j] * st.scale[j], within(tol));
            }
        }
    }

    /**
     * A sample that failed under glmnet's stopping rule: n = 2, p = 14, the lasso, no intercept. Every standardized
     * column then differs between its two rows by the same amount, so once Σw̄·r = 0 every |g_j| equals λ and the
     * lasso minimizers form a face (the two modes' coefficients differed by 5e-6 while their objectives agreed to
     * 1e-16 and KKT held to 1e-15 for both). Pinned: both certify a gap, and agree in what is unique.
     */
    @Example
    void degenerateLassoWithTwoRowsAgreesInFitAndObjective() {
        covarianceAndNaiveAgree(1, 14, 1.0, false, 240);
        Dataset d = randomData(2, 14, 240, true);
        ElasticNetOptions o = ElasticNetOptions.lasso().withIntercept(false).withPath(12, 1e-3);
        ElasticNetPath cov = new ElasticNet(o.withMode(Mode.COVARIANCE)).fit(d);
        ElasticNetPath naive = new ElasticNet(o.withMode(Mode.NAIVE)).fit(d);
        Standardization st = new Standardization(d, false, true);
        for (int k = 0; k < cov.size(); k++) {
            assertThat(cov.certificate(k).value()).isLessThanOrEqualTo(ElasticNetOptions.DEFAULT_TOL);
            assertThat(naive.certificate(k).value()).isLessThanOrEqualTo(ElasticNetOptions.DEFAULT_TOL);
            double pa = objective(d, st, cov.lambda(k), cov.coefficients(k), cov.intercept(k));
            double pb = objective(d, st, cov.lambda(k), naive.coefficients(k), naive.intercept(k));
            assertThat(pb).isCloseTo(pa, within(2 * ElasticNetOptions.DEFAULT_TOL * st.nullDeviance));
        }
    }

    /** The lasso objective ½·Σw̄·r² + λ·Σ|s_j·β_j| in original units (unit penalty factors). */
    static double objective(Dataset d, Standardization st, double lambda, double[] b, double b0) {
        double value = 0;
        for (int i = 0; i < d.rows(); i++) {
            double r = d.y(i) - b0;
            for (int j = 0; j < d.cols(); j++) {
                r -= b[j] * d.x(i, j);
            }
            value += 0.5 * st.w[i] * r * r;
        }
        for (int j = 0; j < d.cols(); j++) {
            value += lambda * Math.abs(b[j] * st.scale[j]);
        }
        return value;
    }

    /** X̃ᵀW̄X̃ over the columns that vary (excluded ones left out, they stay 0 in both modes). */
    static double[][] workingGram(Dataset d, Standardization st) {
        int p = d.cols();
        int[] kept = java.util.stream.IntStream.range(0, p).filter(j -> !st.excluded[j]).toArray();
        double[][] g = new double[kept.length][kept.length];
        for (int i = 0; i < d.rows(); i++) {
            for (int a = 0; a < kept.length; a++) {
                double xa = (d.x(i, kept[a]) - st.mean[kept[a]]) / st.scale[kept[a]];
                for (int c = 0; c < kept.length; c++) {
                    g[a][c] += st.w[i] * xa * (d.x(i, kept[c]) - st.mean[kept[c]]) / st.scale[kept[c]];
                }
            }
        }
        return g;
    }

    /** The smallest eigenvalue of a symmetric matrix by cyclic Jacobi rotations (small p only). */
    static double smallestEigenvalue(double[][] m) {
        int q = m.length;
        if (q == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[][] a = new double[q][];
        for (int i = 0; i < q; i++) {
            a[i] = m[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < q; i++) {
                for (int j = i + 1; j < q; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int i = 0; i < q; i++) {
                for (int j = i + 1; j < q; j++) {
                    if (a[i][j] == 0) {
                        continue;
                    }
                    double theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < q; k++) {
                        double aki = a[k][i];
                        double akj = a[k][j];
                        a[k][i] = c * aki - s * akj;
                        a[k][j] = s * aki + c * akj;
                    }
                    for (int k = 0; k < q; k++) {
                        double aik = a[i][k];
                        double ajk = a[j][k];
                        a[i][k] = c * aik - s * ajk;
                        a[j][k] = s * aik + c * ajk;
                    }
                }
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < q; i++) {
            min = Math.min(min, a[i][i]);
        }
        return min;
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
                .withPath(60, 1e-12).withThreshold(1e-16, 10_000_000)).fit(d);
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
