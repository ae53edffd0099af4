package dev.linea.models.lasso;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation of an {@link ElasticNet} path, with cv.glmnet's definitions (Gaussian, mean squared
 * error, grouped by fold).
 *
 * <p>The λ sequence is the full data's path. For each fold f, the path is refitted on the other folds at those
 * λ and the held-out weighted mean squared error is e_f(λ) = Σ_{i∈f} w_i·(y_i − ŷ_i(λ))² / W_f, W_f = Σ_{i∈f} w_i.
 * Then, with K folds:
 * <pre>
 *   cvm(λ)  = Σ_f W_f·e_f(λ) / Σ_f W_f
 *   cvsd(λ) = sqrt( (Σ_f W_f·(e_f(λ) − cvm(λ))² / Σ_f W_f) / (K − 1) )
 *   λ_min   = the largest λ with the smallest cvm
 *   λ_1se   = the largest λ with cvm(λ) ≤ cvm(λ_min) + cvsd(λ_min)
 * </pre>
 * The model at either choice is the full-data fit at that λ (as in cv.glmnet: the path is already the refit).
 */
public final class ElasticNetCV {
    private final ElasticNetOptions options;
    private final Backend backend;
    private final int folds;
    private final long seed;

    /**
     * @param folds number of folds, ≥ 2, used by {@link #fit(Dataset)}
     * @param seed  seed of the shuffle that assigns rows to folds
     */
    public ElasticNetCV(ElasticNetOptions options, int folds, long seed) {
        this(options, folds, seed, Backends.defaultBackend());
    }

    public ElasticNetCV(ElasticNetOptions options, int folds, long seed, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
        if (folds < 2) {
            throw new IllegalArgumentException("folds is " + folds + ", expected at least 2");
        }
        this.folds = folds;
        this.seed = seed;
    }

