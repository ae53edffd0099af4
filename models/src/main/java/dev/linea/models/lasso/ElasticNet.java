package dev.linea.models.lasso;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Certificate;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Lasso and elastic net by coordinate descent along a regularization path, in the manner of glmnet (Friedman,
 * Hastie, Tibshirani 2010).
 *
 * <h2>Objective</h2>
 * For each λ on the path, with sample weights w (all ones by default) and penalty factors pf:
 * <pre>
 *   minimize over b, β:  (1 / (2·Σw)) · Σ_i w_i·(y_i − b − x_iᵀβ)²  +  λ · Σ_j pf_j·( α·|β_j| + (1 − α)/2 · β_j² )
 * </pre>
 * α ∈ [0, 1] mixes l1 (α = 1: lasso) and l2 (α = 0: ridge); the intercept b is not penalized (b = 0 when
 * {@code fitIntercept} is false); pf_j ≥ 0 (0 = unpenalized) are rescaled to sum to p, as glmnet does. With
 * {@code standardize} (the default) the problem is solved on columns scaled to unit weighted variance (1/Σw
 * convention) and the penalty applies to those scaled coefficients; coefficients are returned on the original
 * scale (glmnet's {@code standardize = TRUE}).
 *
 * <h2>Mapping to glmnet and scikit-learn</h2>
 * <ul>
 *   <li>glmnet {@code (lambda, alpha)}: identical for the lasso (α = 1), for any options. For 0 &lt; α &lt; 1
 *   glmnet (Gaussian) standardizes y internally and so divides the ridge part by s_y = sqrt(Σw(y − ȳ)²/Σw): its
 *   fit at (λ_g, α_g) is this objective at λ = λ_g·(α_g + (1 − α_g)/s_y), α = α_g / (α_g + (1 − α_g)/s_y); see
 *   {@link #fromGlmnet}.</li>
 *   <li>scikit-learn {@code ElasticNet(alpha, l1_ratio)} / {@code Lasso(alpha)}: λ = alpha, α = l1_ratio, with
 *   {@code standardize = false} (scikit-learn does not scale x) and unit weights.</li>
 * </ul>
 *
 * <h2>Algorithm</h2>
 * Warm-started path from λ_max (the smallest λ with every penalized coefficient 0) down to λ_max·ratio, log
 * spaced (default 100 values, ratio 1e-4 when n ≥ p else 1e-2), or a user sequence; sequential strong rules with
 * KKT checks ({@link PathSolver}); covariance updates ({@link CovarianceWorkspace}, Gram matrix through the
 * backend) when p ≤ 500, or n &gt; 5p and p ≤ 4096, naive updates ({@link NaiveWorkspace}) otherwise; a Newton step
 * on the active set between full passes; each λ stops on its duality gap (≤ threshold × null deviance) and carries
 * a {@link Certificate}. A λ that does not meet the threshold within {@code maxPasses} is reported (per λ and in the
 * {@link FitReport}), never hidden.
 */
public final class ElasticNet {
    private static final System.Logger LOG = System.getLogger(ElasticNet.class.getName());
    /** Largest p for which AUTO builds the p×p Gram matrix when p &gt; 500 (4096² doubles = 128 MB). */
    static final int MAX_GRAM_P = 4096;

    private final ElasticNetOptions options;
    private final Backend backend;

    public ElasticNet(ElasticNetOptions options) {
        this(options, Backends.defaultBackend());
    }

    public ElasticNet(ElasticNetOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public ElasticNetOptions options() {
        return options;
    }

    /**
     * The Linea (λ, α) that reproduce glmnet's Gaussian fit at (λ_g, α_g) when glmnet standardizes y, i.e. for
     * any call of {@code glmnet(x, y, family = "gaussian")}: λ = λ_g·(α_g + (1 − α_g)/s_y),
     * α = α_g / (α_g + (1 − α_g)/s_y).
     *
     * @param sdY s_y = sqrt(Σw(y − ȳ)² / Σw) (about 0 without intercept: sqrt(Σw·y²/Σw − ȳ²) as well, glmnet
     *            always centres for it), &gt; 0
     * @return {λ, α}
     */
    public static double[] fromGlmnet(double lambdaGlmnet, double alphaGlmnet, double sdY) {
        if (!(sdY > 0)) {
            throw new IllegalArgumentException("sdY is " + sdY + ", expected > 0");
        }
        double factor = alphaGlmnet + (1 - alphaGlmnet) / sdY;
        return new double[] {lambdaGlmnet * factor, alphaGlmnet / factor};
    }

    /** An empty model (no column, no intercept) is misuse, as for every other estimator. */
    private void requireSomethingToFit(int columns, String what) {
        if (columns == 0 && !options.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the " + what + " has 0 columns and fitIntercept is "
                    + "false");
        }
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
    public ElasticNetPath fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("elastic net", options.fitIntercept(), false));
    }

    /**
     * Fits the whole path.
     *
     * @throws IllegalArgumentException when there is nothing to fit (no column and no intercept)
     */
    public ElasticNetPath fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long start = System.nanoTime();
        int n = data.rows();
        int p = data.cols();
        requireSomethingToFit(p, "dataset");
        double[] pf = penaltyFactors(p);
        Standardization st = new Standardization(data, options.fitIntercept(), options.standardize());
        requireFinite(st, data.featureNames(), "cd", start);
        List<String> notes = new ArrayList<>();
        ElasticNetOptions.Mode mode = options.mode();
        if (mode == ElasticNetOptions.Mode.AUTO) {
            // the Gram matrix costs n·p² once and 8·p² bytes: it pays when n is large against p, and p is capped
            // so that it stays within about 128 MB
            boolean covariance = p <= 500 || (n > 5L * p && p <= MAX_GRAM_P);
            mode = covariance ? ElasticNetOptions.Mode.COVARIANCE : ElasticNetOptions.Mode.NAIVE;
            notes.add("auto mode: " + (covariance
                    ? "covariance updates (p = " + p + " <= 500, or n = " + n + " > 5p and p <= " + MAX_GRAM_P + ")"
                    : "naive updates (p = " + p + " > 500, and n = " + n + " <= 5p or p > " + MAX_GRAM_P + ")"));
        }
        Workspace ws = mode == ElasticNetOptions.Mode.COVARIANCE
                ? new CovarianceWorkspace(data, st, backend) : new NaiveWorkspace(data, st, backend);
        return path(st, ws, pf, data.featureNames(), mode == ElasticNetOptions.Mode.COVARIANCE ? "Gram matrix"
                : "column-major copy", start, notes);
    }

    /**
     * Fits the whole path on a sparse design with the objective above, by covariance-free coordinate descent on
     * the columns ({@link SparseWorkspace}): glmnet's centring and scaling applied implicitly (X is never densified
     * nor filled in), the same strong rules, KKT checks, Newton steps and duality-gap certificate per λ as
     * {@link #fit(Dataset)}, so the same path as on the densified data. The mode option does not apply (there is no
     * Gram matrix of 2^20 columns).
     *
     * <p>Memory beyond the design: the CSC copy of X (12·nnz + 4·(p + 1) bytes, built once for this fit and
     * dropped after it), 7 double, 2 int and 3 boolean vectors of p and 3 double vectors of n, and the path itself
     * (sparse: 12 bytes per non-zero coefficient per λ) — at n = 1e6 rows × p = 2^20 columns × 30 non-zeros per row,
     * 1.29 × the CSR's bytes allocated by the whole fit.
     *
     * @param design X (CSR), y, optional sample weights; no offsets and no affine map (the lasso standardizes
     *               itself); not modified
     * @throws IllegalArgumentException when there is nothing to fit, or the design has offsets or an affine map
     */
    public ElasticNetPath fit(dev.linea.models.SparseDesign design) {
        Objects.requireNonNull(design, "design");
        if (design.offsetsUnsafe() != null || design.centre() != null || design.scale() != null) {
            throw new IllegalArgumentException("the sparse design has " + (design.offsetsUnsafe() != null
                    ? "offsets" : "an affine map") + ", expected neither: the elastic net takes no offsets and "
                    + "centres/scales the columns itself (options fitIntercept, standardize)");
        }
        long start = System.nanoTime();
        int p = design.cols();
        requireSomethingToFit(p, "sparse design");
        double[] pf = penaltyFactors(p);
        // the columns for this fit only: dropped with the workspace when the path is done, so that the caller's
        // CSR does not carry a second copy of itself afterwards
        dev.linea.kernels.sparse.CscMatrix columns = design.matrix().csc();
        Standardization st = new Standardization(design, columns, options.fitIntercept(), options.standardize());
        requireFinite(st, design.featureNames(), "cd-sparse", start);
        List<String> notes = new ArrayList<>();
        notes.add("sparse covariance-free updates on " + design.nonZeros() + " non-zeros (implicit centring)");
        Workspace ws = new SparseWorkspace(design, columns, st);
        // the backend's only work here is the Newton steps' Cholesky factorizations (q ≤ 400, a few per λ); the
        // scalar reference does them without allocating, where a blocked SIMD kernel, run too rarely to be
        // compiled, allocated packing panels and boxed vectors: about 0.5 × the CSR's bytes of garbage per path at
        // 1e6 × 2^20
        notes.add("Newton steps factorized by the scalar reference backend");
        return path(st, ws, pf, design.featureNames(), "column-compressed index", start, notes,
                Backends.named("scalar"));
    }

    /**
     * Fits the whole path from moments gathered elsewhere (a distributed pass, say) by the covariance method:
     * glmnet's standardization and coordinate descent on {@code G = X̃ᵀW̄X̃}, exactly as {@link #fit(Dataset)} in
     * {@link ElasticNetOptions.Mode#COVARIANCE} mode, whatever mode the options name (the naive method needs the
     * rows).
     *
     * @param stats the centred moments; not modified
     * @throws dev.linea.models.FitException when the moments are not finite
     */
    public ElasticNetPath fit(dev.linea.models.SufficientStatistics stats) {
        Objects.requireNonNull(stats, "stats");
        long start = System.nanoTime();
        requireSomethingToFit(stats.cols(), "moments");
        List<String> notes = new ArrayList<>();
        String bad = stats.nonFinite();
        if (bad != null) {
            throw notFinite(bad, "cd-covariance", start, notes);
        }
        double[] pf = penaltyFactors(stats.cols());
        Standardization st = new Standardization(stats, options.fitIntercept(), options.standardize());
        notes.add("covariance updates from moments (" + stats.rows() + " rows summed)");
        Workspace ws = new CovarianceWorkspace(stats, st, options.fitIntercept(), backend);
        return path(st, ws, pf, stats.featureNames(), "moments", start, notes);
    }

    /**
     * @throws dev.linea.models.FitException when a column's (or the target's) mean or spread overflowed (finite
     *                                       values too large to square), or a varying column's spread underflowed:
     *                                       a numerical failure rather than misuse
     */
    private void requireFinite(Standardization st, List<String> names, String solver, long start) {
        if (st.nonFinite >= 0) {
            throw notFinite(st.nonFinite == st.p ? "the target (its mean or its spread about it)"
                    : "column '" + names.get(st.nonFinite) + "' (its mean or its spread about it)", solver, start,
                    new ArrayList<>());
        }
        if (st.underflow >= 0) {
            String msg = "the spread of column '" + names.get(st.underflow) + "' underflows double precision when"
                    + " squared: it varies only by " + st.underflowSpread + " about its mean (below about 1e-154),"
                    + " so it would pass for a constant column; rescale the column";
            throw new dev.linea.models.FitException(msg, new FitReport(options.alpha() == 1 ? "lasso" : "elasticnet",
                    backend.name(), solver, 0, false, msg, null, Duration.ofNanos(System.nanoTime() - start),
                    new ArrayList<>()));
        }
    }

    private dev.linea.models.FitException notFinite(String at, String solver, long start, List<String> notes) {
        String msg = "the moments are not finite at " + at + ": the data overflow double precision when squared"
                + " (|x| beyond about 1e150), or hold NaN/Inf; rescale the column";
        return new dev.linea.models.FitException(msg, new FitReport(options.alpha() == 1 ? "lasso" : "elasticnet",
                backend.name(), solver, 0, false, msg, null, Duration.ofNanos(System.nanoTime() - start), notes));
    }

    private ElasticNetPath path(Standardization st, Workspace ws, double[] pf, List<String> names, String setup,
                                long start, List<String> notes) {
        return path(st, ws, pf, names, setup, start, notes, backend);
    }

    /** @param newton the backend of the Newton steps' Cholesky factorizations */
    private ElasticNetPath path(Standardization st, Workspace ws, double[] pf, List<String> names, String setup,
                                long start, List<String> notes, Backend newton) {
        int n = st.n;
        int p = st.p;
        int excludedCount = 0;
        for (boolean e : st.excluded) {
            excludedCount += e ? 1 : 0;
        }
        if (excludedCount > 0) {
            notes.add(excludedCount + " constant column(s) left out (coefficient 0)");
        }
        double reference = st.nullDeviance > 0 ? st.nullDeviance : 1;
        double thr = options.threshold() * reference;
        long setupNanos = System.nanoTime() - start;
        PathSolver solver = new PathSolver(ws, newton, pf, st.excluded, options.alpha(), thr, reference,
                options.maxPasses());
        // strong convexity modulus per unit λ: the ridge part's smallest weight over the columns that take part
        double ridgeModulus = Double.POSITIVE_INFINITY;
        for (int j = 0; j < p; j++) {
            if (!st.excluded[j]) {
                ridgeModulus = Math.min(ridgeModulus, (1 - options.alpha()) * pf[j]);
            }
        }
        double lambdaMax = solver.lambdaMax();
        double[] lambdas = lambdaSequence(lambdaMax, n, p);

        int m = lambdas.length;
        double[] intercepts = new double[m];
        // the path's coefficients, sparse: λ k's non-zeros at [rowStart[k], rowStart[k+1]) of indices/values (a dense
        // vector per λ would cost 50 × 8 MB at 2^20 hashed columns)
        int[] rowStart = new int[m + 1];
        int[] indices = new int[Math.max(16, Math.min(p, 1024))];
        double[] values = new double[indices.length];
        double[] devRatio = new double[m];
        int[] passes = new int[m];
        boolean[] converged = new boolean[m];
        Certificate[] certificates = new Certificate[m];
        Certificate worst = null;
        int stalledCount = 0;
        double[] devHistory = new double[m];
        int totalPasses = 0;
        List<Integer> failed = new ArrayList<>();
        double previous = lambdaMax;
        for (int k = 0; k < m; k++) {
            double lambda = lambdas[k];
            passes[k] = solver.solve(lambda, Math.max(previous, lambda));
            previous = lambda;
            converged[k] = solver.converged();
            stalledCount += solver.stalled() ? 1 : 0;
            double mu = lambda * ridgeModulus;
            double gap = solver.gap();
            certificates[k] = new Certificate(Certificate.Kind.RELATIVE_DUALITY_GAP, gap / reference,
                    options.threshold(), mu > 0 && mu < Double.POSITIVE_INFINITY ? Math.sqrt(2 * gap / mu)
                            : Double.NaN);
            if (worst == null || !(certificates[k].value() <= worst.value())) {
                worst = certificates[k];
            }
            totalPasses += passes[k];
            if (!converged[k]) {
                failed.add(k);
            }
            double b0 = st.yMean;
            int at = rowStart[k];
            for (int j = 0; j < p; j++) {
                if (solver.beta[j] != 0) {
                    double bj = solver.beta[j] / st.scale[j];
                    b0 -= st.mean[j] * bj;
                    if (at == indices.length) {
                        int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * at);
                        indices = Arrays.copyOf(indices, grown);
                        values = Arrays.copyOf(values, grown);
                    }
                    indices[at] = j;
                    values[at++] = bj;
                }
            }
            rowStart[k + 1] = at;
            intercepts[k] = b0;
            double dev = solver.deviance();
            devHistory[k] = dev;
            devRatio[k] = st.nullDeviance > 0 ? 1 - dev / st.nullDeviance : 0;
        }
        notes.add(String.format("setup (centring, scaling, %s) %.1f ms, path %.1f ms", setup, setupNanos / 1e6, (System.nanoTime() - start - setupNanos) / 1e6));
        boolean allConverged = failed.isEmpty();
        String status;
        if (allConverged) {
            status = m + " lambdas converged (duality gap <= " + options.threshold() + " × null deviance"
                    + (stalledCount > 0 ? "; " + stalledCount + " at a pass that moved nothing, gap within the "
                    + "rounding floor " + PathSolver.ROUNDING_FLOOR : "") + ")";
        } else {
            int first = failed.getFirst();
            status = failed.size() + " of " + m + " lambdas did not reach duality gap <= " + options.threshold()
                    + " × null deviance within maxPasses = " + options.maxPasses() + ", first at index " + first
                    + " (lambda " + lambdas[first] + ", " + (passes[first] >= options.maxPasses()
                    ? "maxPasses hit" : "stalled by rounding") + ", relative gap " + certificates[first].value()
                    + ")";
            LOG.log(System.Logger.Level.WARNING, "elastic net: " + status);
        }
        FitReport report = new FitReport(options.alpha() == 1 ? "lasso" : "elasticnet", backend.name(),
                ws.solver(), totalPasses, allConverged, status, devHistory,
                Duration.ofNanos(System.nanoTime() - start), notes, worst);
        return new ElasticNetPath(lambdas, intercepts, p, rowStart, Arrays.copyOf(indices, rowStart[m]),
                Arrays.copyOf(values, rowStart[m]), devRatio, passes, converged, certificates, lambdaMax, names, report);
    }

    private double[] penaltyFactors(int p) {
        double[] given = options.penaltyFactors();
        double[] pf = new double[p];
        if (given == null) {
            Arrays.fill(pf, 1);
            return pf;
        }
        if (given.length != p) {
            throw new IllegalArgumentException("penaltyFactors has " + given.length + " values, expected " + p
                    + " (one per feature)");
        }
        double sum = 0;
        for (double v : given) {
            sum += v;
        }
        for (int j = 0; j < p; j++) {
            pf[j] = given[j] * p / sum;
        }
        return pf;
    }

    private double[] lambdaSequence(double lambdaMax, int n, int p) {
        double[] user = options.lambdas();
        if (user != null) {
            Arrays.sort(user);
            for (int i = 0, k = user.length - 1; i < k; i++, k--) {
                double t = user[i];
                user[i] = user[k];
                user[k] = t;
            }
            return user;
        }
        int count = options.nLambda();
        double ratio = Double.isNaN(options.lambdaMinRatio()) ? (n >= p ? 1e-4 : 1e-2) : options.lambdaMinRatio();
        double[] lambdas = new double[count];
        if (count == 1) {
            lambdas[0] = lambdaMax;
            return lambdas;
        }
        double logStep = Math.log(ratio) / (count - 1);
        for (int k = 0; k < count; k++) {
            lambdas[k] = lambdaMax * Math.exp(k * logStep);
        }
        return lambdas;
    }
}
