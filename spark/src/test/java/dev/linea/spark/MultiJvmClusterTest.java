package dev.linea.spark;

import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.Poisson;
import dev.linea.models.lasso.ElasticNetCVResult;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.LinearModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticSolver;
import dev.linea.models.ols.LinearRegression;
import dev.linea.models.ols.OlsOptions;
import dev.linea.models.ols.OlsSolver;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The distributed estimators across real executor JVMs: Spark's {@code local-cluster[2,1,1024]} (master and two
 * workers in this JVM, each executor a JVM of its own started from the Maven test class path with the flags of
 * {@link LocalCluster}). Run in a surefire execution of its own (spark/pom.xml, {@code multi-jvm}): a JVM holds one
 * SparkContext, and this class starts three in turn.
 *
 * <ul>
 *   <li>Every estimator (OLS by normal equations and by TSQR, ridge, elastic-net CV, logistic L-BFGS and Newton, a
 *       Poisson GLM with offsets; and on a {@code SparseVector} column, read as CSR blocks and fitted by the sparse
 *       kernels, logistic L-BFGS, the Poisson GLM and OLS by TSQR) is first fitted in {@code local[2]}, then on the
 *       cluster with the same partitioning:
 *       the coefficients must be the same bits (the reductions' order is fixed by the partition index, not by which
 *       JVM ran which partition), and equal to the single-machine fit to the tolerances of the local-mode tests.
 *       The executors report the backend they loaded and their pid ({@link DistributedData#executorBackends()}).</li>
 *   <li>An executor JVM killed during an L-BFGS fit (its cached blocks lost with it): Spark reruns the tasks and
 *       the fit gives the same bits.</li>
 *   <li>Executors whose native library cannot load: {@code withBackend("native")} fails with the executor, the
 *       cause and the fix; the scalar backend still fits on those executors.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiJvmClusterTest {
    /** What one fit gives: its numbers in a fixed order, and the executors' reports. */
    record Fit(double[] values, List<BackendUse> uses) {
    }

    /** Off for the local[2] reference fits (the local-mode tests compare those with the single machine already). */
    private static boolean compareWithSingleMachine;

    private final Map<String, Supplier<Fit>> cases = new LinkedHashMap<>();
    private final Map<String, double[]> local = new LinkedHashMap<>();
    private final Set<Long> executorPids = new TreeSet<>();
    private final long driverPid = ProcessHandle.current().pid();

    MultiJvmClusterTest() {
        cases.put("OLS normal equations", () -> ols(OlsSolver.NORMAL_EQUATIONS));
        cases.put("OLS TSQR", () -> ols(OlsSolver.QR));
        cases.put("ridge", MultiJvmClusterTest::ridge);
        cases.put("elastic-net CV", MultiJvmClusterTest::elasticNetCv);
        cases.put("logistic L-BFGS", () -> logistic(LogisticSolver.LBFGS));
        cases.put("logistic Newton", () -> logistic(LogisticSolver.NEWTON));
        cases.put("Poisson GLM with offsets", MultiJvmClusterTest::poissonWithOffsets);
        cases.put("sparse rows: logistic L-BFGS", MultiJvmClusterTest::sparseLogistic);
        cases.put("sparse rows: Poisson GLM with offsets", MultiJvmClusterTest::sparsePoissonWithOffsets);
        cases.put("sparse rows: OLS TSQR", MultiJvmClusterTest::sparseOlsTsqr);
    }

    List<String> caseNames() {
        return List.copyOf(cases.keySet());
    }

    @BeforeAll
    void fitLocallyThenStartTheCluster() {
        String flags = LocalCluster.executorFlags(); // first: without them (not started by Maven) nothing here runs
        LocalSpark.stop();
        for (var c : cases.entrySet()) {
            Fit f = c.getValue().get();
            // local[2]: the executor is the driver itself
            assertThat(f.uses()).extracting(BackendUse::executorId).containsOnly("driver");
            local.put(c.getKey(), f.values());
        }
        LocalSpark.stop();
        LocalSpark.use(LocalCluster.start(LocalCluster.MASTER, 2, flags));
        compareWithSingleMachine = true;
    }

    @AfterAll
    void stop() {
        LocalSpark.stop();
        System.clearProperty("spark.testing");
        System.clearProperty("spark.test.home");
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    void sameBitsInLocalModeAndOnExecutorJvms(String name) {
        Fit f = cases.get(name).get();
        assertThat(f.values()).as(name + ": local-cluster vs local[2], bit for bit").isEqualTo(local.get(name));
        List<BackendUse> executors = executorsOnly(f.uses());
        assertThat(executors).as("executors that reported").isNotEmpty();
        for (BackendUse u : executors) {
            assertThat(u.pid()).as("pid of " + u.where() + " (driver's: " + driverPid + ")").isNotEqualTo(driverPid);
            assertThat(u.backend()).as("backend of " + u.where()).isEqualTo("vector");
            executorPids.add(u.pid());
        }
        // The driver only merges the last level of the tree (and only where merging calls a kernel).
        assertThat(f.uses()).filteredOn(u -> u.executorId().equals("driver"))
                .allSatisfy(u -> assertThat(u.pid()).isEqualTo(driverPid));
    }

    @Order(2)
    @Test
    void bothExecutorJvmsRanPasses() {
        assertThat(executorPids).as("distinct executor pids over all the fits").hasSize(2)
                .doesNotContain(driverPid);
    }

    @Order(3)
    @Test
    void anExecutorKilledDuringAFitIsReplacedAndTheFitGivesTheSameBits() throws Exception {
        SparkContext sc = LocalSpark.session().sparkContext();
        long victim = executorPidsNow(sc).getFirst();
        AtomicInteger jobs = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        Set<String> removed = ConcurrentHashMap.newKeySet();
        SparkListener killer = new SparkListener() {
            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                // after the first jobs (fromVectorColumn's layout peek, the label pass that fills the cache, a few more
                // passes): the blocks are cached by now
                if (jobs.incrementAndGet() == 6) {
                    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                    killedAt.set(System.nanoTime());
                }
            }

            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                removed.add(e.executorId() + ": " + e.reason());
            }
        };
        sc.addSparkListener(killer);
        Fit f;
        long done;
        try {
            f = cases.get("logistic L-BFGS").get();
            done = System.nanoTime();
        } finally {
            sc.removeSparkListener(killer);
        }
        assertThat(killedAt.get()).as("the executor was killed during the fit").isPositive().isLessThan(done);
        assertThat(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false)).as("pid " + victim + " alive")
                .isFalse();
        assertThat(jobs.get()).as("jobs of the fit").isGreaterThan(6);
        assertThat(f.values()).as("coefficients after losing an executor").isEqualTo(local.get("logistic L-BFGS"));
        // Spark notices the loss (the listener bus is asynchronous: allow it a moment).
        for (int i = 0; i < 100 && removed.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(removed).as("executors removed").isNotEmpty();
        assertThat(executorsOnly(f.uses())).extracting(BackendUse::pid).contains(victim)
                .anySatisfy(p -> assertThat(p).isNotEqualTo(victim));
    }

    @Order(4)
    @Test
    void executorsThatCannotLoadTheNativeLibraryFailNamingTheCauseAndTheFix() {
        Assumptions.assumeTrue(Backends.status("native").isAvailable(),
                "the native backend does not load on the driver either");
        LocalSpark.stop();
        // The executors get Linea's flags, but a netlib JNI library that does not exist.
        String bogus = "/nonexistent/linea-test/libblas.so.3";
        LocalSpark.use(LocalCluster.start("local-cluster[1,1,1024]", 1, LocalCluster.executorFlags()
                + " -Ddev.ludovic.netlib.blas.nativeLib=" + bogus));
        Dataset d = DistributedLinearRegressionTest.data(300, 4, false, 3);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, 150, 150), "features", "label");
        assertThatThrownBy(() -> new DistributedLinearRegression().fit(dd.withBackend("native")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("linea: Spark executor 0 (pid ")
                // the native loader names the property that picked the library, and its value (not a missing OpenBLAS)
                .hasMessageContaining("cannot load the backend 'native': the BLAS library set by "
                        + "-Ddev.ludovic.netlib.blas.nativeLib=" + bogus + " could not be loaded (no such file)")
                .hasMessageContaining(". Fix: point -Ddev.ludovic.netlib.blas.nativeLib at a BLAS shared library")
                .hasMessageContaining("spark.executor.extraJavaOptions");
        // The way out without a native library on the executors: another backend.
        DistributedData scalar = dd.withBackend("scalar");
        LinearModel m = new DistributedLinearRegression().fit(scalar).model();
        DistributedLinearRegressionTest.assertSameModel(m,
                new LinearRegression(OlsOptions.defaults(), Backends.named("scalar")).fit(d).model(), 1e-10);
        assertThat(executorsOnly(scalar.executorBackends())).extracting(BackendUse::backend).containsOnly("scalar");
    }

    // ---- the fits: the data and tolerances of the local-mode tests -------------------------------------------

    private static Fit ols(OlsSolver solver) {
        Dataset d = DistributedLinearRegressionTest.data(1013, 9, true, 42);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(1013, 5)),
                "features", "label").withWeights("weight").withBlockRows(100);
        OlsOptions o = OlsOptions.defaults().withSolver(solver);
        DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
        if (compareWithSingleMachine) {
            DistributedLinearRegressionTest.assertSameModel(got.model(),
                    new LinearRegression(o, Backends.named("vector")).fit(d).model(), 1e-10);
        }
        return new Fit(concat(coefficients(got.model()), got.standardErrors()), dd.executorBackends());
    }

    private static Fit ridge() {
        Dataset d = DistributedLinearRegressionTest.data(777, 12, true, 5);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(777, 4)),
                "features", "label").withWeights("weight").withBlockRows(64);
        RidgeOptions o = RidgeOptions.defaults().withAlpha(3.0);
        LinearModel got = new DistributedRidge(o).fit(dd).model();
        if (compareWithSingleMachine) {
            DistributedLinearRegressionTest.assertSameModel(got,
                    new Ridge(o, Backends.named("vector")).fit(d).model(), 1e-9);
        }
        return new Fit(coefficients(got), dd.executorBackends());
    }

    private static Fit elasticNetCv() {
        int m = 900;
        Dataset d = DistributedLinearRegressionTest.data(m, 10, true, 12);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(m, 4)),
                "features", "label").withWeights("weight").withBlockRows(128);
        ElasticNetOptions o = ElasticNetOptions.lasso().withAlpha(0.7).withPath(30, 1e-3)
                .withMode(ElasticNetOptions.Mode.COVARIANCE);
        ElasticNetCVResult got = new DistributedElasticNetCV(o, 5, 99).fit(dd);
        if (compareWithSingleMachine) {
            DistributedElasticNetCVTest.assertSameAsRowBasedCv(got, d, LocalSpark.uneven(m, 4), o, 5, 99);
        }
        return new Fit(concat(got.meanError(), concat(got.standardError(), coefficients(got.modelMin()))),
                dd.executorBackends());
    }

    private static Fit logistic(LogisticSolver solver) {
        Dataset d = DistributedLogisticRegressionTest.data(1013, 6, true, 42);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.frame(d, LocalSpark.uneven(1013, 5)),
                "features", "label").withWeights("weight").withBlockRows(100);
        LogisticOptions o = LogisticOptions.defaults().withSolver(solver).withC(0.5).withTol(1e-10);
        DistributedLogisticResult got = new DistributedLogisticRegression(o).fit(dd);
        if (compareWithSingleMachine) {
            DistributedLogisticRegressionTest.assertSameModel(got.model(),
                    new LogisticRegression(o, Backends.named("vector")).fit(d).model(), 1e-9);
        }
        double[] c = new double[got.model().featureCount() + 1];
        c[0] = got.model().intercept();
        for (int j = 0; j < got.model().featureCount(); j++) {
            c[j + 1] = got.model().coefficient(j);
        }
        return new Fit(c, dd.executorBackends());
    }

    private static Fit poissonWithOffsets() {
        double[] exposure = new double[1013];
        Dataset d = DistributedGlmTest.exposureData(1013, 4, true, exposure, 11);
        double[] offset = GeneralizedLinearModel.logExposure(exposure);
        DistributedData dd = DistributedGlmTest.withOffsets(d, offset, LocalSpark.uneven(d.rows(), 5));
        GlmOptions o = GlmOptions.of(new Poisson());
        DistributedGlmResult got = compareWithSingleMachine ? DistributedGlmTest.assertSameFit(d, offset, dd, o)
                : new DistributedGlm(o).fit(dd);
        return new Fit(concat(got.statistics().params(), new double[] {got.statistics().deviance(), got.statistics().nullDeviance()}),
                dd.executorBackends());
    }

    private static Fit sparseLogistic() {
        Dataset d = DistributedSparseTest.sparseData(1013, 16, "logistic", true, null, 42);
        DistributedData dd = DistributedSparseTest.sparse(d, LocalSpark.uneven(1013, 5));
        assertThat(dd.isSparse()).isTrue();
        LogisticOptions o = LogisticOptions.defaults().withC(0.5).withTol(1e-10);
        DistributedLogisticResult got = new DistributedLogisticRegression(o).fit(dd);
        if (compareWithSingleMachine) {
            DistributedLogisticRegressionTest.assertSameModel(got.model(),
                    new LogisticRegression(o, Backends.named("vector")).fit(DistributedSparseTest.design(d, true))
                            .model(), 1e-9);
        }
        double[] c = new double[got.model().featureCount() + 1];
        c[0] = got.model().intercept();
        for (int j = 0; j < got.model().featureCount(); j++) {
            c[j + 1] = got.model().coefficient(j);
        }
        return new Fit(c, dd.executorBackends());
    }

    private static Fit sparsePoissonWithOffsets() {
        double[] exposure = new double[1013];
        Dataset d = DistributedSparseTest.sparseData(1013, 16, "poisson", true, exposure, 11);
        double[] offset = GeneralizedLinearModel.logExposure(exposure);
        DistributedData dd = DistributedData.fromVectorColumn(LocalSpark.sparseFrame(d, offset, 0,
                LocalSpark.uneven(1013, 5)), "features", "label").withBlockRows(90).withOffset("offset")
                .withWeights("weight");
        assertThat(dd.isSparse()).isTrue();
        GlmOptions o = GlmOptions.of(new Poisson());
        DistributedGlmResult got = compareWithSingleMachine ? DistributedGlmTest.assertSameFit(d, offset, dd, o)
                : new DistributedGlm(o).fit(dd);
        return new Fit(concat(got.statistics().params(), new double[] {got.statistics().deviance(),
                got.statistics().nullDeviance()}), dd.executorBackends());
    }

    private static Fit sparseOlsTsqr() {
        Dataset d = DistributedSparseTest.sparseData(1013, 16, "gaussian", true, null, 5);
        DistributedData dd = DistributedSparseTest.sparse(d, LocalSpark.uneven(1013, 5));
        OlsOptions o = OlsOptions.defaults().withSolver(OlsSolver.QR);
        DistributedOlsResult got = new DistributedLinearRegression(o).fit(dd);
        if (compareWithSingleMachine) {
            DistributedLinearRegressionTest.assertSameModel(got.model(),
                    new LinearRegression(o, Backends.named("vector")).fit(d).model(), 1e-10);
        }
        return new Fit(concat(coefficients(got.model()), got.standardErrors()), dd.executorBackends());
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static List<BackendUse> executorsOnly(List<BackendUse> uses) {
        return uses.stream().filter(u -> !u.executorId().equals("driver")).toList();
    }

    /** @return the pids of the executor JVMs, as they report them from a small job over many partitions */
    private static List<Long> executorPidsNow(SparkContext sc) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        List<Integer> many = IntStream.range(0, 16).boxed().toList();
        List<Long> pids = new ArrayList<>(new TreeSet<>(jsc.parallelize(many, many.size())
                .map(i -> ProcessHandle.current().pid()).collect()));
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());
        return pids;
    }

    private static double[] coefficients(LinearModel m) {
        return concat(new double[] {m.intercept()}, m.coefficients());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