    /**
     * Fold ids as cv.glmnet draws them: row i gets (i mod K), then the ids are shuffled (Fisher–Yates with a
     * {@link SplittableRandom} of the seed), so fold sizes differ by at most one.
     *
     * @return n fold ids in [0, K)
     */
    public static int[] shuffledFolds(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("folds is " + k + ", expected a value in [2, n = " + n + "]");
        }
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i % k;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = id[i];
            id[i] = id[j];
            id[j] = t;
        }
        return id;
    }

    /**
     * Fits from a design: its rows (a view of the caller's X, y and sample weights; never copied) and its implicit
     * intercept, which must be the options' {@code fitIntercept}. The design must carry no affine map and no
     * offsets: this estimator fits the data as given (its own centring, if any, is done in cache).
     * Equivalent to {@link #fit(Dataset)} on the dataset the design views.
     *
     * @param design not modified; its arrays are read, not copied
     * @throws IllegalArgumentException when the design's intercept is not the options', or it carries an affine
     *                                  map or offsets, or its X is not a whole row-major array; and as
     *                                  {@link #fit(Dataset)}
     */
    public ElasticNetCVResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("elastic net cross-validation", options.fitIntercept(), false));
    }

    /** Cross-validates with seeded folds. */
    public ElasticNetCVResult fit(Dataset data) {
        if (folds > data.rows()) {
            throw new IllegalArgumentException("folds is " + folds + ", expected at most the " + data.rows()
                    + " rows");
        }
        return fit(data, shuffledFolds(data.rows(), folds, seed));
    }

    /**
     * Cross-validates with the given folds (cv.glmnet's {@code foldid}, 0-based here).
     *
     * @param foldIds one id per row in [0, K), every fold non-empty, K ≥ 2; not modified (copied)
     */
    public ElasticNetCVResult fit(Dataset data, int[] foldIds) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(foldIds, "foldIds");
        int n = data.rows();
        int p = data.cols();
        int k = checkFolds(foldIds, n);

        ElasticNetPath full = new ElasticNet(options, backend).fit(data);
        double[] lambdas = full.lambdas();
        int m = lambdas.length;
        ElasticNetOptions foldOptions = options.withLambdas(lambdas);
        double[][] err = new double[k][m];
        double[] foldWeight = new double[k];
        double[] x = data.xUnsafe();
        boolean allConverged = full.report().converged();
        for (int f = 0; f < k; f++) {
            Dataset train = subset(data, foldIds, f, false);
            ElasticNetPath path = new ElasticNet(foldOptions, backend).fit(train);
            allConverged &= path.report().converged();
            double wf = 0;
            for (int i = 0; i < n; i++) {
                if (foldIds[i] == f) {
                    wf += data.weight(i);
                }
            }
            foldWeight[f] = wf;
            for (int l = 0; l < m; l++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    if (foldIds[i] != f) {
                        continue;
                    }
                    double e = data.y(i) - path.predict(l, x, i * p);
                    s += data.weight(i) * e * e;
                }
                err[f][l] = s / wf;
            }
        }
        return summarize(full, err, foldWeight, foldIds.clone(), allConverged);
    }

    /**
     * Cross-validates on a sparse design with seeded folds ({@link #shuffledFolds}: the same folds as
     * {@link #fit(Dataset)} gives the densified data with the same K and seed).
     *
     * @param design not modified; see {@link #fit(dev.linea.models.SparseDesign, int[])}
     * @throws IllegalArgumentException when K exceeds the rows; and as {@link #fit(dev.linea.models.SparseDesign, int[])}
     */
    public ElasticNetCVResult fit(dev.linea.models.SparseDesign design) {
        Objects.requireNonNull(design, "design");
        if (folds > design.rows()) {
            throw new IllegalArgumentException("folds is " + folds + ", expected at most the " + design.rows()
                    + " rows");
        }
        return fit(design, shuffledFolds(design.rows(), folds, seed));
    }

    /**
     * Cross-validates on a sparse design (a LIBSVM file, hashed columns) with the given folds, never densifying
     * it: the full path by {@link ElasticNet#fit(dev.linea.models.SparseDesign)} (covariance-free coordinate
     * descent on CSC, centring and scaling implicit) gives the λ sequence; each fold's training rows are copied
     * into a CSR matrix of their own and fitted at those λ (warm-started along the path, as every path is); the
     * held-out rows are scored from each λ's non-zero coefficients. The definitions of cvm, cvsd, λ_min and λ_1se
     * are the class's, so the result equals {@link #fit(Dataset, int[])} on the densified data to the solvers'
     * tolerance.
     *
     * <p>Memory beyond the design: one fold's training rows (at most the design's non-zeros) and its path's
     * workspace (as {@link ElasticNet#fit(dev.linea.models.SparseDesign)}), one dense vector of the p coefficients
     * reused for every λ, and K × (number of λ) errors.
     *
     * @param design  X (CSR), y, optional weights; no offsets and no affine map (the elastic net centres and scales
     *                itself); its intercept is the fit's when it differs from the options' (as
     *                {@link ElasticNet#fit(dev.linea.models.SparseDesign)}, which reads the options'); not modified
     * @param foldIds one id per row in [0, K), every fold non-empty, K ≥ 2; not modified (copied)
     * @throws IllegalArgumentException for bad fold ids, a design with offsets or an affine map, or a fold whose
     *                                  held-out rows all weigh zero
     */
    public ElasticNetCVResult fit(dev.linea.models.SparseDesign design, int[] foldIds) {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(foldIds, "foldIds");
        int n = design.rows();
        int p = design.cols();
        int k = checkFolds(foldIds, n);

        ElasticNetPath full = new ElasticNet(options, backend).fit(design);
        double[] lambdas = full.lambdas();
        int m = lambdas.length;
        ElasticNetOptions foldOptions = options.withLambdas(lambdas);
        double[][] err = new double[k][m];
        double[] foldWeight = new double[k];
        boolean allConverged = full.report().converged();
        dev.linea.kernels.sparse.CsrMatrix x = design.matrix();
        int[] rp = x.rowPtrUnsafe();
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        double[] y = design.yUnsafe();
        double[] beta = new double[p]; // one λ's coefficients scattered, then cleared at the same entries
        for (int f = 0; f < k; f++) {
            dev.linea.models.SparseDesign train = subset(design, foldIds, f);
            ElasticNetPath path = new ElasticNet(foldOptions, backend).fit(train);
            allConverged &= path.report().converged();
            double wf = 0;
            for (int i = 0; i < n; i++) {
                if (foldIds[i] == f) {
                    wf += design.weight(i);
                }
            }
            if (!(wf > 0)) {
                throw new IllegalArgumentException("fold " + f + "'s held-out rows weigh " + wf
                        + " in all, expected a positive weight (its mean squared error is undefined)");
            }
            foldWeight[f] = wf;
            for (int l = 0; l < m; l++) {
                int[] idx = path.nonZeroIndices(l);
                double[] val = path.nonZeroValues(l);
                for (int t = 0; t < idx.length; t++) {
                    beta[idx[t]] = val[t];
                }
                double b0 = path.intercept(l);
                double s = 0;
                for (int i = 0; i < n; i++) {
                    if (foldIds[i] != f) {
                        continue;
                    }
                    double eta = b0;
                    for (int t = rp[i]; t < rp[i + 1]; t++) {
                        eta += xv[t] * beta[ci[t]];
                    }
                    double e = y[i] - eta;
                    s += design.weight(i) * e * e;
                }
                err[f][l] = s / wf;
                for (int j : idx) {
                    beta[j] = 0;
                }
            }
        }
        return summarize(full, err, foldWeight, foldIds.clone(), allConverged);
    }

    /** The rows of the design outside fold {@code fold}, as a design of their own (a new CSR matrix). */
    private static dev.linea.models.SparseDesign subset(dev.linea.models.SparseDesign d, int[] foldIds, int fold) {
        dev.linea.kernels.sparse.CsrMatrix x = d.matrix();
        int[] rp = x.rowPtrUnsafe();
        int rows = 0;
        long nnz = 0;
        for (int i = 0; i < foldIds.length; i++) {
            if (foldIds[i] != fold) {
                rows++;
                nnz += rp[i + 1] - rp[i];
            }
        }
        // at most the design's own non-zeros, which fit one array
        int[] ptr = new int[rows + 1];
        int[] idx = new int[(int) nnz];
        double[] val = new double[(int) nnz];
        double[] y = new double[rows];
        double[] w = d.weightsUnsafe() == null ? null : new double[rows];
        int[] ci = x.indicesUnsafe();
        double[] xv = x.valuesUnsafe();
        double[] ys = d.yUnsafe();
        int r = 0;
        for (int i = 0; i < foldIds.length; i++) {
            if (foldIds[i] == fold) {
                continue;
            }
            int len = rp[i + 1] - rp[i];
            System.arraycopy(ci, rp[i], idx, ptr[r], len);
            System.arraycopy(xv, rp[i], val, ptr[r], len);
            ptr[r + 1] = ptr[r] + len;
            y[r] = ys[i];
            if (w != null) {
                w[r] = d.weight(i);
            }
            r++;
        }
        return dev.linea.models.SparseDesign.of(new dev.linea.kernels.sparse.CsrMatrix(rows, x.cols(), ptr, idx, val),
                y, w, d.featureNames(), d.targetName(), d.intercept());
    }

    /**
     * Cross-validates from the moments of each fold (gathered in one pass by a distributed engine, say): the path
     * on all folds pooled, then for each fold f the path at the same λ on the other folds pooled
     * ({@link dev.linea.models.SufficientStatistics#combine}) and its mean squared error on fold f computed from fold f's moments
     * ({@link dev.linea.models.SufficientStatistics#sumOfSquaredErrors}) — the same folds, λ sequence, weighting and λ choices as
     * {@link #fit(Dataset, int[])}, with the covariance method. The result's {@code foldIds()} is empty (the rows
     * were never seen).
     *
     * @param folds K ≥ 2 folds' moments, each of positive weight; not modified
     */
    public ElasticNetCVResult fit(List<dev.linea.models.SufficientStatistics> folds) {
        Objects.requireNonNull(folds, "folds");
        int k = folds.size();
        if (k < 2) {
            throw new IllegalArgumentException("folds hold " + k + " fold(s), expected at least 2");
        }
        ElasticNetPath full = new ElasticNet(options, backend).fit(dev.linea.models.SufficientStatistics.combine(folds));
        double[] lambdas = full.lambdas();
        int m = lambdas.length;
        ElasticNetOptions foldOptions = options.withLambdas(lambdas);
        double[][] err = new double[k][m];
        double[] foldWeight = new double[k];
        boolean allConverged = full.report().converged();
        for (int f = 0; f < k; f++) {
            List<dev.linea.models.SufficientStatistics> train = new java.util.ArrayList<>(folds);
            dev.linea.models.SufficientStatistics held = train.remove(f);
            ElasticNetPath path = new ElasticNet(foldOptions, backend).fit(
                    dev.linea.models.SufficientStatistics.combine(train));
            allConverged &= path.report().converged();
            foldWeight[f] = held.weightSum();
            for (int l = 0; l < m; l++) {
                err[f][l] = held.sumOfSquaredErrors(path.intercept(l), path.coefficients(l)) / foldWeight[f];
            }
        }
        return summarize(full, err, foldWeight, new int[0], allConverged);
    }

    /**
     * @return K, the number of folds the ids name
     * @throws IllegalArgumentException when there is not one id per row, an id is negative, a fold in 0..K−1 is
     *                                  empty, or K &lt; 2
     */
    private static int checkFolds(int[] foldIds, int n) {
        if (foldIds.length != n) {
            throw new IllegalArgumentException("foldIds has " + foldIds.length + " values, expected " + n
                    + " (one per row)");
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (foldIds[i] < 0) {
                throw new IllegalArgumentException("foldIds[" + i + "] is " + foldIds[i] + ", expected >= 0");
            }
            k = Math.max(k, foldIds[i] + 1);
        }
        int[] size = new int[k];
        for (int id : foldIds) {
            size[id]++;
        }
        for (int f = 0; f < k; f++) {
            if (size[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " is empty, expected ids 0.." + (k - 1)
                        + " each used at least once");
            }
        }
        if (k < 2) {
            throw new IllegalArgumentException("foldIds hold 1 fold, expected at least 2");
        }
        return k;
    }

    /** cv.glmnet's weighted mean error per λ, its standard error, and the λ.min / λ.1se choices. */
    private static ElasticNetCVResult summarize(ElasticNetPath full, double[][] err, double[] foldWeight,
                                                int[] foldIds, boolean allConverged) {
        int k = err.length;
        int m = full.lambdas().length;
        double totalWeight = 0;
        for (double v : foldWeight) {
            totalWeight += v;
        }
        double[] cvm = new double[m];
        double[] cvsd = new double[m];
        for (int l = 0; l < m; l++) {
            double mean = 0;
            for (int f = 0; f < k; f++) {
                mean += foldWeight[f] * err[f][l];
            }
            mean /= totalWeight;
            double var = 0;
            for (int f = 0; f < k; f++) {
                double d = err[f][l] - mean;
                var += foldWeight[f] * d * d;
            }
            cvm[l] = mean;
            cvsd[l] = Math.sqrt(var / totalWeight / (k - 1));
        }
        // λ is decreasing: the first index reaching a value is the largest λ reaching it
        int iMin = 0;
        for (int l = 1; l < m; l++) {
            if (cvm[l] < cvm[iMin]) {
                iMin = l;
            }
        }
        double bound = cvm[iMin] + cvsd[iMin];
        int i1se = iMin;
        for (int l = 0; l < m; l++) {
            if (cvm[l] <= bound) {
                i1se = l;
                break;
            }
        }
        return new ElasticNetCVResult(full, cvm, cvsd, iMin, i1se, foldIds, allConverged);
    }

    private static Dataset subset(Dataset d, int[] foldIds, int fold, boolean inFold) {
        int n = d.rows();
        int p = d.cols();
        int count = 0;
        for (int id : foldIds) {
            count += (id == fold) == inFold ? 1 : 0;
        }
        double[] x = new double[count * p];
        double[] y = new double[count];
        double[] w = d.weighted() ? new double[count] : null;
        double[] src = d.xUnsafe();
        int r = 0;
        for (int i = 0; i < n; i++) {
            if ((foldIds[i] == fold) != inFold) {
                continue;
            }
            System.arraycopy(src, i * p, x, r * p, p);
            y[r] = d.y(i);
            if (w != null) {
                w[r] = d.weight(i);
            }
            r++;
        }
        return Dataset.of(count, p, x, y, w, d.featureNames(), d.targetName());
    }
}
