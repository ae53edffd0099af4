package dev.linea.models.sparse;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentMode;
import dev.linea.models.gd.GradientDescentOptions;
import dev.linea.models.gd.GradientDescentResult;
import dev.linea.models.gd.LearningRateSchedule;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Gradient descent on a sparse design equals the dense fit of the densified design — same seed, batches, schedule
 * and stopping rule — in every mode, with and without standardization, intercept, weights and ridge penalty (each
 * combination exercises another of the lazy updates of the sparse steps), on every backend; and batch gradient
 * descent on sparse data reaches the exact ridge optimum (the sparse conjugate-gradient fit, itself equal to the
 * Cholesky fit).
 */
class SparseGradientDescentTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    /**
     * 150×40 with an empty column, an empty row, non-zero column means, plus a constant non-zero column (stored in
     * every row) and a column with one entry, so constant-column exclusion and very uneven scales are on the way.
     */
    static SparseDesign design(boolean intercept, boolean weighted) {
        SparseDesign base = SparseData.design(150, 38, 0.15, "gaussian", weighted, 11);
        int m = base.rows();
        int n = base.cols() + 2;
        double[] dense = new double[m * n];
        double[] bx = base.matrix().toDense();
        for (int i = 0; i < m; i++) {
            System.arraycopy(bx, i * base.cols(), dense, i * n, base.cols());
            dense[i * n + base.cols()] = 2;
            dense[i * n + base.cols() + 1] = i == 5 ? 3 : 0;
        }
        return SparseDesign.of(CsrMatrix.fromDense(m, n, dense), base.yUnsafe(), base.weightsUnsafe(), null, null,
                intercept);
    }

    static Dataset densified(SparseDesign s) {
        return Dataset.wrap(s.rows(), s.cols(), s.matrix().toDense(), s.yUnsafe(), s.weightsUnsafe(), null, null);
    }

    /** ‖a − b‖∞ / max(1, ‖b‖∞) over intercept and coefficients. */
    static double error(LinearModel a, LinearModel b) {
        double num = Math.abs(a.intercept() - b.intercept());
        double den = Math.max(1, Math.abs(b.intercept()));
        for (int j = 0; j < b.featureCount(); j++) {
            num = Math.max(num, Math.abs(a.coefficient(j) - b.coefficient(j)));
            den = Math.max(den, Math.abs(b.coefficient(j)));
        }
        return num / den;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyModeEqualsTheDensifiedFit(String name) {
        Backend be = Backends.named(name);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (GradientDescentMode mode : GradientDescentMode.values()) {
            for (boolean standardize : new boolean[] {true, false}) {
                for (boolean intercept : new boolean[] {true, false}) {
                    for (boolean weighted : new boolean[] {false, true}) {
                        for (double alpha : new double[] {0, 0.3}) {
                            SparseDesign s = design(intercept, weighted);
                            GradientDescentOptions o = GradientDescentOptions.defaults().withMode(mode)
                                    .withBatchSize(16).withStandardize(standardize).withIntercept(intercept)
                                    .withAlpha(alpha).withSeed(7)
                                    .withSchedule(LearningRateSchedule.INVERSE_SCALING, 0.5)
                                    .withMaxEpochs(mode == GradientDescentMode.BATCH ? 300 : 25);
                            GradientDescentResult sp = new GradientDescent(o, be).fit(s);
                            GradientDescentResult de = new GradientDescent(o, be).fit(densified(s));
                            String what = mode + " standardize=" + standardize + " intercept=" + intercept
                                    + " weighted=" + weighted + " alpha=" + alpha;
                            cases++;
                            double err = error(sp.model(), de.model());
                            if (!(err < 1e-9)) {
                                failures.add(what + ": relative difference " + err);
                            }
                            assertThat(sp.learningRate()).as(what).isCloseTo(de.learningRate(),
                                    within(1e-12 * de.learningRate()));
                            assertThat(sp.report().iterations()).as(what).isEqualTo(de.report().iterations());
                            assertThat(sp.report().converged()).as(what).isEqualTo(de.report().converged());
                            double[] ls = sp.lossHistory();
                            double[] ld = de.lossHistory();
                            assertThat(ls).as(what).hasSameSizeAs(ld);
                            for (int e = 0; e < ld.length; e++) {
                                assertThat(ls[e]).as(what + " epoch " + e).isCloseTo(ld[e],
                                        within(1e-9 * Math.abs(ld[e])));
                            }
                            assertThat(sp.model().coefficient(s.cols() - 2)).as(what + ": the constant column")
                                    .isEqualTo(intercept ? 0.0 : sp.model().coefficient(s.cols() - 2));
                            assertThat(sp.model().coefficient(0)).as(what + ": the empty column").isZero();
                        }
                    }
                }
            }
        }
        assertThat(failures).as(cases + " cases").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void batchReachesTheExactRidgeOptimum(String name) {
        Backend be = Backends.named(name);
        for (boolean weighted : new boolean[] {false, true}) {
            for (double alpha : new double[] {0.05, 1}) {
                SparseDesign s = SparseData.design(200, 30, 0.2, "gaussian", weighted, 5);
                GradientDescentOptions o = GradientDescentOptions.defaults().withAlpha(alpha)
                        .withGradientTolerance(1e-12);
                GradientDescentResult gd = new GradientDescent(o, be).fit(s);
                // Ridge minimizes Σ w·r² + α'·‖β‖², gradient descent the mean ½Σ w·r²/Σw + ½α‖β‖²: α' = α·Σw
                RidgeResult exact = new Ridge(RidgeOptions.defaults().withAlpha(alpha * s.weightSum()), be).fit(s);
                String what = "weighted=" + weighted + " alpha=" + alpha;
                assertThat(gd.report().converged()).as(what).isTrue();
                assertThat(error(gd.model(), exact.model())).as(what).isLessThan(1e-8);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void stochasticModesApproachTheOptimumWithADecayingRate(String name) {
        Backend be = Backends.named(name);
        SparseDesign s = SparseData.design(400, 25, 0.2, "gaussian", false, 9);
        RidgeResult exact = new Ridge(RidgeOptions.defaults().withAlpha(0.1 * s.rows()), be).fit(s);
        for (boolean standardize : new boolean[] {true, false}) {
            GradientDescentOptions o = GradientDescentOptions.defaults().withMode(GradientDescentMode.MINI_BATCH)
                    .withBatchSize(8).withAlpha(0.1).withStandardize(standardize)
                    .withSchedule(LearningRateSchedule.INVERSE_SCALING, 1).withMaxEpochs(400).withPatience(400);
            GradientDescentResult gd = new GradientDescent(o, be).fit(s);
            assertThat(error(gd.model(), exact.model())).as("standardize=" + standardize).isLessThan(2e-2);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aShrinkageFactorAtOrBelowZeroTakesDenseStepsAndStillEqualsTheDenseFit(String name) {
        Backend be = Backends.named(name);
        SparseDesign s = design(true, false);
        // η·α = 1.2: the common factor 1 − η·α is negative, no scale can carry it
        GradientDescentOptions o = GradientDescentOptions.defaults().withMode(GradientDescentMode.MINI_BATCH)
                .withBatchSize(32).withStandardize(false).withAlpha(4).withLearningRate(0.3).withMaxEpochs(5);
        GradientDescentResult sp = new GradientDescent(o, be).fit(s);
        GradientDescentResult de = new GradientDescent(o, be).fit(densified(s));
        assertThat(error(sp.model(), de.model())).isLessThan(1e-9);
        assertThat(sp.lossHistory()).containsExactly(de.lossHistory(), within(1e-9 * de.lossHistory()[0]));
    }

    /**
     * 120 × 300 signed binary columns (hashed features: each column holds 2, 3 or 4 entries of ±1), so the columns
     * share a dozen variances: standardized ridge with an intercept takes the grouped lazy steps.
     */
    static SparseDesign signedBinary() {
        java.util.Random r = new java.util.Random(5);
        int m = 120;
        int n = 300;
        double[] dense = new double[m * n];
        double[] y = new double[m];
        for (int j = 0; j < n; j++) {
            int count = 2 + r.nextInt(3);
            for (int c = 0; c < count; c++) {
                int i = r.nextInt(m);
                dense[i * n + j] = r.nextBoolean() ? 1 : -1; // a repeated row keeps one entry: counts vary a little
            }
        }
        for (int i = 0; i < m; i++) {
            double eta = 0.5;
            for (int j = 0; j < n; j += 3) {
                eta += dense[i * n + j] * 0.8;
            }
            y[i] = eta + 0.3 * r.nextGaussian();
        }
        return SparseDesign.of(CsrMatrix.fromDense(m, n, dense), y, null, null, null, true);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void standardizedRidgeWithAnInterceptTakesGroupedLazyStepsAndEqualsTheDenseFit(String name) {
        Backend be = Backends.named(name);
        SparseDesign s = signedBinary();
        for (GradientDescentMode mode : new GradientDescentMode[] {GradientDescentMode.MINI_BATCH,
                GradientDescentMode.STOCHASTIC}) {
            for (LearningRateSchedule schedule : new LearningRateSchedule[] {LearningRateSchedule.INVERSE_SCALING,
                    LearningRateSchedule.CONSTANT}) {
                GradientDescentOptions o = GradientDescentOptions.defaults().withMode(mode).withBatchSize(8)
                        .withStandardize(true).withIntercept(true).withAlpha(0.3).withSeed(3)
                        .withSchedule(schedule, 0.5).withMaxEpochs(30);
                if (schedule == LearningRateSchedule.CONSTANT) {
                    o = GradientDescentOptions.defaults().withMode(mode).withBatchSize(8).withStandardize(true)
                            .withIntercept(true).withAlpha(0.3).withSeed(3).withMaxEpochs(30)
                            .withSchedule(LearningRateSchedule.CONSTANT);
                }
                GradientDescentResult sp = new GradientDescent(o, be).fit(s);
                GradientDescentResult de = new GradientDescent(o, be).fit(densified(s));
                String what = mode + " " + schedule;
                assertThat(sp.report().notes()).as(what).anyMatch(note -> note.contains("distinct variances share"));
                assertThat(error(sp.model(), de.model())).as(what).isLessThan(1e-9);
                double[] ld = de.lossHistory();
                assertThat(sp.lossHistory()).as(what).hasSameSizeAs(ld);
                for (int e = 0; e < ld.length; e++) {
                    assertThat(sp.lossHistory()[e]).as(what + " epoch " + e).isCloseTo(ld[e],
                            within(1e-9 * Math.abs(ld[e])));
                }
                assertThat(sp.report().iterations()).as(what).isEqualTo(de.report().iterations());
            }
        }
        // the continuous design of the other tests has a variance per column: dense steps, said in the report
        GradientDescentResult dense = new GradientDescent(GradientDescentOptions.defaults()
                .withMode(GradientDescentMode.MINI_BATCH).withStandardize(true).withIntercept(true).withAlpha(0.3)
                .withMaxEpochs(3), be).fit(design(true, false));
        assertThat(dense.report().notes()).anyMatch(note -> note.contains("every step updates all"));
    }

    @Test
    void designsItCannotTakeAreRefused() {
        SparseDesign s = SparseData.design(20, 4, 0.5, "gaussian", false, 3);
        GradientDescent gd = new GradientDescent(GradientDescentOptions.defaults());
        assertThatThrownBy(() -> gd.fit(s.withOffsets(new double[20]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has offsets, expected none");
        assertThatThrownBy(() -> gd.fit(s.centred())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("affine map");
        assertThatThrownBy(() -> new GradientDescent(GradientDescentOptions.defaults().withIntercept(false)).fit(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intercept = true, expected false");
    }

    @Test
    void divergenceIsAFitExceptionAsForDenseData() {
        SparseDesign s = SparseData.design(60, 6, 0.5, "gaussian", false, 3);
        GradientDescentOptions o = GradientDescentOptions.defaults().withMode(GradientDescentMode.STOCHASTIC)
                .withLearningRate(50).withStandardize(false);
        assertThatThrownBy(() -> new GradientDescent(o).fit(s)).isInstanceOf(FitException.class)
                .hasMessageContaining("diverged");
    }
}
