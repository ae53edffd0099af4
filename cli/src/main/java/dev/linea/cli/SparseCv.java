package dev.linea.cli;

import dev.linea.kernels.Backend;
import dev.linea.models.SparseDesign;

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
 * lasso and the elastic net are cross-validated at the fixed {@code --lambda} (their path cross-validation runs on
 * dense inputs only).
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
        Set<String> checked = CrossValidation.modelOptions(given);
        c.model.check(checked, c.est);
        c.model.checkSparseOptions(checked, input);
        SparseFit.refuseData(c.data, c.table, c.sparse, input, c.model);
        int k = CrossValidation.requireFolds(c.est.folds);
        Path file = Path.of(c.data.data);
        String embedded = SparseFit.embeddedText(c.data.data);
        if (embedded == null) {
            UserFiles.requireReadable(file, "DATA");
        }
        SparseFit.Input in = SparseFit.read(c.sparse, c.data, c.model, file, embedded);
        try {
            return run(c, in, k);
        } catch (IllegalArgumentException e) {
            throw SparseFit.withLine(e, file, c.sparse.libsvm());
        }
    }

    private static int run(CvCommand c, SparseFit.Input in, int k) {
        SparseFit.Rows all = in.rows();
        CrossValidation.requireFolds(k, all.y().length);
        long seed = c.est.seed == null ? 42 : c.est.seed;
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
