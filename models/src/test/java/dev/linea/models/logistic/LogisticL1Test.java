package dev.linea.models.logistic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.GoldenFiles;
import dev.linea.models.FitReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * L1 and elastic-net binary logistic regression (COORDINATE_DESCENT) against golden/logistic/breast_cancer_l1.json
 * (src/test/goldens/make_logistic_l1_goldens.py): scikit-learn 1.2.1's saga answer, polished by Newton's method on
 * its support and verified by the KKT conditions (residual ≤ 4e-15), on every available backend. The coefficients
 * must match to 1e-6 relative to max |coef|, the zero pattern exactly, and the KKT conditions must hold on our
 * answer to 1e-7.
 */
class LogisticL1Test {
    static final JsonNode GOLD = GoldenFiles.json("logistic/breast_cancer_l1.json");
    static final double REL = 1e-6;
    static final double KKT = 1e-7;

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    static List<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        GOLD.get("l1").forEach(out::add);
        out.add(GOLD.get("elasticnet"));
        return out;
    }

    static LogisticOptions options(JsonNode g, LogisticSolver solver) {
        boolean l1 = g.get("penalty").asText().equals("l1");
        return new LogisticOptions(l1 ? Penalty.L1 : Penalty.ELASTIC_NET, g.get("C").asDouble(), true, solver,
                1e-12, 1000, ClassWeights.none()).withL1Ratio(l1 ? 0.5 : g.get("l1_ratio").asDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void matchesKktVerifiedOptimum(String backend) {
        Backend b = Backends.named(backend);
        Dataset data = LogisticSklearnTest.cancer();
        for (JsonNode g : cases()) {
            String what = g.get("penalty").asText() + " C " + g.get("C").asDouble();
            LogisticResult r = new LogisticRegression(options(g, LogisticSolver.COORDINATE_DESCENT), b).fit(data);
            FitReport rep = r.report();
            assertThat(rep.converged()).as(what + ": " + rep).isTrue();
            assertThat(rep.solver()).isEqualTo("COORDINATE_DESCENT");
            double[] hist = rep.lossHistory();
            assertThat(hist).hasSize(rep.iterations() + 1);
            for (int k = 1; k < hist.length; k++) {
                assertThat(hist[k]).as(what + " objective at iteration " + k).isLessThanOrEqualTo(hist[k - 1]);
            }
            double[] exact = GoldenFiles.doubles(g.get("coef_exact"));
            LogisticSklearnTest.close(what, r.model(), exact, g.get("intercept_exact").asDouble(), REL);
            double[] got = r.model().coefficients();
            int nonZero = 0;
            for (int j = 0; j < exact.length; j++) {
                assertThat(got[j] == 0).as(what + " coefficient " + j + " is zero").isEqualTo(exact[j] == 0);
                nonZero += got[j] != 0 ? 1 : 0;
            }
            assertThat(nonZero).isEqualTo(g.get("support").size());
            assertThat(rep.notes()).contains(nonZero + " of " + exact.length + " coefficients non-zero");
            assertThat(kktResidual(data, g.get("C").asDouble(), g.get("l1_ratio").asDouble(), r.model()))
                    .as(what + " KKT residual").isLessThanOrEqualTo(KKT);
        }
    }

    @Test
    void lbfgsIsReplacedByCoordinateDescent() {
        Dataset data = LogisticSklearnTest.cancer();
        JsonNode g = GOLD.get("l1").get(0);
        LogisticResult r = new LogisticRegression(options(g, LogisticSolver.LBFGS)).fit(data);
        assertThat(r.report().solver()).isEqualTo("COORDINATE_DESCENT");
        assertThat(String.join("\n", r.report().notes())).contains("instead of LBFGS");
        LogisticSklearnTest.close("auto", r.model(), GoldenFiles.doubles(g.get("coef_exact")),
                g.get("intercept_exact").asDouble(), REL);
    }

    @Test
    void coordinateDescentWithL2MatchesNewton() {
        Dataset data = LogisticSklearnTest.cancer();
        LogisticOptions o = new LogisticOptions(Penalty.L2, 1, true, LogisticSolver.NEWTON, 1e-13, 100,
                ClassWeights.none());
        LogisticModel newton = new LogisticRegression(o).fit(data).model();
        LogisticModel cd = new LogisticRegression(o.withSolver(LogisticSolver.COORDINATE_DESCENT).withTol(1e-12))
                .fit(data).model();
        LogisticSklearnTest.close("CD L2", cd, newton.coefficients(), newton.intercept(), REL);
        // elastic net with ρ = 0 is L2
        LogisticModel en0 = new LogisticRegression(o.withPenalty(Penalty.ELASTIC_NET).withL1Ratio(0)
                .withSolver(LogisticSolver.COORDINATE_DESCENT).withTol(1e-12)).fit(data).model();
        LogisticSklearnTest.close("EN rho 0", en0, newton.coefficients(), newton.intercept(), REL);
    }

    @Test
    void separableDataWithHugeCDoesNotThrow() {
        int m = 40;
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = i - (m - 1) / 2.0;
            x[2 * i + 1] = Math.sin(i);
            y[i] = x[2 * i] > 0 ? 1 : 0;
        }
        Dataset data = Dataset.of(m, 2, x, y);
        for (Penalty p : new Penalty[] {Penalty.L1, Penalty.ELASTIC_NET}) {
            LogisticOptions o = LogisticOptions.defaults().withPenalty(p).withC(1e6).withMaxIterations(500);
            LogisticResult r = new LogisticRegression(o).fit(data);
            assertThat(r.model().coefficients()[0]).as(p + ": " + r.report()).isPositive().isFinite();
            assertThat(Double.isFinite(r.model().intercept())).isTrue();
            assertThat(r.report().converged()).as(p + ": " + r.report()).isTrue();
            for (int i = 0; i < m; i++) {
                double z = r.model().coefficients()[0] * x[2 * i] + r.model().coefficients()[1] * x[2 * i + 1]
                        + r.model().intercept();
                assertThat(z > 0).as(p + " row " + i).isEqualTo(y[i] == 1);
            }
        }
    }

    @Test
    void l1RatioIsValidated() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> LogisticOptions.defaults().withL1Ratio(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("l1Ratio is " + bad + ", expected a number in [0, 1]");
        }
        assertThat(LogisticOptions.defaults().l1Ratio()).isEqualTo(0.5);
        assertThat(LogisticOptions.defaults().withL1Ratio(1).effectiveL1Ratio()).isZero(); // L2 ignores it
        assertThat(LogisticOptions.defaults().withPenalty(Penalty.L1).effectiveL1Ratio()).isEqualTo(1);
    }

    @Test
    void smoothOnlySolversRejectL1() {
        for (LogisticSolver s : new LogisticSolver[] {LogisticSolver.NEWTON, LogisticSolver.GRADIENT_DESCENT}) {
            assertThatThrownBy(() -> new LogisticRegression(LogisticOptions.defaults().withPenalty(Penalty.L1)
                    .withSolver(s))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(s.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void weightedAndInterceptFreeFitsSatisfyKkt(String backend) {
        Backend b = Backends.named(backend);
        Dataset data = LogisticSklearnTest.cancer();
        int m = data.rows();
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = 1 + i % 3;
        }
        for (boolean intercept : new boolean[] {true, false}) {
            for (Penalty p : new Penalty[] {Penalty.L1, Penalty.ELASTIC_NET}) {
                LogisticOptions o = new LogisticOptions(p, 0.3, intercept, LogisticSolver.COORDINATE_DESCENT, 1e-12,
                        1000, ClassWeights.none()).withL1Ratio(0.7);
                LogisticResult r = new LogisticRegression(o, b).fit(data.withWeights(w));
                String what = p + " intercept " + intercept + ": " + r.report();
                assertThat(r.report().converged()).as(what).isTrue();
                if (!intercept) {
                    assertThat(r.model().intercept()).isZero();
                }
                assertThat(kktResidual(data, 0.3, o.effectiveL1Ratio(), r.model(), w, intercept)).as(what)
                        .isLessThanOrEqualTo(KKT);
            }
        }
    }

    static double kktResidual(Dataset data, double c, double rho, LogisticModel model) {
        return kktResidual(data, c, rho, model, null, true);
    }

    /**
     * KKT residual of scikit-learn's objective C·Σ s_iℓ_i + (1 − ρ)/2‖β‖² + ρ‖β‖₁ (s null: unit weights; the
     * intercept's condition only when it is fitted).
     */
    static double kktResidual(Dataset data, double c, double rho, LogisticModel model, double[] s,
                              boolean intercept) {
        int m = data.rows();
        int n = data.cols();
        double[] x = data.xUnsafe();
        double[] y = data.yUnsafe();
        double[] beta = model.coefficients();
        double[] g = new double[n];
        double gb = 0;
        for (int i = 0; i < m; i++) {
            double z = model.intercept();
            for (int j = 0; j < n; j++) {
                z += x[i * n + j] * beta[j];
            }
            double e = c * (s == null ? 1 : s[i]) * (1 / (1 + Math.exp(-z)) - y[i]);
            gb += e;
            for (int j = 0; j < n; j++) {
                g[j] += e * x[i * n + j];
            }
        }
        double res = intercept ? Math.abs(gb) : 0;
        for (int j = 0; j < n; j++) {
            res = Math.max(res, beta[j] == 0 ? Math.max(0, Math.abs(g[j]) - rho)
                    : Math.abs(g[j] + (1 - rho) * beta[j] + rho * Math.signum(beta[j])));
        }
        return res;
    }
}
