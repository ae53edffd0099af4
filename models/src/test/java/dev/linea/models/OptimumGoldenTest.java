package dev.linea.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.glm.Family;
import dev.linea.models.glm.Gamma;
import dev.linea.models.glm.GeneralizedLinearModel;
import dev.linea.models.glm.GlmOptions;
import dev.linea.models.glm.GlmResult;
import dev.linea.models.glm.Poisson;
import dev.linea.models.glm.Tweedie;
import dev.linea.models.huber.HuberOptions;
import dev.linea.models.huber.HuberRegression;
import dev.linea.models.huber.HuberResult;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.SoftmaxModel;
import dev.linea.models.logistic.SoftmaxOptions;
import dev.linea.models.logistic.SoftmaxRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: every iterative estimator at its DEFAULT options lands on the optimum. The goldens
 * (golden/optimum/optimum.json, made by src/test/goldens/make_optimum_goldens.py) are scikit-learn's and statsmodels'
 * answers polished to the exact minimizer (active-set solve, Newton or Fisher scoring); each fit must meet them to
 * 1e-6 relative in the coefficients (max |Δ| over max |golden|, intercepts included) and 1e-9 relative in the
 * objective, on every available backend, raw features included.
 */
class OptimumGoldenTest {
    private static final double COEFFICIENTS = 1e-6;
    private static final double OBJECTIVE = 1e-9;

