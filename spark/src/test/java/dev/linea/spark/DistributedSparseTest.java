package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.Dataset;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Poisson;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.logistic.Penalty;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * MLlib {@code SparseVector} columns: read into CSR blocks, fitted with the sparse kernels per block, and equal to
 * the single machine's sparse fit ({@code fit(SparseDesign)}) and to its dense fit of the same rows, at the
 * tolerances of the dense Spark tests (1e-9 relative for logistic regression and the GLM, 1e-10 for OLS, 1e-9 for
 * ridge, 1e-7 for the elastic-net path); a fit repeats bit for bit on the same partitioning. The designs have a
 * one-hot block (dummy-coded: level 0 is all zeros), sparse continuous columns, and rows without any non-zero.
 * A 2^20-column hashed design is fitted by L2 logistic regression and by ridge (conjugate gradients) without ever
 * being densified, and the estimators that form a dense (columns + 1)² matrix refuse it before any job, naming the
 * count and the cap.
 */
class DistributedSparseTest {
    private static final int M = 1013;
    private static final int N = 16;

    /**
     * m rows, n ≥ 5 columns: a dummy-coded 5-level factor in columns 0–3 (level 0: no entry), then each of the
     * other columns non-zero in about 20% of the rows. {@code kind}: "logistic" (0/1 labels), "poisson" (counts with
     * the exposure written into {@code exposure}), "gaussian". Weights 0 on every 13th row.
     */
    static Dataset sparseData(int m, int n, String kind, boolean weighted, double[] exposure, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m * n];
        double[] y = new double[m];
        double[] w = weighted ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            int level = r.nextInt(5);
            double eta = -0.3;
            if (level > 0) {
                x[i * n + level - 1] = 1;
                eta += 0.3 * (level % 2 == 0 ? 1 : -1);
            }
            for (int j = 4; j < n; j++) {
                if (r.nextDouble() < 0.2) {
                    double v = 0.5 + r.nextGaussian() * (0.5 + 0.1 * j);
                    x[i * n + j] = v;
                    eta += (j % 2 == 0 ? 0.5 : -0.3) * v / (1 + 0.2 * j);
                }
            }
            y[i] = switch (kind) {
                case "logistic" -> r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                case "poisson" -> {
                    exposure[i] = 0.2 + 4.8 * r.nextDouble();
                    yield poisson(r, exposure[i] * Math.exp(0.5 * eta));
                }
                default -> 2 + eta + 0.3 * r.nextGaussian();
            };
            if (w != null) {
                w[i] = i % 13 == 0 ? 0 : 0.25 + 2 * r.nextDouble();
            }
        }
        return Dataset.of(m, n, x, y, w, null, "label");
    }

    private static double poisson(SplittableRandom r, double mu) {
        double l = Math.exp(-mu);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    /** The single machine's sparse design of the same rows (names x1…xn, as the distributed data's). */
    static SparseDesign design(Dataset d, boolean intercept) {
        double[] x = new double[d.rows() * d.cols()];
        for (int i = 0; i < d.rows(); i++) {
            for (int j = 0; j < d.cols(); j++) {
                x[i * d.cols() + j] = d.x(i, j);
            }
        }
        double[] y = new double[d.rows()];
        double[] w = d.weighted() ? new double[d.rows()] : null;
        for (int i = 0; i < d.rows(); i++) {
            y[i] = d.y(i);
            if (w != null) {
                w[i] = d.weight(i);
            }
        }
        return SparseDesign.of(CsrMatrix.fromDense(d.rows(), d.cols(), x), y, w, null, "label", intercept);
    }

    static DistributedData sparse(Dataset d, int[] sizes) {
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.sparseFrame(d, null, 0, sizes), "features",
                "label").withBlockRows(100);
        return d.weighted() ? dd.withWeights("weight") : dd;
    }

    private static double[] coefficients(LogisticModel m) {
        double[] c = new double[m.featureCount() + 1];
        c[0] = m.intercept();
        for (int j = 0; j < m.featureCount(); j++) {
            c[j + 1] = m.coefficient(j);
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(value = LogisticSolver.class, names = {"LBFGS", "NEWTON"})
    void logisticOnSparseVectorsEqualsTheSingleMachineSparseAndDenseFits(LogisticSolver solver) {
        Dataset d = sparseData(M, N, "logistic", true, null, 42);
        DistributedData dd = sparse(d, LocalSpark.uneven(M, 5));
        assertThat(dd.isSparse()).as("a SparseVector column is read sparse by default").isTrue();
        assertThat(dd.blocks().collect()).allSatisfy(b -> {
            assertThat(b.isSparse()).isTrue();
            assertThat(b.rows()).isBetween(1, 100); // withBlockRows(100)
            assertThat(b.x()).isNull();
            assertThat(b.sparse().nonZeros()).isLessThan(b.rows() * N / 2);
        });
        LogisticOptions o = LogisticOptions.defaults().withSolver(solver).withC(0.5).withTol(1e-10);
        DistributedLogisticResult got = new DistributedLogisticRegression(o).fit(dd);
        LogisticResult sparseFit = new LogisticRegression(o, Backends.named("vector")).fit(design(d, true));
        LogisticResult denseFit = new LogisticRegression(o, Backends.named("vector")).fit(d);
        DistributedLogisticRegressionTest.assertSameModel(got.model(), sparseFit.model(), 1e-9);
        DistributedLogisticRegressionTest.assertSameModel(got.model(), denseFit.model(), 1e-9);
        assertThat(got.report().converged()).isTrue();
        assertThat(DistributedLogisticRegressionTest.last(got.report().lossHistory()))
                .isCloseTo(DistributedLogisticRegressionTest.last(sparseFit.report().lossHistory()), within(1e-9));
        assertThat(got.model().featureNames()).isEqualTo(d.featureNames());
        // the same partitioning gives the same bits (the tree reduction's order is the partitions')
        assertThat(coefficients(new DistributedLogisticRegression(o).fit(dd).model()))
                .isEqualTo(coefficients(got.model()));
        // the same column read as dense blocks: the dense kernels, the same optimum
        DistributedLogisticResult dense = new DistributedLogisticRegression(o).fit(dd.withSparseRows(false));
        DistributedLogisticRegressionTest.assertSameModel(dense.model(), sparseFit.model(), 1e-9);
        if (solver == LogisticSolver.LBFGS) {
            // the executors' sparse kernels on another backend (scalar: the reference loops)
            DistributedData scalar = dd.withBackend("scalar");
            DistributedLogisticRegressionTest.assertSameModel(new DistributedLogisticRegression(o).fit(scalar).model(),
                    sparseFit.model(), 1e-9);
            assertThat(scalar.executorBackends()).extracting(BackendUse::backend).contains("scalar");
        }
    }

    /** L1 by coordinate descent (the Hessian per pass from sparseGram), without intercept, cached by the caller. */
    @Test
    void l1LogisticWithoutInterceptOnCachedSparseBlocks() {
        Dataset d = sparseData(600, 10, "logistic", false, null, 7);
        DistributedData dd = sparse(d, LocalSpark.uneven(600, 3)).cache();
        try {
            LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.L1).withC(0.05).withIntercept(false)
                    .withTol(1e-10);
            DistributedLogisticResult got = new DistributedLogisticRegression(o).fit(dd);
            LogisticResult expected = new LogisticRegression(o, Backends.named("vector")).fit(design(d, false));
            DistributedLogisticRegressionTest.assertSameModel(got.model(), expected.model(), 1e-8);
            assertThat(got.model().intercept()).isZero();
            assertThat(got.report().notes()).contains("blocks already cached by the caller (DistributedData.cache()), kept");
        } finally {
            dd.unpersist();
        }
    }

    /** A VectorAssembler-like column (sparse and dense rows): dense by the first row's kind, sparse on request. */
    @Test
    void mixedSparseAndDenseRowsFitTheSameEitherWay() {
        Dataset d = sparseData(500, N, "logistic", true, null, 3);
        int[] sizes = LocalSpark.uneven(500, 4);
        DistributedData mixed = DistributedData.fromVectorColumn(LocalSpark.sparseFrame(d, null, 3, sizes),
                "features", "label").withWeights("weight").withBlockRows(64);
        assertThat(mixed.isSparse()).as("the first row is a DenseVector").isFalse();
        DistributedData asSparse = mixed.withSparseRows(true);
        assertThat(asSparse.isSparse()).isTrue();
        assertThat(asSparse.blocks().collect()).allMatch(RowBlock::isSparse);
        LogisticOptions o = LogisticOptions.defaults().withTol(1e-10);
        LogisticModel expected = new LogisticRegression(o, Backends.named("vector")).fit(d).model();
        DistributedLogisticRegressionTest.assertSameModel(new DistributedLogisticRegression(o).fit(mixed).model(),
                expected, 1e-9);
        DistributedLogisticRegressionTest.assertSameModel(new DistributedLogisticRegression(o).fit(asSparse).model(),
                expected, 1e-9);
        // numeric columns read as CSR rows (their zeros left out)
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < N; j++) {
            names.add("c" + j);
            cols.add(org.apache.spark.ml.functions.vector_to_array(org.apache.spark.sql.functions.col("features"),
                    "float64").getItem(j).as("c" + j));
        }
        cols.add(org.apache.spark.sql.functions.col("label"));
        cols.add(org.apache.spark.sql.functions.col("weight"));
        var numeric = LocalSpark.frame(d, sizes).select(cols.toArray(new org.apache.spark.sql.Column[0]));
        DistributedData columns = DistributedData.fromColumns(numeric, names, "label").withWeights("weight")
                .withSparseRows(true);
        assertThat(columns.blocks().collect()).allMatch(RowBlock::isSparse);
        LogisticModel fromColumns = new DistributedLogisticRegression(o).fit(columns).model();
        DistributedLogisticRegressionTest.assertSameModel(fromColumns, expected, 1e-9);
        assertThat(fromColumns.featureNames()).isEqualTo(names);
    }

    /** Poisson with exposure offsets and weights: IRLS over CSR blocks (sparseTimes, sparseGram, sparseTransposeTimes). */
    @Test
    void poissonGlmWithOffsetsOnSparseVectorsEqualsTheSingleMachine() {
        double[] exposure = new double[M];
        Dataset d = sparseData(M, N, "poisson", true, exposure, 11);
        double[] offset = GeneralizedLinearModel.logExposure(exposure);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.sparseFrame(d, offset, 0,
                LocalSpark.uneven(M, 5)), "features", "label").withBlockRows(90).withOffset("offset")
                .withWeights("weight");
        assertThat(dd.isSparse()).isTrue();
        GlmOptions o = GlmOptions.of(new Poisson());
        // the dense single machine: every statistic (DistributedGlmTest's checks, 1e-9)
        DistributedGlmResult got = DistributedGlmTest.assertSameFit(d, offset, dd, o);
        // the sparse single machine
        GlmResult sparseFit = new GeneralizedLinearModel(o, Backends.named("vector"))
                .fit(design(d, true).withOffsets(offset));
        double[] p = got.statistics().params();
        for (int j = 0; j < p.length; j++) {
            DistributedGlmTest.close(p[j], sparseFit.params()[j], 1e-9, "parameter " + j);
        }
        DistributedGlmTest.close(got.statistics().deviance(), sparseFit.deviance(), 1e-9, "deviance");
        DistributedGlmTest.close(got.statistics().nullDeviance(), sparseFit.nullDeviance(), 1e-9, "null deviance");
        assertThat(new DistributedGlm(o).fit(dd).statistics().params()).as("repeated: the same bits").isEqualTo(p);
    }

    @ParameterizedTest
    @EnumSource(value = OlsSolver.class, names = {"NORMAL_EQUATIONS", "QR", "AUTO"})
    void leastSquaresOnSparseVectorsEqualsTheSingleMachine(OlsSolver solver) {
        Dataset d = sparseData(M, N, "gaussian", true, null, 5);
        DistributedData dd = sparse(d, LocalSpark.uneven(M, 5));
        OlsOptions o = OlsOptions.defaults().withSolver(solver);
        DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
        DistributedLinearRegressionTest.assertSameModel(got.model(),
                new LinearRegression(o, Backends.named("vector")).fit(d).model(), 1e-10);
        assertThat(new DistributedLinearRegression(o).fit(dd).model().coefficients())
                .isEqualTo(got.model().coefficients());
    }

    @Test
    void ridgeElasticNetAndCvOnSparseVectorsEqualTheSingleMachine() {
        Dataset d = sparseData(800, N, "gaussian", true, null, 8);
        int[] sizes = LocalSpark.uneven(800, 4);
        DistributedData dd = sparse(d, sizes);
        RidgeOptions ro = RidgeOptions.defaults().withAlpha(3.0);
        LinearModel ridge = new DistributedRidge(ro).fit(dd).model();
        DistributedLinearRegressionTest.assertSameModel(ridge, new Ridge(ro, Backends.named("vector")).fit(d).model(),
                1e-9);
        DistributedLinearRegressionTest.assertSameModel(ridge,
                new Ridge(ro, Backends.named("vector")).fit(design(d, true)).model(), 1e-8);

        ElasticNetOptions eo = ElasticNetOptions.lasso().withAlpha(0.7).withPath(30, 1e-3)
                .withMode(ElasticNetOptions.Mode.COVARIANCE);
        ElasticNetPath got = new DistributedElasticNet(eo).fit(dd);
        ElasticNetPath expected = new ElasticNet(eo, Backends.named("vector")).fit(d);
        assertThat(got.size()).isEqualTo(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(got.lambda(k)).isCloseTo(expected.lambda(k), within(1e-9 * expected.lambda(k)));
            for (int j = 0; j < N; j++) {
                double e = expected.coefficients(k)[j];
                assertThat(got.coefficients(k)[j]).as("λ%d β%d", k, j).isCloseTo(e, within(1e-7 * (1 + Math.abs(e))));
            }
        }
        DistributedElasticNetCVTest.assertSameAsRowBasedCv(new DistributedElasticNetCV(eo, 5, 99).fit(dd), d, sizes,
                eo, 5, 99);
    }

    // ---- a hashed design of 2^20 columns ------------------------------------------------------------------

    /** m rows of 12 signed ±1 entries at hashed columns among 2^20, 0/1 labels from a truth on the first 64. */
    private static Hashed hashed(int m, long seed) {
        int n = 1 << 20;
        SplittableRandom r = new SplittableRandom(seed);
        int[] ptr = new int[m + 1];
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            java.util.TreeMap<Integer, Double> row = new java.util.TreeMap<>();
            double eta = 0.2;
            for (int t = 0; t < 12; t++) {
                int j = t < 3 ? r.nextInt(64) : r.nextInt(n);
                double v = r.nextBoolean() ? 1 : -1;
                row.merge(j, v, Double::sum);
                eta += j < 64 ? (j % 2 == 0 ? 0.8 : -0.8) * v : 0;
            }
            row.values().removeIf(v -> v == 0);
            row.forEach((j, v) -> {
                idx.add(j);
                val.add(v);
            });
            ptr[i + 1] = idx.size();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        CsrMatrix x = new CsrMatrix(m, n, ptr, idx.stream().mapToInt(Integer::intValue).toArray(),
                val.stream().mapToDouble(Double::doubleValue).toArray());
        return new Hashed(x, y);
    }

    private record Hashed(CsrMatrix x, double[] y) {
        DistributedData distributed(int... sizes) {
            int[] p = x.rowPtrUnsafe();
            List<List<Row>> parts = new ArrayList<>();
            int i = 0;
            for (int s : sizes) {
                List<Row> part = new ArrayList<>();
                for (int k = 0; k < s; k++, i++) {
                    int[] idx = java.util.Arrays.copyOfRange(x.indicesUnsafe(), p[i], p[i + 1]);
                    double[] val = java.util.Arrays.copyOfRange(x.valuesUnsafe(), p[i], p[i + 1]);
                    part.add(RowFactory.create(Vectors.sparse(x.cols(), idx, val), y[i]));
                }
                parts.add(part);
            }
            return DistributedData.fromVectorColumn(LocalSpark.frameOf(parts, false), "features", "label");
        }
    }

    @Test
    void aHashedDesignOf2To20ColumnsFitsL2LogisticWithoutDensifying() {
        int m = 400;
        Hashed h = hashed(m, 19);
        DistributedData dd = h.distributed(150, 0, 250);
        assertThat(dd.isSparse()).isTrue();
        assertThat(dd.cols()).isEqualTo(1 << 20);
        LogisticOptions o = LogisticOptions.defaults().withTol(1e-10);
        DistributedLogisticResult got = new DistributedLogisticRegression(o).fit(dd);
        LogisticResult expected = new LogisticRegression(o, Backends.named("vector"))
                .fit(SparseDesign.of(h.x(), h.y(), null, null, "label", true));
        assertThat(got.report().converged()).isTrue();
        assertThat(got.model().featureCount()).isEqualTo(1 << 20);
        assertThat(got.model().featureNames().get((1 << 20) - 1)).isEqualTo("x1048576");
        // Both stop at a mean-scaled gradient ≤ 1e-10 of an objective whose curvature is at least λ = 1/(C·m) =
        // 1/400 (most of the 2^20 columns are seen once, so the L2 term is all that holds them): each is within
        // 1e-10·400 = 4e-8 of the optimum, so they agree to 8e-8, not to the 1e-9 of better-conditioned designs.
        assertThat(got.report().certificate().value()).isLessThanOrEqualTo(1e-10);
        DistributedLogisticRegressionTest.assertSameModel(got.model(), expected.model(), 8e-8);
        // the estimators that form a dense (columns + 1)² matrix refuse it before any job
        String cap = "the sparse rows have 1048576 columns, expected at most 46339 for ";
        assertThatThrownBy(() -> new DistributedLogisticRegression(o.withSolver(LogisticSolver.NEWTON)).fit(dd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(cap + "logistic regression with solver NEWTON and penalty L2 (the Hessian)")
                .hasMessageContaining("DistributedLogisticRegression with penalty L2 and solver LBFGS");
        assertThatThrownBy(() -> new DistributedLogisticRegression(o.withPenalty(Penalty.L1)).fit(dd))
                .hasMessageStartingWith(cap + "logistic regression with solver LBFGS and penalty L1");
        assertThatThrownBy(() -> new DistributedGlm(GlmOptions.of(new Poisson())).fit(dd))
                .hasMessageStartingWith(cap + "a GLM (IRLS solves a dense working system)");
        assertThatThrownBy(() -> new DistributedLinearRegression().fit(dd))
                .hasMessageStartingWith(cap + "least squares (AUTO)");
        assertThatThrownBy(() -> new DistributedElasticNet(ElasticNetOptions.lasso()).fit(dd))
                .hasMessageStartingWith(cap + "the elastic net");
        assertThatThrownBy(() -> new DistributedElasticNetCV(ElasticNetOptions.lasso(), 3, 1).fit(dd))
                .hasMessageStartingWith(cap + "elastic-net CV");
    }

    /**
     * Ridge on the 2^20-column design: conjugate gradients over the CSR blocks (one job per iteration), as the single
     * machine's {@code Ridge.fit(SparseDesign)}; both certify a relative residual of the normal equations ≤ 1e-10,
     * so each is within ‖residual‖/α of the optimum.
     */
    @Test
    void ridgeOnAHashedDesignOf2To20ColumnsByConjugateGradients() {
        Hashed h = hashed(300, 23);
        double[] w = new double[300];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 7 == 0 ? 0 : 0.5 + (i % 5) * 0.25;
        }
        List<List<Row>> parts = new ArrayList<>();
        int[] p = h.x().rowPtrUnsafe();
        int i = 0;
        for (int s : new int[] {120, 0, 180}) {
            List<Row> part = new ArrayList<>();
            for (int k = 0; k < s; k++, i++) {
                part.add(RowFactory.create(Vectors.sparse(h.x().cols(),
                        java.util.Arrays.copyOfRange(h.x().indicesUnsafe(), p[i], p[i + 1]),
                        java.util.Arrays.copyOfRange(h.x().valuesUnsafe(), p[i], p[i + 1])), h.y()[i], w[i]));
            }
            parts.add(part);
        }
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frameOf(parts, true), "features", "label")
                .withWeights("weight");
        RidgeOptions o = RidgeOptions.defaults().withAlpha(2.0);
        var got = new DistributedRidge(o).fit(dd);
        var expected = new Ridge(o, Backends.named("vector")).fit(SparseDesign.of(h.x(), h.y(), w, null, "label",
                true));
        assertThat(got.report().solver()).isEqualTo("SPARSE_CG");
        assertThat(got.report().converged()).isTrue();
        assertThat(got.report().certificate().value()).isLessThanOrEqualTo(1e-10);
        assertThat(got.report().iterations()).isEqualTo(expected.report().iterations());
        assertThat(got.report().notes()).anyMatch(s -> s.startsWith("distributed: ") && s.contains(" over 300 rows"));
        // each within ‖residual‖/α ≤ 1e-10·‖rhs‖/α of the optimum (the certificate's bound)
        double bound = got.report().certificate().distanceBound() + expected.report().certificate().distanceBound();
        // and the intercept ȳ − x̄ᵀβ within ‖x̄‖·that (‖x̄‖ < 1 here)
        assertThat(got.model().intercept()).isCloseTo(expected.model().intercept(), within(bound + 1e-12));
        for (int j = 0; j < (1 << 20); j++) {
            assertThat(got.model().coefficient(j)).isCloseTo(expected.model().coefficient(j), within(bound + 1e-12));
        }
    }

    // ---- bad rows -----------------------------------------------------------------------------------------

    private static DistributedData oneBadRow(Row bad) {
        List<Row> part = new ArrayList<>();
        part.add(RowFactory.create(Vectors.sparse(4, new int[] {0}, new double[] {1}), 1.0));
        part.add(RowFactory.create(Vectors.sparse(4, new int[] {1, 3}, new double[] {2, 3}), 0.0));
        part.add(bad);
        return DistributedData.fromVectorColumn(LocalSpark.frameOf(List.of(List.of(), part), false), "features",
                "label");
    }

    @Test
    void badSparseRowsAreNamedByPartitionRowAndFeature() {
        LogisticOptions o = LogisticOptions.defaults();
        DistributedData nan = oneBadRow(RowFactory.create(Vectors.sparse(4, new int[] {2}, new double[] {Double.NaN}),
                1.0));
        assertThat(nan.isSparse()).isTrue();
        assertThatThrownBy(() -> new DistributedLogisticRegression(o).fit(nan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 1, row 2: feature 'x3' is NaN, expected a finite number");
        DistributedData length = oneBadRow(RowFactory.create(Vectors.sparse(5, new int[] {2}, new double[] {1}), 1.0));
        assertThatThrownBy(() -> new DistributedLogisticRegression(o).fit(length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 1, row 2: the feature vector has length 5, expected 4 (the length of the first"
                        + " row)");
        DistributedData denseInf = oneBadRow(RowFactory.create(Vectors.dense(0, Double.POSITIVE_INFINITY, 0, 1),
                0.0));
        assertThatThrownBy(() -> new DistributedLogisticRegression(o).fit(denseInf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition 1, row 2: feature 'x2' is Infinity, expected a finite number");
    }
}
