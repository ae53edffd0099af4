package dev.linea.models.logistic;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.FitException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    /** 'signal' separates the classes (negative → 0, positive → 1); 'noise' does not. */
    static Dataset separable() {
        int m = 40;
        double[] x = new double[m * 2];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double sign = i % 2 == 0 ? 1 : -1;
            x[2 * i] = sign * (0.5 + (i % 7) * 0.3);
            x[2 * i + 1] = Math.sin(3.7 * i);
            y[i] = sign > 0 ? 1 : 0;
        }
        return Dataset.of(m, 2, x, y, null, List.of("signal", "noise"), "y");
    }

    /** As {@link #separable()} plus rows of both classes at signal = 0: quasi-complete separation. */
    static Dataset quasiSeparable() {
        Dataset d = separable();
        int m = d.rows() + 6;
        double[] x = new double[m * 2];
        double[] y = new double[m];
        System.arraycopy(d.xUnsafe(), 0, x, 0, d.rows() * 2);
        System.arraycopy(d.yUnsafe(), 0, y, 0, d.rows());
        for (int i = d.rows(); i < m; i++) {
            x[2 * i] = 0;
            x[2 * i + 1] = Math.cos(1.3 * i);
            y[i] = i % 2;
        }
        return Dataset.of(m, 2, x, y, null, List.of("signal", "noise"), "y");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void separationWithoutPenaltyIsAFitExceptionNamingTheFeature(String backend) {
        Backend b = Backends.named(backend);
        for (LogisticSolver s : LogisticSolver.values()) {
            LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.NONE).withSolver(s)
                    .withMaxIterations(s == LogisticSolver.GRADIENT_DESCENT ? 20000 : 1000);
            assertThatThrownBy(() -> new LogisticRegression(o, b).fit(separable()))
                    .as(s.name()).isInstanceOf(FitException.class)
                    .hasMessageContaining("complete separation").hasMessageContaining("'signal'")
                    .hasMessageContaining("L2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void quasiCompleteSeparationIsDetected(String backend) {
        Backend b = Backends.named(backend);
        LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.NONE);
        assertThatThrownBy(() -> new LogisticRegression(o, b).fit(quasiSeparable()))
                .isInstanceOf(FitException.class).hasMessageContaining("quasi-complete")
                .hasMessageContaining("'signal'");
    }

    /**
     * The smooth solvers certify the gradient they stopped at, and without an intercept the L2 term's strong
     * convexity bounds the distance to the optimum: checked against a fit at tol 1e-13.
     */
    @Test
    void smoothSolversCertifyTheirGradient() {
        LogisticOptions o = LogisticOptions.defaults().withIntercept(false).withC(0.5);
        LogisticResult loose = new LogisticRegression(o.withTol(1e-4)).fit(separable());
        LogisticResult tight = new LogisticRegression(o.withTol(1e-13).withSolver(LogisticSolver.NEWTON))
                .fit(separable());
        var c = loose.report().certificate();
        assertThat(c.kind()).isEqualTo(dev.linea.models.Certificate.Kind.SCALED_GRADIENT_NORM);
        assertThat(c.value()).isLessThanOrEqualTo(1e-4);
        assertThat(c.tolerance()).isEqualTo(1e-4);
        assertThat(c.met()).isTrue();
        double d2 = 0;
        for (int j = 0; j < 2; j++) {
            double d = loose.model().coefficient(j) - tight.model().coefficient(j);
            d2 += d * d;
        }
        assertThat(Math.sqrt(d2)).isLessThanOrEqualTo(c.distanceBound()
                + tight.report().certificate().distanceBound());
        assertThat(loose.report().toString()).contains("certified: scaled gradient norm");
        // an intercept is not penalized: no strong convexity from the penalty, no bound
        LogisticResult withIntercept = new LogisticRegression(LogisticOptions.defaults()).fit(separable());
        assertThat(withIntercept.report().certificate().distanceBound()).isNaN();
        // coordinate descent (L1) certifies with the minimum-norm subgradient, which it also stops on
        var l1 = new LogisticRegression(LogisticOptions.defaults().withPenalty(Penalty.L1)).fit(separable())
                .report().certificate();
        assertThat(l1.kind()).isEqualTo(dev.linea.models.Certificate.Kind.SCALED_SUBGRADIENT_NORM);
        assertThat(l1.met()).as(l1.toString()).isTrue();
    }

    /**
     * Two nearly collinear columns and a weak penalty: the Hessian's smallest eigenvalue is ~1e-7, so L-BFGS's
     * gradient at tol is far from the optimum; the Newton finish (one Hessian, chord steps) must still land on it, as
     * Newton run to a tight gradient does, and report how it got there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theFinishReachesTheOptimumOnCollinearColumns(String backend) {
        Backend b = Backends.named(backend);
        int m = 3000;
        int n = 4;
        java.util.SplittableRandom r = new java.util.SplittableRandom(41);
        double[] x = new double[m * n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double x0 = r.nextGaussian();
            x[i * n] = x0;
            x[i * n + 1] = x0 + 1e-5 * r.nextGaussian();
            x[i * n + 2] = r.nextGaussian();
            x[i * n + 3] = 3 + 0.5 * r.nextGaussian();
            double z = 0.3 + 0.8 * x0 - 0.5 * x[i * n + 2] + 0.2 * x[i * n + 3];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        Dataset d = Dataset.of(m, n, x, y);
        LogisticOptions o = LogisticOptions.defaults().withC(1e4);
        LogisticResult fit = new LogisticRegression(o, b).fit(d);
        LogisticResult exact = new LogisticRegression(o.withSolver(LogisticSolver.NEWTON).withTol(1e-14)
                .withMaxIterations(100), b).fit(d);
        double scale = Math.abs(exact.model().intercept());
        for (int j = 0; j < n; j++) {
            scale = Math.max(scale, Math.abs(exact.model().coefficient(j)));
        }
        assertThat(Math.abs(fit.model().intercept() - exact.model().intercept()) / scale).as(fit.report().toString())
                .isLessThanOrEqualTo(1e-8);
        for (int j = 0; j < n; j++) {
            assertThat(Math.abs(fit.model().coefficient(j) - exact.model().coefficient(j)) / scale)
                    .as("coefficient %d: %s", j, fit.report()).isLessThanOrEqualTo(1e-8);
        }
        assertThat(fit.report().notes()).anyMatch(s -> s.startsWith("finished with ") && s.contains("Hessian"));
        assertThat(fit.report().certificate().value()).isLessThanOrEqualTo(1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void separableDataFitFineWithL2(String backend) {
        Backend b = Backends.named(backend);
        for (LogisticSolver s : LogisticSolver.values()) {
            LogisticOptions o = LogisticOptions.defaults().withSolver(s).withMaxIterations(100000);
            LogisticResult r = new LogisticRegression(o, b).fit(separable());
            assertThat(r.report().converged()).as(s + ": " + r.report()).isTrue();
            LogisticModel model = r.model();
            assertThat(Math.abs(model.coefficient(0))).isGreaterThan(Math.abs(model.coefficient(1)));
            assertThat(model.predict(new double[] {1, 0})).isEqualTo(1);
            assertThat(model.predict(new double[] {-1, 0})).isEqualTo(0);
            double p = model.predictProbability(new double[] {2, 0.3});
            assertThat(p).isCloseTo(1 / (1 + Math.exp(-model.decisionFunction(new double[] {2, 0.3}))),
                    within(1e-15));
        }
    }

    @Test
    void nonSeparableUnpenalizedFitIsFine() {
        Dataset d = LogisticSklearnTest.cancer();
        // two features are far from separating the classes
        double[] x = new double[d.rows() * 2];
        for (int i = 0; i < d.rows(); i++) {
            x[2 * i] = d.x(i, 0);
            x[2 * i + 1] = d.x(i, 1);
        }
        Dataset two = Dataset.of(d.rows(), 2, x, d.copyY());
        LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.NONE);
        LogisticResult lb = new LogisticRegression(o).fit(two);
        LogisticResult nt = new LogisticRegression(o.withSolver(LogisticSolver.NEWTON).withTol(1e-13)).fit(two);
        assertThat(lb.model().coefficient(0)).isCloseTo(nt.model().coefficient(0), within(1e-5));
        assertThat(lb.report().converged()).isTrue();
    }

    @Test
    void interceptOnlyIsTheLogOddsOfTheWeightedRate() {
        double[] y = {1, 0, 0, 1, 1, 1, 0, 1};
        double[] w = {1, 2, 1, 1, 3, 1, 1, 0.5};
        Dataset d = Dataset.of(8, 0, new double[0], y, w, null, "y");
        double pos = 0;
        double all = 0;
        for (int i = 0; i < 8; i++) {
            pos += w[i] * y[i];
            all += w[i];
        }
        double expected = Math.log(pos / (all - pos));
        for (LogisticSolver s : LogisticSolver.values()) {
            LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.NONE).withSolver(s).withTol(1e-12)
                    .withMaxIterations(10000);
            LogisticModel model = new LogisticRegression(o).fit(d).model();
            assertThat(model.intercept()).as(s.name() + " " + model.report()).isCloseTo(expected, within(1e-10));
            assertThat(model.predictProbability(new double[0])).isCloseTo(pos / all, within(1e-10));
        }
    }

    @Test
    void breastCancerIsSeparableSoTheUnpenalizedFitFails() {
        // the 30 standardized features separate the 569 rows (scikit-learn at C = 1e8: training accuracy 1.0)
        LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.NONE);
        assertThatThrownBy(() -> new LogisticRegression(o).fit(LogisticSklearnTest.cancer()))
                .isInstanceOf(FitException.class).hasMessageContaining("complete separation")
                .satisfies(e -> assertThat(((FitException) e).report().converged()).isFalse());
    }

    @Test
    void strongButOverlappingClassesAreNotCalledSeparated() {
        // large true coefficients put many rows at |z| > 15, but Bernoulli labels overlap: the MLE exists
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int m = 3000;
        double[] x = new double[m * 2];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double a = rnd.nextGaussian() * 2;
            double b = rnd.nextGaussian();
            x[2 * i] = a;
            x[2 * i + 1] = b;
            double z = 5 * a - 3 * b + 0.5;
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        Dataset d = Dataset.of(m, 2, x, y);
        for (LogisticSolver s : new LogisticSolver[] {LogisticSolver.LBFGS, LogisticSolver.NEWTON}) {
            LogisticResult r = new LogisticRegression(LogisticOptions.defaults().withPenalty(Penalty.NONE)
                    .withSolver(s)).fit(d);
            assertThat(r.report().converged()).isTrue();
            assertThat(r.model().coefficient(0)).isCloseTo(5.0, within(1.0));
            assertThat(r.model().coefficient(1)).isCloseTo(-3.0, within(1.0));
        }
    }

    @Test
    void nonConvergenceIsReportedNotThrown() {
        LogisticOptions o = LogisticOptions.defaults().withTol(0).withMaxIterations(2);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(LogisticRegression.class.getName());
        List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord rec) {
                records.add(rec);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        LogisticResult r;
        try {
            r = new LogisticRegression(o).fit(LogisticSklearnTest.cancer());
        } finally {
            jul.removeHandler(h);
        }
        assertThat(records).anyMatch(rec -> rec.getLevel() == java.util.logging.Level.WARNING);
        assertThat(r.report().converged()).isFalse();
        assertThat(r.report().status()).contains("maxIterations 2");
        assertThat(r.report().notes()).anyMatch(n -> n.startsWith("WARNING: not converged"));
        assertThat(r.report().lossHistory()).hasSize(3);
    }

    @Test
    void labelsOtherThanZeroOneAreMisuseNamingTheRow() {
        Dataset d = Dataset.of(new double[][] {{1}, {2}, {3}, {4}}, new double[] {0, 1, 0, 2});
        assertThatThrownBy(() -> new LogisticRegression().fit(d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2.0 at row 4 (1-based)").hasMessageContaining("0 or 1");
        Dataset one = Dataset.of(new double[][] {{1}, {2}}, new double[] {1, 1});
        assertThatThrownBy(() -> new LogisticRegression().fit(one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no row of class 0");
    }

    @Test
    void optionsValidationNamesTheValue() {
        assertThatThrownBy(() -> LogisticOptions.defaults().withC(0)).hasMessageContaining("C is 0.0");
        assertThatThrownBy(() -> LogisticOptions.defaults().withC(Double.POSITIVE_INFINITY))
                .hasMessageContaining("C is Infinity");
        assertThatThrownBy(() -> LogisticOptions.defaults().withTol(-1)).hasMessageContaining("tol is -1.0");
        assertThatThrownBy(() -> LogisticOptions.defaults().withMaxIterations(0))
                .hasMessageContaining("maxIterations is 0");
        assertThatThrownBy(() -> ClassWeights.of(Map.of(1, -2.0))).hasMessageContaining("class 1 is -2.0");
        assertThatThrownBy(() -> new ClassWeights(true, Map.of(0, 1.0))).hasMessageContaining("balanced");
        Dataset d = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {0, 1, 0});
        assertThatThrownBy(() -> new LogisticRegression(LogisticOptions.defaults()
                .withClassWeight(ClassWeights.of(Map.of(5, 1.0)))).fit(d)).hasMessageContaining("class 5");
        assertThatThrownBy(() -> SoftmaxOptions.defaults().withC(-1)).hasMessageContaining("C is -1.0");
        assertThatThrownBy(() -> new LogisticRegression(LogisticOptions.defaults()
                .withClassWeight(ClassWeights.of(Map.of(1, 0.0)))).fit(d))
                .hasMessageContaining("class 1 has total weight 0.0");
        Dataset zero = d.withWeights(new double[] {0, 1, 0});
        assertThatThrownBy(() -> new LogisticRegression().fit(zero)).hasMessageContaining("class 0 has total weight");
    }

    @Test
    void objectiveGradientMatchesFiniteDifferences() {
        Dataset d = LogisticSklearnTest.cancer();
        double[] s = new double[d.rows()];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.5 + i % 4;
        }
        LogisticObjective f = new LogisticObjective(Backends.named("scalar"), d.rows(), d.cols(), d.xUnsafe(),
                d.yUnsafe(), s, true, 0.01);
        double[] theta = new double[d.cols() + 1];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = 0.1 * Math.sin(j + 1);
        }
        double[] g = new double[theta.length];
        f.value(theta, g);
        double[] tmp = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double h = 1e-6;
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            double fd = (f.value(tp, tmp) - f.value(tm, tmp)) / (2 * h);
            assertThat(g[j]).as("gradient " + j).isCloseTo(fd, within(1e-8));
        }
    }

    @Test
    void modelValidatesRows() {
        LogisticModel m = new LogisticModel(0.5, new double[] {1, -1}, null, null);
        assertThat(m.featureNames()).containsExactly("x1", "x2");
        assertThatThrownBy(() -> m.predict(new double[3])).hasMessageContaining("row has 3 values, expected 2");
        double[] out = new double[2];
        m.predictProbability(2, new double[] {0, 0, 1, 1}, 0, 2, out, 0);
        assertThat(out[0]).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-15));
        assertThat(out[1]).isEqualTo(out[0]);
    }
}
