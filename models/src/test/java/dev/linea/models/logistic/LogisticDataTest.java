package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.optim.StandardizedCoordinates;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The seam's contract without Spark: {@link LogisticRegression#fit(LogisticData)} over rows split in two blocks whose
 * every pass is the sum of the blocks' passes (what a distributed implementation does) fits the same model as
 * {@link LogisticRegression#fit(Dataset)}, with every solver, and fails the same way. The blocks' sums differ from
 * the one pass only in rounding, so the fits agree to 1e-9 relative with tol 1e-10.
 */
class LogisticDataTest {
    private static final Backend BACKEND = Backends.named("scalar");

    static Dataset data(int m, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double z = 0.2;
            for (int j = 0; j < n; j++) {
                double v = r.nextGaussian() * (1 + j);
                x[i * n + j] = v;
                z += (j % 2 == 0 ? 0.7 : -0.5) * v / (1 + j);
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            w[i] = i % 11 == 0 ? 0 : 0.5 + r.nextDouble();
        }
        return Dataset.of(m, n, x, y, w, null, "y");
    }

    /** Rows [from, to) of d as a dataset of their own. */
    static Dataset rows(Dataset d, int from, int to) {
        int n = d.cols();
        double[] w = d.weighted() ? Arrays.copyOfRange(d.weightsUnsafe(), from, to) : null;
        return Dataset.of(to - from, n, Arrays.copyOfRange(d.xUnsafe(), from * n, to * n),
                Arrays.copyOfRange(d.yUnsafe(), from, to), w, d.featureNames(), d.targetName());
    }

    /** Two blocks of rows; every pass runs over both and adds their sums, and is counted. */
    static final class TwoBlocks implements LogisticData {
        final LocalLogisticData a;
        final LocalLogisticData b;
        final List<String> names;
        int passes;

        final double ma;
        final double mb;

        TwoBlocks(Dataset d, int split) {
            ma = split;
            mb = d.rows() - split;
            a = new LocalLogisticData(BACKEND, rows(d, 0, split));
            b = new LocalLogisticData(BACKEND, rows(d, split, d.rows()));
            names = d.featureNames();
        }

        @Override
        public List<String> featureNames() {
            return names;
        }

        @Override
        public String backendName() {
            return "two blocks";
        }

        @Override
        public ClassTotals classTotals() {
            passes++;
            ClassTotals ta = a.classTotals();
            ClassTotals tb = b.classTotals();
            return new ClassTotals(new long[] {ta.rows()[0] + tb.rows()[0], ta.rows()[1] + tb.rows()[1]},
                    new double[] {ta.weights()[0] + tb.weights()[0], ta.weights()[1] + tb.weights()[1]});
        }

        /** The blocks' spreads pooled by Chan's update. */
        @Override
        public StandardizedCoordinates.Spread columnSpread(boolean centred) {
            passes++;
            StandardizedCoordinates.Spread sa = a.columnSpread(centred);
            StandardizedCoordinates.Spread sb = b.columnSpread(centred);
            int n = names.size();
            double[] mean = new double[n];
            double[] sq = new double[n];
            double m = ma + mb;
            for (int j = 0; j < n; j++) {
                double d = sb.mean()[j] - sa.mean()[j];
                mean[j] = sa.mean()[j] + d * mb / m;
                sq[j] = (sa.meanSquare()[j] * ma + sb.meanSquare()[j] * mb + d * d * ma * mb / m) / m;
            }
            return new StandardizedCoordinates.Spread(mean, sq);
        }

        @Override
        public Rows weighted(double[] multipliers, boolean intercept) {
            return new Sum(a.weighted(multipliers, intercept), b.weighted(multipliers, intercept));
        }

        @Override
        public List<String> notes() {
            return List.of(passes + " passes over two blocks");
        }

        final class Sum implements Rows {
            final Rows ra;
            final Rows rb;

            Sum(Rows ra, Rows rb) {
                this.ra = ra;
                this.rb = rb;
            }

            @Override
            public double lossGradient(double[] theta, double[] grad) {
                passes++;
                double[] gb = new double[grad.length];
                double loss = ra.lossGradient(theta, grad) + rb.lossGradient(theta, gb);
                for (int j = 0; j < grad.length; j++) {
                    grad[j] += gb[j];
                }
                return loss;
            }

            @Override
            public void hessian(double[] theta, double sumS, double[] h) {
                passes++;
                double[] hb = new double[h.length];
                ra.hessian(theta, sumS, h);
                rb.hessian(theta, sumS, hb);
                for (int t = 0; t < h.length; t++) {
                    h[t] += hb[t];
                }
            }

            @Override
            public Separation.Margins margins(double[] theta, double[] ref) {
                passes++;
                return ra.margins(theta, ref).merge(rb.margins(theta, ref));
            }

            @Override
            public Rows withoutSaturated(double[] mask) {
                return new Sum(ra.withoutSaturated(mask), rb.withoutSaturated(mask));
            }
        }
    }

    /**
     * The objective remembers its last evaluation: asked again at the same θ (the Newton finish at the L-BFGS point,
     * the certificate at the finish's) it makes no pass; at another θ it does.
     */
    @Test
    void theObjectiveAnswersARepeatedPointWithoutAPass() {
        Dataset d = data(300, 4, 9);
        TwoBlocks blocks = new TwoBlocks(d, 120);
        LogisticObjective obj = new LogisticObjective(blocks.weighted(null, true), 4, true, d.rows(), 1e-3);
        double[] theta = {0.1, -0.2, 0.3, 0.05, -0.4};
        double[] g1 = new double[5];
        double[] g2 = new double[5];
        CountingRows counting = new CountingRows(blocks.weighted(null, true));
        LogisticObjective counted = new LogisticObjective(counting, 4, true, d.rows(), 1e-3);
        double f1 = counted.value(theta, g1);
        double f2 = counted.value(theta.clone(), g2);
        assertThat(counting.passes).isEqualTo(1);
        assertThat(f2).isEqualTo(f1);
        assertThat(g2).containsExactly(g1);
        assertThat(f1).isEqualTo(obj.value(theta, new double[5]));
        theta[2] = Math.nextUp(theta[2]);
        counted.value(theta, g2);
        assertThat(counting.passes).as("a point one ulp away is another point").isEqualTo(2);
    }

    /** Rows that count their loss-and-gradient passes. */
    static final class CountingRows implements LogisticData.Rows {
        final LogisticData.Rows rows;
        int passes;

        CountingRows(LogisticData.Rows rows) {
            this.rows = rows;
        }

        @Override
        public double lossGradient(double[] theta, double[] grad) {
            passes++;
            return rows.lossGradient(theta, grad);
        }

        @Override
        public void hessian(double[] theta, double sumS, double[] h) {
            rows.hessian(theta, sumS, h);
        }

        @Override
        public Separation.Margins margins(double[] theta, double[] ref) {
            return rows.margins(theta, ref);
        }

        @Override
        public LogisticData.Rows withoutSaturated(double[] mask) {
            return rows.withoutSaturated(mask);
        }
    }

    static void assertSameModel(LogisticModel got, LogisticModel expected, double rel) {
        assertThat(got.intercept()).isCloseTo(expected.intercept(), within(rel * (1 + Math.abs(expected.intercept()))));
        for (int j = 0; j < expected.featureCount(); j++) {
            double e = expected.coefficient(j);
            assertThat(got.coefficient(j)).as("coefficient %d", j).isCloseTo(e, within(rel * (1 + Math.abs(e))));
        }
    }

    @ParameterizedTest
    @EnumSource(LogisticSolver.class)
    void blockedPassesFitTheSameModelWithEverySolver(LogisticSolver solver) {
        Dataset d = data(400, 5, 3);
        LogisticOptions o = LogisticOptions.defaults().withSolver(solver).withC(0.3).withTol(1e-10)
                .withClassWeight(ClassWeights.of(Map.of(0, 2.0)));
        if (solver == LogisticSolver.COORDINATE_DESCENT) {
            o = o.withPenalty(Penalty.L1);
        }
        if (solver == LogisticSolver.GRADIENT_DESCENT) {
            o = o.withMaxIterations(40);
        }
        LogisticRegression lr = new LogisticRegression(o, BACKEND);
        TwoBlocks blocks = new TwoBlocks(d, 173);
        LogisticResult got = lr.fit(blocks);
        LogisticResult expected = lr.fit(d);
        assertSameModel(got.model(), expected.model(), 1e-9);
        if (solver != LogisticSolver.COORDINATE_DESCENT) {
            // (coordinate descent stops on an objective change near rounding: one step more or less, same model)
            assertThat(got.report().iterations()).isEqualTo(expected.report().iterations());
        }
        assertThat(got.report().converged()).isEqualTo(expected.report().converged());
        assertThat(got.report().backend()).isEqualTo("two blocks");
        assertThat(got.report().notes()).containsAll(expected.report().notes())
                .contains(blocks.passes + " passes over two blocks");
        // the same certificate, met on both sides where the fit converged (its value is rounding-level there)
        assertThat(got.report().certificate().kind()).isEqualTo(expected.report().certificate().kind());
        if (expected.report().converged()) {
            assertThat(got.report().certificate().value()).isLessThanOrEqualTo(1e-10);
            assertThat(expected.report().certificate().value()).isLessThanOrEqualTo(1e-10);
        }
    }

    @Test
    void separationIsDiagnosedOverThePassesAsOverTheRows() {
        Dataset base = data(300, 2, 9);
        double[] y = new double[300];
        for (int i = 0; i < 300; i++) {
            y[i] = base.x(i, 0) + 0.5 * base.x(i, 1) > 0.1 ? 1 : 0;
        }
        Dataset d = Dataset.of(300, 2, base.copyX(), y);
        LogisticRegression lr = new LogisticRegression(LogisticOptions.defaults().withPenalty(Penalty.NONE), BACKEND);
        String message = null;
        try {
            lr.fit(d);
        } catch (FitException e) {
            message = e.getMessage();
        }
        assertThat(message).startsWith("the classes are separated (complete separation");
        TwoBlocks blocks = new TwoBlocks(d, 120);
        // the kind and the advice are the same; the coefficients quoted are those of a diverging fit
        String kind = message.substring(0, message.indexOf(';'));
        assertThatThrownBy(() -> lr.fit(blocks)).isInstanceOf(FitException.class).hasMessageStartingWith(kind)
                .hasMessageContaining("'x1'")
                .satisfies(e -> assertThat(((FitException) e).report().notes())
                        .anyMatch(s -> s.endsWith(" passes over two blocks")));
    }

    @Test
    void aClassWithoutWeightIsMisuseWhateverTheData() {
        Dataset d = data(50, 2, 4);
        double[] w = new double[50];
        for (int i = 0; i < 50; i++) {
            w[i] = d.y(i) == 1 ? 0 : 1;
        }
        Dataset zero = d.withWeights(w);
        LogisticRegression lr = new LogisticRegression(LogisticOptions.defaults(), BACKEND);
        assertThatThrownBy(() -> lr.fit(new TwoBlocks(zero, 20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 1 has total weight 0.0 (sample weights times class weight 1.0), expected every"
                        + " class to carry positive weight");
    }
}
