package dev.linea.cli;

import dev.linea.models.Dataset;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code linea cv}: K-fold cross-validation. The lasso and elastic net cross-validate their whole λ path (cv.glmnet's
 * lambda.min and lambda.1se); every other model is fitted K times, each on all folds but one, and scored on the fold
 * it did not see ({@link CrossValidation}).
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "K-fold cross-validation. lasso, elasticnet: mean squared error and its standard error per λ, "
                + "lambda.min and lambda.1se (cv.glmnet's), and the coefficients at both. Any other model (with its "
                + "own options, as fit takes them): the held-out metrics of each fold and their mean ± sd "
                + "(folds stratified by class for logistic and softmax).")
final class CvCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;
    @Mixin
    BackendOption backend;
    @Mixin
    EstimatorOptions est;
    @Mixin
    TableOptions table;

    @Mixin
    Progress.Option progress;

    @Mixin
    SparseOptions sparse;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "Model: ${COMPLETION-CANDIDATES} (default lasso).")
    Estimator model = Estimator.lasso;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (sparse.active()) { // a LIBSVM file or hashed text columns: folds of CSR rows, never densified
            return SparseCv.run(this);
        }
        if (model != Estimator.lasso && model != Estimator.elasticnet) {
            return CrossValidation.run(model, data, table, backend, est, EstimatorOptions.given(spec), json,
                    progress);
        }
        List<String> takes = new ArrayList<>(List.of("--no-intercept", "--n-lambda", "--folds", "--seed", "--tol",
                "--max-iter"));
        if (model == Estimator.elasticnet) {
            takes.add("--l1-ratio");
        }
        Estimator.checkOnly("linea cv --model " + model, takes, EstimatorOptions.given(spec));
        Dataset d = table.load(data, model, est).data();
        est.requirePathFits(d.cols(), est.folds + 1);
        long seed = est.seedOrDefault();
        Progress bar = progress.start("linea cv " + model + ", " + est.folds + " folds");
        ElasticNetCVResult r;
        try {
            r = new ElasticNetCV(est.elasticNet(model == Estimator.lasso), est.folds, seed,
                    backend.resolve()).fit(d);
        } finally {
            bar.done();
        }
        return pathReport(model, data.data, est.folds, seed, r, json, false);
    }

    /**
     * Prints the path cross-validation (the same text and JSON for dense and sparse inputs): per λ the
     * cross-validated mean squared error, its standard error and the non-zero count; λ_min and λ_1se; the
     * coefficients at both (JSON).
     *
     * @param nonZeroOnly list only the non-zero coefficients at λ_min and λ_1se (sparse inputs: 2^20 hashed
     *                    columns would otherwise be listed one by one); dense inputs list every feature
     * @return 0, or 1 when a fold's path did not converge
     */
    static int pathReport(Estimator model, String source, int folds, long seed, ElasticNetCVResult r, boolean json,
                          boolean nonZeroOnly) {
        double[] cvm = r.meanError();
        double[] cvsd = r.standardError();
        for (int k = 0; k < cvm.length; k++) {
            FiniteOutput.metric("cross-validated MSE at λ " + r.path().lambda(k), cvm[k]);
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", model.name());
            root.put("folds", folds);
            root.put("seed", seed);
            root.put("lambda_min", r.lambdaMin());
            root.put("lambda_1se", r.lambda1se());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int k = 0; k < cvm.length; k++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("lambda", r.path().lambda(k));
                s.put("mse", cvm[k]);
                s.put("se", cvsd[k]);
                s.put("nonzero", r.path().nonZero(k));
                rows.add(s);
            }
            root.put("cv", rows);
            root.put("coefficients_min", coefficients(r.path(), r.lambdaMinIndex(), nonZeroOnly));
            root.put("coefficients_1se", coefficients(r.path(), r.lambda1seIndex(), nonZeroOnly));
            if (nonZeroOnly) {
                root.put("features", r.path().features());
            }
            System.out.println(Json.write(root));
            return r.converged() ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "%s, %d-fold cross-validation on %s (seed %d)%n", model, folds, source,
                seed);
        System.out.printf(Locale.ROOT, "%14s %14s %12s %8s%n", "lambda", "mse", "se", "nonzero");
        for (int k = 0; k < cvm.length; k++) {
            String mark = k == r.lambdaMinIndex() ? "  <- lambda.min" : k == r.lambda1seIndex() ? "  <- lambda.1se" : "";
            System.out.printf(Locale.ROOT, "%14.6g %14.6g %12.4g %8d%s%n", r.path().lambda(k), cvm[k], cvsd[k],
                    r.path().nonZero(k), mark);
        }
        System.out.printf(Locale.ROOT, "lambda.min %.6g (%d non-zero), lambda.1se %.6g (%d non-zero)%n",
                r.lambdaMin(), r.path().nonZero(r.lambdaMinIndex()), r.lambda1se(),
                r.path().nonZero(r.lambda1seIndex()));
        return r.converged() ? 0 : 1;
    }

    /** The intercept and the coefficients (every one, or the non-zero ones) of the path's k-th λ, by name. */
    private static Map<String, Object> coefficients(dev.linea.models.lasso.ElasticNetPath path, int k,
                                                    boolean nonZeroOnly) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("(intercept)", path.intercept(k));
        List<String> names = path.featureNames();
        if (nonZeroOnly) {
            int[] idx = path.nonZeroIndices(k);
            double[] val = path.nonZeroValues(k);
            for (int t = 0; t < idx.length; t++) {
                c.put(names.get(idx[t]), val[t]);
            }
            return c;
        }
        for (int j = 0; j < path.features(); j++) {
            c.put(names.get(j), path.coefficient(k, j));
        }
        return c;
    }
}
