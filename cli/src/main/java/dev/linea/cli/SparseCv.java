package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.SparseDesign;
import dev.linea.models.lasso.ElasticNetCV;
import dev.linea.models.lasso.ElasticNetCVResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code linea cv} on a sparse input (a LIBSVM file or hashed text columns): the rows are dealt into K folds as for
 * dense data (the same seeded, class-stratified assignment, so the same targets give the same folds), each fold's
 * training rows are copied into a CSR matrix of their own and fitted by the sparse estimator, and the fold is
 * scored with the sparse scorer; then the metrics' mean ± sd, printed as {@link CrossValidation} prints them. The
 * lasso and the elastic net with {@code --lambda} are cross-validated that way at the fixed λ; without it, their
 * whole path is ({@link ElasticNetCV#fit(SparseDesign)}: cv.glmnet's folds, λ grid, cvm, cvsd, λ_min and λ_1se, as
 * the dense {@code cv} computes and prints them).
 */
final class SparseCv {
    private SparseCv() {
    }

    static int run(CvCommand c) {
        String input = c.sparse.describe();
        Set<String> given = EstimatorOptions.given(c.spec);
        boolean modelGiven = c.spec.commandLine().getParseResult() != null
                && c.spec.commandLine().getParseResult().hasMatchedOption("--model");
        c.model.requireSparse(input, modelGiven);
        if ((c.model == Estimator.lasso || c.model == Estimator.elasticnet) && !given.contains("--lambda")) {
            return pathCv(c, input, given);
        }
        Set<String> checked = CrossValidation.modelOptions(given);
        c.model.check(checked, c.est);
        c.model.checkSparseOptions(checked, input);
        SparseFit.refuseData(c.data, c.table, c.sparse, input, c.model);
        int k = CrossValidation.requireFolds(c.est.folds);
        Path file = Path.of(c.data.data);
        SparseFit.Input in = SparseFit.read(c.sparse, c.data, c.model);
        try {
            return run(c, in, k);
        } catch (IllegalArgumentException e) {
            throw SparseFit.withLine(e, file, c.sparse.libsvm());
        }
    }

    /**
     * The lasso / elastic-net path cross-validation on CSR rows: the options the dense path CV takes, the same
     * folds ({@link ElasticNetCV#shuffledFolds}) for the same row count, K and seed.
     */
    private static int pathCv(CvCommand c, String input, Set<String> given) {
        List<String> takes = new ArrayList<>(List.of("--no-intercept", "--n-lambda", "--folds", "--seed", "--tol",
                "--max-iter"));
        if (c.model == Estimator.elasticnet) {
            takes.add("--l1-ratio");
        }
        Estimator.checkOnly("linea cv --model " + c.model + " on sparse inputs (" + input + ")", takes, given);
        SparseFit.refuseData(c.data, c.table, c.sparse, input, c.model);
        int k = CrossValidation.requireFolds(c.est.folds);
        c.est.requireSparsePathFits(k + 1);
        Path file = Path.of(c.data.data);
        SparseFit.Input in = SparseFit.read(c.sparse, c.data, c.model);
        long seed = c.est.seedOrDefault();
        ElasticNetCVResult r;
        Progress bar = c.progress.start("linea cv " + c.model + " (sparse path), " + k + " folds");
        try {
            CrossValidation.requireFolds(k, in.y().length);
            SparseDesign design = SparseFit.design(in, in.rows(), !c.est.noIntercept);
            r = new ElasticNetCV(c.est.elasticNet(c.model == Estimator.lasso), k, seed, c.backend.resolve())
                    .fit(design);
        } catch (IllegalArgumentException e) {
            throw SparseFit.withLine(e, file, c.sparse.libsvm());
        } finally {
            bar.done();
        }
        return CvCommand.pathReport(c.model, c.data.data, k, seed, r, c.json, true);
    }

    private static int run(CvCommand c, SparseFit.Input in, int k) {
        SparseFit.Rows all = in.rows();
        CrossValidation.requireFolds(k, all.y().length);
        long seed = c.est.seedOrDefault();
        Backend b = c.backend.resolve();
        int[] fold = HeldOut.folds(all.y(), k, seed, c.model.classifier());
        List<Map<String, Object>> perFold = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        boolean converged = true;
        Progress bar = c.progress.start("linea cv " + c.model + " (sparse), " + k + " folds");
        try {
            for (int f = 0; f < k; f++) {
                int[][] rows = CrossValidation.trainAndTest(fold, f);
                SparseFit.Rows train = all.take(rows[0]);
                SparseFit.Rows test = all.take(rows[1]);
                SparseDesign design = SparseFit.design(in, train, !c.est.noIntercept);
                Estimators.Fitted fitted;
                try {
                    fitted = SparseFit.fitModel(c.model, design, b, c.est, new LinkedHashMap<>());
                } catch (IllegalArgumentException e) {
                    throw SparseFit.inRows(e, rows[0]);
                }
                converged &= fitted.report().converged();
                FiniteOutput.coefficients(fitted.model());
                perFold.add(SparseFit.metrics(fitted, in.preprocessing(), test, "held-out prediction"));
                sizes.add(new int[] {rows[0].length, rows[1].length});
            }
        } finally {
            bar.done();
        }
        return CrossValidation.report(c.model, c.data.data, k, seed, perFold, sizes, converged, c.json);
    }
}
