package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import dev.linea.models.LinearModel;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.NistDataset;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsResult;
import dev.linea.models.ols.OlsSolver;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Distributed least squares equals single-machine least squares on the same rows, whatever the partitioning
 * (uneven, empty partitions), with weights and intercept; tolerances: 1e-10 relative on coefficients (the
 * reductions differ only in summation order, and refinement ends both at the correctly rounded solution), 1e-8 on
 * standard errors.
 */
class DistributedLinearRegressionTest {

    static Dataset data(int m, int n, boolean weighted, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            double t = 3;
            for (int j = 0; j < n; j++) {
                double v = 50 * (j % 4) + r.nextGaussian() * (1 + j);
                x[i * n + j] = v;
                t += (j % 3 - 1) * 0.5 * v;
            }
            y[i] = t + r.nextGaussian();
            if (w != null) {
                w[i] = i % 17 == 0 ? 0 : 0.5 + r.nextDouble();
            }
        }
        return Dataset.of(m, n, x, y, w, null, "label");
    }

    static void assertSameModel(LinearModel got, LinearModel expected, double rel) {
        assertThat(got.intercept()).isCloseTo(expected.intercept(), within(rel * (1 + Math.abs(expected.intercept()))));
        for (int j = 0; j < expected.featureCount(); j++) {
            double e = expected.coefficient(j);
            assertThat(got.coefficient(j)).as("coefficient %d", j).isCloseTo(e, within(rel * (1 + Math.abs(e))));
        }
    }

    @ParameterizedTest
    @EnumSource(value = OlsSolver.class)
    void equalsTheSingleMachineFitWithWeightsInterceptAndUnevenPartitions(OlsSolver solver) {
        Dataset d = data(1013, 9, true, 42);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(1013, 5)),
                "features", "label").withWeights("weight").withBlockRows(100);
        OlsOptions o = OlsOptions.defaults().withSolver(solver);
        DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
        OlsResult expected = new LinearRegression(o, Backends.named("vector")).fit(d);
        assertSameModel(got.model(), expected.model(), 1e-10);
        double[] se = got.standardErrors();
        var coefs = expected.inference().coefficients();
        for (int j = 0; j < se.length; j++) {
            assertThat(se[j]).as("se %d", j).isCloseTo(coefs.get(j).stdError(), within(1e-8 * coefs.get(j).stdError()));
        }
        assertThat(got.rSquared()).isCloseTo(expected.inference().rSquared(), within(1e-10));
        assertThat(got.rows()).isEqualTo(1013);
        assertThat(got.report().notes()).anyMatch(s -> s.startsWith("distributed: " + got.passes() + " pass(es)"));
    }

    /**
     * A constant target (0.1, whose centred moments hold rounding, not 0) has no R²: NaN, as on one machine, not the
     * 1.0 that 1 − RSS/TSS of two rounding-level sums gave. The target's extremes, merged across partitions, decide
     * it exactly.
     */
    @ParameterizedTest
    @EnumSource(value = OlsSolver.class)
    void constantTargetHasNoRSquaredAsOnOneMachine(OlsSolver solver) {
        Dataset base = data(300, 3, true, 5);
        double[] y = new double[300];
        java.util.Arrays.fill(y, 0.1);
        Dataset d = Dataset.of(300, 3, base.copyX(), y, base.copyWeights(), null, "label");
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(300, 4)),
                "features", "label").withWeights("weight");
        OlsOptions o = OlsOptions.defaults().withSolver(solver);
        DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
        assertThat(new LinearRegression(o, Backends.named("vector")).fit(d).inference().rSquared()).isNaN();
        assertThat(got.rSquared()).as("R² of a constant target").isNaN();
        assertThat(got.model().intercept()).isCloseTo(0.1, within(1e-12));
        // not constant by a single row: R² is defined again
        y[7] = 0.2;
        Dataset d2 = Dataset.of(300, 3, base.copyX(), y, base.copyWeights(), null, "label");
        DistributedOlsResult got2 = new DistributedLinearRegression(o).fit(DistributedData.fromVectorColumn(
                LocalSpark.frame(d2, LocalSpark.uneven(300, 4)), "features", "label").withWeights("weight"));
        assertThat(got2.rSquared()).isCloseTo(new LinearRegression(o, Backends.named("vector")).fit(d2).inference()
                .rSquared(), within(1e-9));
    }

    @Test
    void noInterceptAndNumericColumns() {
        Dataset d = data(300, 3, false, 7);
        java.util.List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < d.rows(); i++) {
            rows.add(org.apache.spark.sql.RowFactory.create(d.x(i, 0), d.x(i, 1), (float) d.x(i, 2), d.y(i)));
        }
        var schema = new org.apache.spark.sql.types.StructType().add("a", "double").add("b", "double")
                .add("c", "float").add("label", "double");
        var frame = LocalSpark.session().createDataFrame(rows, schema).repartition(3);
        DistributedData dd = DistributedData.fromColumns(frame, java.util.List.of("a", "b", "c"), "label");
        double[] x = d.copyX();
        for (int i = 0; i < d.rows(); i++) {
            x[i * 3 + 2] = (float) x[i * 3 + 2];
        }
        Dataset same = Dataset.of(d.rows(), 3, x, d.copyY());
        for (OlsSolver s : new OlsSolver[] {OlsSolver.NORMAL_EQUATIONS, OlsSolver.QR}) {
            OlsOptions o = OlsOptions.defaults().withSolver(s).withIntercept(false);
            DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
            assertSameModel(got.model(), new LinearRegression(o, Backends.named("vector")).fit(same).model(), 1e-10);
            assertThat(got.model().featureNames()).containsExactly("a", "b", "c");
            assertThat(got.model().intercept()).isZero();
        }
    }

    /**
     * NIST StRD on the data as doubles (what a DataFrame holds): the distributed QR path (TSQR, then corrected
     * semi-normal equations with residuals and Xᵀr in double-double) reaches the single-machine QR's digits on all
     * eleven datasets (measured: Norris 14.1, Pontius 13.5, NoInt1 14.7, NoInt2 15, Longley 14.6, Wampler1–5
     * 15/13.2/15/15/15, Filip 7.7, the limit of Filip's design rounded to doubles, identical on both).
     */
    @ParameterizedTest
    @ValueSource(strings = {"Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Wampler1", "Wampler2", "Wampler3",
            "Wampler4", "Wampler5", "Filip"})
    void nistAccuracyOfTheQrPathMatchesTheSingleMachine(String name) {
        NistDataset nist = NistDataset.load(NistDataset.class, "/nist/", name).roundedToDoubles();
        Dataset d = nist.data();
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(d.rows(), 3)),
                "features", "label").withBlockRows(7);
        OlsOptions o = OlsOptions.defaults().withSolver(OlsSolver.QR).withIntercept(nist.intercept());
        DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
        OlsResult single = new LinearRegression(o, Backends.named("vector")).fit(d);
        double lreGot = 15;
        double lreSingle = 15;
        double[] p = got.parameters();
        for (int j = 0; j < nist.certified().length; j++) {
            lreGot = Math.min(lreGot, NistDataset.lre(p[j], nist.certified()[j]));
            lreSingle = Math.min(lreSingle, NistDataset.lre(single.fit().parameters()[j], nist.certified()[j]));
        }
        System.out.printf("NIST %-9s distributed QR LRE %.1f, single-machine QR LRE %.1f%n", name, lreGot, lreSingle);
        assertThat(lreGot).isGreaterThanOrEqualTo(lreSingle - 0.3);
    }

    @Test
    void dependentColumnsAreDroppedByPivotedQrAndReportedByQr() {
        Dataset base = data(200, 3, false, 1);
        double[] x = new double[200 * 4];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 4 + j] = base.x(i, j);
            }
            x[i * 4 + 3] = base.x(i, 0) - 2 * base.x(i, 1);
        }
        Dataset d = Dataset.of(200, 4, x, base.copyY());
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 50, 150), "features", "label");
        DistributedOlsResult r = new DistributedLinearRegression(OlsOptions.defaults()
                .withSolver(OlsSolver.PIVOTED_QR)).fit(dd);
        assertThat(r.droppedFeatures()).containsExactly("x4");
        assertThat(r.model().coefficient(3)).isZero();
        LinearModel three = new LinearRegression(OlsOptions.defaults(), Backends.named("vector")).fit(base).model();
        assertThat(r.model().intercept()).isCloseTo(three.intercept(), within(1e-9 * (1 + Math.abs(three.intercept()))));
        for (int j = 0; j < 3; j++) {
            assertThat(r.model().coefficient(j)).isCloseTo(three.coefficient(j), within(1e-9));
        }
        assertThatThrownBy(() -> new DistributedLinearRegression(OlsOptions.defaults().withSolver(OlsSolver.QR))
                .fit(dd)).isInstanceOf(FitException.class).hasMessageContaining("x4");
        assertThatThrownBy(() -> new DistributedLinearRegression(OlsOptions.defaults()
                .withSolver(OlsSolver.NORMAL_EQUATIONS)).fit(dd)).isInstanceOf(FitException.class);
        DistributedOlsResult auto = new DistributedLinearRegression().fit(dd);
        assertThat(auto.droppedFeatures()).containsExactly("x4");
        assertThat(auto.report().notes()).anyMatch(s -> s.startsWith("AUTO: tall-skinny QR"));
    }

    @Test
    void badRowsAreRejectedWithPartitionRowAndColumn() {
        Dataset d = data(40, 3, true, 3);
        java.util.List<java.util.List<Row>> parts = new java.util.ArrayList<>();
        for (int p = 0; p < 4; p++) {
            java.util.List<Row> part = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                part.add(LocalSpark.row(d, p * 10 + i));
            }
            parts.add(part);
        }
        parts.get(2).set(3, org.apache.spark.sql.RowFactory.create(
                org.apache.spark.ml.linalg.Vectors.dense(1, Double.NaN, 2), 1.0, 1.0));
        var frame = LocalSpark.frameOf(parts, true);
        DistributedData dd = DistributedData.fromVectorColumn(frame, "features", "label").withWeights("weight");
        assertThatThrownBy(() -> new DistributedLinearRegression().fit(dd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 2, row 3: feature 'x2' is NaN, expected a finite number");
        parts.get(2).set(3, LocalSpark.row(d, 23));
        parts.get(3).set(9, org.apache.spark.sql.RowFactory.create(
                org.apache.spark.ml.linalg.Vectors.dense(1, 2), 1.0, 1.0));
        DistributedData wrong = DistributedData.fromVectorColumn(LocalSpark.frameOf(parts, true), "features", "label")
                .withWeights("weight");
        assertThatThrownBy(() -> new DistributedLinearRegression().fit(wrong))
                .hasMessage("partition 3, row 9: the feature vector has length 2, expected 3 (the length of the first"
                        + " row)");
        parts.get(3).set(9, org.apache.spark.sql.RowFactory.create(
                org.apache.spark.ml.linalg.Vectors.dense(1, 2, 3), 1.0, -2.0));
        DistributedData negative = DistributedData.fromVectorColumn(LocalSpark.frameOf(parts, true), "features",
                "label").withWeights("weight");
        assertThatThrownBy(() -> new DistributedLinearRegression().fit(negative))
                .hasMessage("partition 3, row 9: weight 'weight' is -2.0, expected a finite number >= 0");
    }

    @Test
    void misuseIsNamedBeforeAnyJob() {
        Dataset d = data(20, 2, false, 3);
        var frame = LocalSpark.frame(d, 20);
        assertThatThrownBy(() -> DistributedData.fromVectorColumn(frame, "feature", "label"))
                .hasMessage("no column 'feature' in the data; columns are [features, label]");
        assertThatThrownBy(() -> DistributedData.fromVectorColumn(frame, "label", "label"))
                .hasMessageContaining("column 'label' is of type double, expected a vector");
        assertThatThrownBy(() -> DistributedData.fromVectorColumn(frame, "features", "features"))
                .hasMessageContaining("label column 'features' is of type vector, expected a numeric type");
        var empty = LocalSpark.frame(Dataset.of(1, 2, new double[2], new double[1]), 1).limit(0);
        assertThatThrownBy(() -> DistributedData.fromVectorColumn(empty, "features", "label"))
                .hasMessageContaining("the data have no rows");
    }

    @Test
    void nativeBackendOnExecutorsGivesTheSameFit() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backends.status("native").isAvailable()
                || "1".equals(System.getenv("LINEA_REQUIRE_NATIVE")), "native backend not installed");
        Dataset d = data(500, 6, true, 9);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 200, 300), "features", "label")
                .withWeights("weight");
        LinearModel vector = new DistributedLinearRegression().fit(dd).model();
        LinearModel nat = new DistributedLinearRegression().fit(dd.withBackend("native")).model();
        assertSameModel(nat, vector, 1e-11);
        assertThat(nat.report().backend()).isEqualTo("native");
    }

    /**
     * The merge order of the reductions is fixed by partition index ({@link OrderedTree}), so a fit on the same
     * partitioning repeats bit for bit, here with 40 partitions (three levels of the tree) and both QR and the
     * normal equations.
     */
    @Test
    void fitsRepeatBitForBitOnTheSamePartitioning() {
        Dataset d = data(2000, 5, true, 77);
        int[] sizes = new int[40];
        java.util.Arrays.fill(sizes, 50);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, sizes), "features", "label")
                .withWeights("weight");
        for (OlsSolver s : new OlsSolver[] {OlsSolver.NORMAL_EQUATIONS, OlsSolver.QR}) {
            DistributedLinearRegression ols = new DistributedLinearRegression(OlsOptions.defaults().withSolver(s));
            double[] first = ols.fit(dd).parameters();
            for (int rep = 0; rep < 3; rep++) {
                assertThat(ols.fit(dd).parameters()).as("%s repeat %d", s, rep).containsExactly(first);
            }
        }
    }

    /** Without refinement there is no residual pass: RSS comes from the moments alone, and still matches. */
    @Test
    void rssFromMomentsWhenNoResidualPassRuns() {
        Dataset d = data(500, 4, true, 19);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 240, 260), "features", "label")
                .withWeights("weight");
        for (boolean icpt : new boolean[] {true, false}) {
            OlsOptions o = OlsOptions.defaults().withSolver(OlsSolver.NORMAL_EQUATIONS).withRefinementSteps(0)
                    .withIntercept(icpt);
            DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
            assertThat(got.passes()).isEqualTo(1);
            double rss = 0;
            for (int i = 0; i < d.rows(); i++) {
                double e = d.y(i) - got.model().predict(new double[] {d.x(i, 0), d.x(i, 1), d.x(i, 2), d.x(i, 3)});
                rss += d.weight(i) * e * e;
            }
            assertThat(got.rss()).as("icpt=%s", icpt).isCloseTo(rss, within(1e-8 * rss));
        }
    }
}