    static Stream<Arguments> cases() {
        JsonNode all = GoldenFiles.json("optimum/optimum.json").path("cases");
        List<Arguments> out = new ArrayList<>();
        for (Backend b : Backends.available()) {
            for (JsonNode c : all) {
                out.add(Arguments.of(b.name(), c.path("name").asText(), c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void defaultsMeetTheOptimum(String backend, String name, JsonNode c) {
        Backend b = Backends.named(backend);
        Dataset d = GoldenFiles.csv("optimum/" + c.path("data").asText(), -1);
        double[] got;
        double objective;
        FitReport report;
        switch (c.path("kind").asText()) {
            case "elastic_net" -> {
                double lam = c.path("lam").asDouble();
                double a = c.path("l1_ratio").asDouble();
                ElasticNetPath p = new ElasticNet(ElasticNetOptions.elasticNet(a).withLambdas(new double[] {lam}), b)
                        .fit(d);
                LinearModel m = p.model(0);
                got = withIntercept(m.intercept(), m.coefficients());
                objective = elasticNetObjective(d, m, lam, a);
                report = p.report();
            }
            case "logistic" -> {
                double cc = c.path("c").asDouble();
                LogisticModel m = new LogisticRegression(LogisticOptions.defaults().withC(cc), b).fit(d).model();
                got = withIntercept(m.intercept(), m.coefficients());
                objective = logisticObjective(d, m.intercept(), m.coefficients(), cc);
                report = m.report();
            }
            case "softmax" -> {
                double cc = c.path("c").asDouble();
                SoftmaxModel m = new SoftmaxRegression(SoftmaxOptions.defaults().withC(cc), b).fit(d).model();
                got = softmaxParameters(m.intercepts(), m.coefficients());
                objective = softmaxObjective(d, m.intercepts(), m.coefficients(), cc);
                report = m.report();
            }
            case "huber" -> {
                HuberResult r = new HuberRegression(HuberOptions.defaults(), b).fit(d);
                got = withIntercept(r.model().intercept(), r.model().coefficients());
                objective = r.objective();
                report = r.report();
                assertThat(Math.abs(r.scale() - c.path("scale").asDouble()) / c.path("scale").asDouble())
                        .as("scale").isLessThanOrEqualTo(COEFFICIENTS);
            }
            default -> {
                Family f = switch (c.path("kind").asText()) {
                    case "poisson" -> new Poisson();
                    case "gamma" -> new Gamma();
                    case "tweedie" -> new Tweedie(c.path("power").asDouble());
                    default -> throw new IllegalStateException(c.path("kind").asText());
                };
                GlmResult r = new GeneralizedLinearModel(GlmOptions.of(f), b).fit(d);
                got = withIntercept(r.intercept(), r.linearPredictor().coefficients());
                objective = r.deviance();
                report = r.report();
            }
        }
        double[] want = c.has("intercepts")
                ? softmaxParameters(GoldenFiles.doubles(c.path("intercepts")), matrix(c.path("coefficients")))
                : withIntercept(c.path("intercept").asDouble(), GoldenFiles.doubles(c.path("coefficients")));
        assertThat(report.converged()).as(report.toString()).isTrue();
        assertThat(report.certificate()).as("an iterative fit says how close it is: " + report).isNotNull();
        assertThat(relative(got, want)).as("coefficients: " + report).isLessThanOrEqualTo(COEFFICIENTS);
        double wantObjective = c.path("objective").asDouble();
        assertThat(Math.abs(objective - wantObjective) / Math.abs(wantObjective)).as("objective " + objective
                + " vs " + wantObjective).isLessThanOrEqualTo(OBJECTIVE);
    }

    private static double relative(double[] got, double[] want) {
        double diff = 0;
        double scale = 0;
        for (int j = 0; j < want.length; j++) {
            diff = Math.max(diff, Math.abs(got[j] - want[j]));
            scale = Math.max(scale, Math.abs(want[j]));
        }
        return diff / scale;
    }

    private static double[] withIntercept(double b, double[] beta) {
        double[] v = new double[beta.length + 1];
        v[0] = b;
        System.arraycopy(beta, 0, v, 1, beta.length);
        return v;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = GoldenFiles.doubles(rows.get(i));
        }
        return m;
    }

    private static double[] softmaxParameters(double[] b, double[][] w) {
        List<Double> v = new ArrayList<>();
        for (int c = 0; c < b.length; c++) {
            v.add(b[c]);
            for (double x : w[c]) {
                v.add(x);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** glmnet's objective with standardize = TRUE: the penalty on the coefficients times the population sd. */
    private static double elasticNetObjective(Dataset d, LinearModel m, double lam, double a) {
        int rows = d.rows();
        int n = d.cols();
        double[] x = d.xUnsafe();
        double[] y = d.yUnsafe();
        double[] beta = m.coefficients();
        double rss = 0;
        for (int i = 0; i < rows; i++) {
            double r = y[i] - m.intercept();
            for (int j = 0; j < n; j++) {
                r -= x[i * n + j] * beta[j];
            }
            rss += r * r;
        }
        double l1 = 0;
        double l2 = 0;
        for (int j = 0; j < n; j++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += x[i * n + j];
            }
            mean /= rows;
            double ss = 0;
            for (int i = 0; i < rows; i++) {
                double dv = x[i * n + j] - mean;
                ss += dv * dv;
            }
            double scaled = beta[j] * Math.sqrt(ss / rows);
            l1 += Math.abs(scaled);
            l2 += scaled * scaled;
        }
        return rss / (2.0 * rows) + lam * (a * l1 + (1 - a) / 2 * l2);
    }

    /** scikit-learn's C·Σ(log(1 + e^z) − y·z) + ½‖β‖². */
    private static double logisticObjective(Dataset d, double b, double[] beta, double c) {
        int n = d.cols();
        double[] x = d.xUnsafe();
        double[] y = d.yUnsafe();
        double loss = 0;
        for (int i = 0; i < d.rows(); i++) {
            double z = b;
            for (int j = 0; j < n; j++) {
                z += x[i * n + j] * beta[j];
            }
            loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
        }
        double pen = 0;
        for (double v : beta) {
            pen += v * v;
        }
        return c * loss + pen / 2;
    }

    /** scikit-learn's multinomial C·Σ −log p_{i,y_i} + ½‖W‖²_F. */
    private static double softmaxObjective(Dataset d, double[] b, double[][] w, double c) {
        int n = d.cols();
        int k = b.length;
        double[] x = d.xUnsafe();
        double[] y = d.yUnsafe();
        double loss = 0;
        double[] z = new double[k];
        for (int i = 0; i < d.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int cl = 0; cl < k; cl++) {
                z[cl] = b[cl];
                for (int j = 0; j < n; j++) {
                    z[cl] += x[i * n + j] * w[cl][j];
                }
                max = Math.max(max, z[cl]);
            }
            double sum = 0;
            for (int cl = 0; cl < k; cl++) {
                sum += Math.exp(z[cl] - max);
            }
            loss += max + Math.log(sum) - z[(int) y[i]];
        }
        double pen = 0;
        for (double[] row : w) {
            for (double v : row) {
                pen += v * v;
            }
        }
        return c * loss + pen / 2;
    }
}
