package dev.linea.models.sparse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.GoldenFiles;
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
import dev.linea.models.logistic.Penalty;
import dev.linea.models.ridge.Ridge;
import dev.linea.models.ridge.RidgeOptions;
import dev.linea.models.ridge.RidgeResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sparse estimators against scikit-learn 1.2.1 on a scipy CSR matrix and glmnet 4.1-6 on a dgCMatrix
 * (golden/sparse/, made by src/test/goldens/make_sparse_goldens.py and .R): 500 × 80, one-hot blocks, sparse
 * continuous columns, an empty column, two rows without continuous entries. Every fit here is given a
 * {@link SparseDesign}; every backend.
 */
class SparseGoldenTest {
    private static final JsonNode SK = GoldenFiles.json("sparse/sklearn.json");
    private static final CsrMatrix X = readLibSvm("sparse/sparse.libsvm", 80);
    private static final double[][] TARGETS = readTargets("sparse/targets.csv");

    static Stream<String> backends() {
        return Backends.available().stream().map(Backend::name);
    }

    private static SparseDesign design(int target, double[] weights) {
        return SparseDesign.of(X, TARGETS[target], weights, null, null, true);
    }

    /** max_j |a_j − b_j| / max(1, max_j |b_j|), intercept included. */
    private static double relError(double a0, double[] a, double b0, double[] b) {
        double err = Math.abs(a0 - b0);
        double scale = Math.max(1, Math.abs(b0));
        for (int j = 0; j < b.length; j++) {
            err = Math.max(err, Math.abs(a[j] - b[j]));
            scale = Math.max(scale, Math.abs(b[j]));
        }
        return err / scale;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void logisticL2MatchesScikitLearnLbfgs(String name) {
        Backend b = Backends.named(name);
        for (JsonNode c : SK.get("logistic_l2")) {
            LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.L2).withC(c.get("C").asDouble())
                    .withTol(1e-12).withMaxIterations(10_000);
            LogisticModel m = new LogisticRegression(o, b).fit(design(1, null)).model();
            assertThat(m.report().converged()).isTrue();
            double exact = relError(m.intercept(), m.coefficients(), c.get("intercept_exact").asDouble(),
                    GoldenFiles.doubles(c.get("coef_exact")));
            double lbfgs = relError(m.intercept(), m.coefficients(), c.get("intercept").asDouble(),
                    GoldenFiles.doubles(c.get("coef")));
            assertThat(exact).as("C=%s vs the Newton-polished optimum", c.get("C")).isLessThan(1e-8);
            // scikit-learn's lbfgs stops lbfgs_rel away from the optimum (scipy's ftol): within that, not closer
            assertThat(lbfgs).as("C=%s vs sklearn lbfgs", c.get("C"))
                    .isLessThan(1.01 * c.get("lbfgs_rel").asDouble() + 1e-8);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void lassoAndElasticNetMatchScikitLearn(String name) {
        Backend b = Backends.named(name);
        List<JsonNode> cases = new ArrayList<>();
        SK.get("lasso").forEach(cases::add);
        SK.get("elastic_net").forEach(cases::add);
        for (JsonNode c : cases) {
            double l1 = c.has("l1_ratio") ? c.get("l1_ratio").asDouble() : 1;
            // sklearn's 1/(2n)·RSS + alpha·l1_ratio·|w|₁ + alpha·(1 − l1_ratio)/2·|w|² is Linea's (λ = alpha, α = l1_ratio)
            ElasticNetOptions o = ElasticNetOptions.elasticNet(l1).withLambdas(new double[] {c.get("alpha").asDouble()})
                    .withStandardize(false);
            ElasticNetPath p = new ElasticNet(o, b).fit(design(0, null));
            assertThat(p.certificate(0).met()).isTrue();
            double err = relError(p.intercept(0), p.coefficients(0), c.get("intercept").asDouble(),
                    GoldenFiles.doubles(c.get("coef")));
            assertThat(err).as("alpha=%s l1_ratio=%s", c.get("alpha"), l1).isLessThan(1e-8);
            assertThat(p.nonZero(0)).isEqualTo(countNonZero(GoldenFiles.doubles(c.get("coef"))));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ridgeMatchesScikitLearnSparseCg(String name) {
        Backend b = Backends.named(name);
        for (JsonNode c : SK.get("ridge")) {
            RidgeResult r = new Ridge(RidgeOptions.defaults().withAlpha(c.get("alpha").asDouble()), b)
                    .fit(design(0, null));
            assertThat(r.report().certificate().met()).isTrue();
            assertThat(relError(r.model().intercept(), r.model().coefficients(), c.get("intercept").asDouble(),
                    GoldenFiles.doubles(c.get("coef")))).as("alpha=%s", c.get("alpha")).isLessThan(1e-9);
            assertThat(relError(r.model().intercept(), r.model().coefficients(),
                    c.get("intercept_exact").asDouble(), GoldenFiles.doubles(c.get("coef_exact"))))
                    .as("alpha=%s exact", c.get("alpha")).isLessThan(1e-9);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void poissonMatchesScikitLearnAndGlmnet(String name) {
        Backend b = Backends.named(name);
        for (JsonNode c : SK.get("poisson")) {
            double alpha = c.get("alpha").asDouble();
            GlmResult r = new GeneralizedLinearModel(GlmOptions.of(new Poisson()).withAlpha(alpha).withTolerance(1e-12),
                    b).fit(design(2, null));
            assertThat(r.report().converged()).isTrue();
            assertThat(relError(r.intercept(), r.coefficientArray(), c.get("intercept_exact").asDouble(),
                    GoldenFiles.doubles(c.get("coef_exact")))).as("alpha=%s exact", alpha).isLessThan(1e-8);
            assertThat(relError(r.intercept(), r.coefficientArray(), c.get("intercept").asDouble(),
                    GoldenFiles.doubles(c.get("coef")))).as("alpha=%s sklearn lbfgs", alpha)
                    .isLessThan(1.01 * c.get("lbfgs_rel").asDouble() + 1e-8);
        }
        // glmnet's −loglik/n + λ/2·|β|² (alpha = 0, standardize = FALSE) is the same objective with α = λ
        Csv g = Csv.read("sparse/glmnet_poisson_ridge.csv");
        for (int k = 0; k < g.rows(); k++) {
            GlmResult r = new GeneralizedLinearModel(GlmOptions.of(new Poisson()).withAlpha(g.lambda(k))
                    .withTolerance(1e-12), b).fit(design(2, null));
            assertThat(relError(r.intercept(), r.coefficientArray(), g.a0(k), g.beta(k)))
                    .as("glmnet poisson lambda=%s", g.lambda(k)).isLessThan(1e-8);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gaussianLassoMatchesGlmnetOnDgCMatrix(String name) {
        Backend b = Backends.named(name);
        double[] w = new double[X.rows()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + (i % 4) / 2.0;
        }
        for (String file : new String[] {"glmnet_gaussian_lasso", "glmnet_gaussian_lasso_std",
                "glmnet_gaussian_lasso_w"}) {
            Csv g = Csv.read("sparse/" + file + ".csv");
            ElasticNetOptions o = ElasticNetOptions.lasso().withLambdas(g.lambdas())
                    .withStandardize(file.endsWith("_std"));
            ElasticNetPath p = new ElasticNet(o, b).fit(design(0, file.endsWith("_w") ? w : null));
            for (int k = 0; k < g.rows(); k++) {
                assertThat(p.certificate(k).met()).isTrue();
                assertThat(relError(p.intercept(k), p.coefficients(k), g.a0(k), g.beta(k)))
                        .as("%s lambda=%s", file, g.lambda(k)).isLessThan(1e-8);
                assertThat(p.nonZero(k)).as("%s lambda=%s", file, g.lambda(k)).isEqualTo(countNonZero(g.beta(k)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void l1LogisticMatchesGlmnetBinomial(String name) {
        Backend b = Backends.named(name);
        Csv g = Csv.read("sparse/glmnet_binomial_lasso.csv");
        for (int k = 0; k < g.rows(); k++) {
            // glmnet's −loglik/n + λ·|β|₁ times 1/λ is C·Σℓ + |β|₁ with C = 1/(n·λ). tol 1e-8: the one-hot blocks
            // plus the intercept make the Hessian singular, and the minimum-norm subgradient then stalls between
            // 1e-9 and 1e-10 (dense fits alike: the same iterates), while the coefficients are 1e-9 from glmnet's
            LogisticOptions o = LogisticOptions.defaults().withPenalty(Penalty.L1)
                    .withC(1 / (X.rows() * g.lambda(k))).withTol(1e-8).withMaxIterations(1000);
            LogisticModel m = new LogisticRegression(o, b).fit(design(1, null)).model();
            assertThat(m.report().converged()).isTrue();
            assertThat(relError(m.intercept(), m.coefficients(), g.a0(k), g.beta(k)))
                    .as("glmnet binomial lambda=%s", g.lambda(k)).isLessThan(1e-7);
        }
    }

    private static int countNonZero(double[] v) {
        return (int) Arrays.stream(v).filter(x -> x != 0).count();
    }

    /** A glmnet path file: lambda, a0, b1..bp per row. */
    private record Csv(double[][] rowsOf) {
        static Csv read(String path) {
            List<double[]> rows = new ArrayList<>();
            for (String line : lines(path).subList(1, lines(path).size())) {
                rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            return new Csv(rows.toArray(new double[0][]));
        }

        int rows() {
            return rowsOf.length;
        }

        double lambda(int k) {
            return rowsOf[k][0];
        }

        double[] lambdas() {
            return Arrays.stream(rowsOf).mapToDouble(r -> r[0]).toArray();
        }

        double a0(int k) {
            return rowsOf[k][1];
        }

        double[] beta(int k) {
            return Arrays.copyOfRange(rowsOf[k], 2, rowsOf[k].length);
        }
    }

    static List<String> lines(String path) {
        try (BufferedReader rd = new BufferedReader(new InputStreamReader(GoldenFiles.resource(path),
                StandardCharsets.UTF_8))) {
            return rd.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LIBSVM text (label then 1-based index:value pairs, ascending) into CSR; the labels are not kept. */
    static CsrMatrix readLibSvm(String path, int cols) {
        List<String> ls = lines(path);
        int[] rowPtr = new int[ls.size() + 1];
        List<Integer> idx = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (int i = 0; i < ls.size(); i++) {
            String[] parts = ls.get(i).trim().split(" ");
            for (int t = 1; t < parts.length; t++) {
                int colon = parts[t].indexOf(':');
                idx.add(Integer.parseInt(parts[t].substring(0, colon)) - 1);
                val.add(Double.parseDouble(parts[t].substring(colon + 1)));
            }
            rowPtr[i + 1] = idx.size();
        }
        return new CsrMatrix(ls.size(), cols, rowPtr, idx.stream().mapToInt(Integer::intValue).toArray(),
                val.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** targets.csv: gaussian, label, count per row, as three arrays. */
    static double[][] readTargets(String path) {
        List<String> ls = lines(path);
        double[][] t = new double[3][ls.size() - 1];
        for (int i = 1; i < ls.size(); i++) {
            String[] p = ls.get(i).split(",");
            for (int c = 0; c < 3; c++) {
                t[c][i - 1] = Double.parseDouble(p[c]);
            }
        }
        return t;
    }
}
