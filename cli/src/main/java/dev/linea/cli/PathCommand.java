package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.SparseDesign;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code linea path}: the whole lasso / elastic-net regularization path, on a dense CSV or a sparse input (a LIBSVM
 * file, hashed text columns: fitted on CSR rows by {@link ElasticNet#fit(SparseDesign)}, never densified). The JSON
 * lists each λ's non-zero coefficients only, as a model file stores sparse coefficients: {@code size} (the feature
 * count), {@code indices} (0-based, increasing), {@code values} and {@code names}.
 */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = "Fit the whole lasso or elastic-net path (glmnet's λ sequence) and print λ, the number of "
                + "non-zero coefficients and the deviance ratio per λ (--json: each λ's non-zero coefficients too). "
                + "A dense CSV, a LIBSVM file (--format libsvm) or hashed text columns (--hash COL:BITS).")
final class PathCommand implements Callable<Integer> {
    enum Model { lasso, elasticnet }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;
    @Mixin
    EstimatorOptions est;

    @Mixin
    Progress.Option progress;

    @Mixin
    SparseOptions sparse;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "lasso (default) or elasticnet.")
    Model model = Model.lasso;

    @Option(names = "--json", description = "Print JSON with each λ's non-zero coefficients.")
    boolean json;

    @Override
    public Integer call() {
        List<String> takes = new ArrayList<>(List.of("--no-intercept", "--n-lambda", "--tol", "--max-iter"));
        if (model == PathCommand.Model.elasticnet) {
            takes.add("--l1-ratio");
        }
        boolean isSparse = sparse.active();
        Estimator e = model == Model.lasso ? Estimator.lasso : Estimator.elasticnet;
        Estimator.checkOnly("linea path --model " + model + (isSparse ? " on sparse inputs (" + sparse.describe()
                + ")" : ""), takes, EstimatorOptions.given(spec));
        ElasticNetOptions options = est.elasticNet(model == Model.lasso);
        ElasticNetPath p;
        int rows;
        if (isSparse) { // CSR rows, fitted by covariance-free coordinate descent on CSC: never densified
            String input = sparse.describe();
            SparseFit.refuseData(data, null, sparse, input, e);
            est.requireSparsePathFits(1);
            Path file = Path.of(data.data);
            SparseFit.Input in = SparseFit.read(sparse, data, e);
            Progress bar = progress.start("linea path " + model + " (sparse)");
            try {
                SparseDesign d = SparseFit.design(in, in.rows(), !est.noIntercept);
                rows = d.rows();
                p = new ElasticNet(options, backend.resolve()).fit(d);
            } catch (IllegalArgumentException x) {
                throw SparseFit.withLine(x, file, sparse.libsvm());
            } finally {
                bar.done();
            }
        } else {
            Dataset d = data.load(true, !est.noIntercept).data(); // penalized: full coding of categorical columns
            est.requirePathFits(d.cols(), 1);
            rows = d.rows();
            Progress bar = progress.start("linea path " + model);
            try {
                p = new ElasticNet(options, backend.resolve()).fit(d);
            } finally {
                bar.done();
            }
        }
        for (int k = 0; k < p.size(); k++) {
            FiniteOutput.metric("λ of step " + (k + 1), p.lambda(k));
            FiniteOutput.metric("deviance ratio of step " + (k + 1), p.devianceRatio(k));
        }
        if (json) {
            System.out.println(Json.write(toJson(model.name(), p)));
            return p.report().converged() ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "%s path on %s: %d λ values, %d rows, %d features%n", model, data.data,
                p.size(), rows, p.features());
        System.out.printf(Locale.ROOT, "%5s %14s %8s %10s%n", "step", "lambda", "nonzero", "dev.ratio");
        for (int k = 0; k < p.size(); k++) {
            System.out.printf(Locale.ROOT, "%5d %14.6g %8d %10.4f%s%n", k + 1, p.lambda(k), p.nonZero(k),
                    p.devianceRatio(k), p.converged(k) ? "" : "  NOT converged");
        }
        System.out.println(p.report());
        return p.report().converged() ? 0 : 1;
    }

    /**
     * The path as JSON, one format for dense and sparse inputs: the feature count, then per λ its non-zero
     * coefficients only ({@code size}, 0-based increasing {@code indices}, {@code values}, {@code names}: the
     * shape of a model file's sparse coefficients), so that a path over 2^20 hashed columns costs its non-zeros.
     */
    static Map<String, Object> toJson(String model, ElasticNetPath p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("features", p.features());
        List<String> names = p.featureNames();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int k = 0; k < p.size(); k++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("lambda", p.lambda(k));
            s.put("nonzero", p.nonZero(k));
            s.put("deviance_ratio", p.devianceRatio(k));
            s.put("intercept", p.intercept(k));
            int[] idx = p.nonZeroIndices(k);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("size", p.features());
            c.put("indices", idx);
            c.put("values", p.nonZeroValues(k));
            List<String> nz = new ArrayList<>(idx.length);
            for (int j : idx) {
                nz.add(names.get(j));
            }
            c.put("names", nz);
            s.put("coefficients", c);
            s.put("converged", p.converged(k));
            steps.add(s);
        }
        root.put("path", steps);
        root.put("report", Reports.toMap(p.report()));
        return root;
    }
}
