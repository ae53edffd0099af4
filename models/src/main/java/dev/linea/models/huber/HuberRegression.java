package dev.linea.models.huber;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.Certificate;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Huber regression with a jointly estimated scale, scikit-learn's {@code HuberRegressor}: minimizes over (b, β)
 * and σ &gt; 0
 * <pre>
 *   L(b, β, σ) = Σ_i s_i·(σ + H_ε(r_i/σ)·σ) + α·‖β‖²,   r_i = y_i − b − x_iᵀβ,
 *   H_ε(z) = z² (|z| ≤ ε),  2ε|z| − ε² (|z| &gt; ε)
 * </pre>
 * with s the sample weights. L is jointly convex and C¹ (see {@link HuberObjective}); it is minimized by a damped
 * Newton method on all parameters at once, our own: each iteration solves the (k+1)×(k+1) Newton system by
 * Cholesky on the backend (the Hessian's X-block is the backend's weighted Gram of the inliers; a Levenberg shift
 * is added when the Hessian is not positive definite, e.g. when every row is an outlier), then backtracks
 * (Armijo) with σ kept above a tenth of its current value. Since L is piecewise quadratic in (b, β) for fixed σ,
 * once the inlier set settles the steps converge quadratically, to scikit-learn's optimum within rounding. The
 * start is the (α-penalized) weighted least-squares fit with σ the weighted mean |residual|. Immutable and
 * thread-safe.
 */
public final class HuberRegression {
    private static final System.Logger LOG = System.getLogger(HuberRegression.class.getName());
    private static final int MAX_BACKTRACKS = 60;
    private static final double ARMIJO = 1e-4;
    /** Relative size of the objective's rounding error: a few hundred ulps of a sum over the rows. */
    private static final double ROUNDING = 1e-13;

    private final HuberOptions options;
    private final Backend backend;

    /** scikit-learn's defaults on the default backend. */
    public HuberRegression() {
        this(HuberOptions.defaults());
    }

    public HuberRegression(HuberOptions options) {
        this(options, Backends.defaultBackend());
    }

    public HuberRegression(HuberOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public HuberOptions options() {
        return options;
    }

    /**
     * {@link #fit(Design)} on the dataset's no-copy design ({@code Design.of(data, options.fitIntercept())}).
     *
     * @throws IllegalArgumentException when there is nothing to fit (no column and no intercept)
     * @throws FitException             when the iterates stop being finite (overflow: rescale the data)
     */
    public HuberResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        return fit(Design.of(data, options.fitIntercept()));
    }

    /**
     * Fits from a design: its X (a view, never copied; the intercept is the design's implicit one), y and sample
     * weights. The design must carry no offsets and no affine map (Huber's scale σ is that of the residuals on
     * the data as given).
     *
     * @param design not modified; its arrays are read, not copied
     * @throws IllegalArgumentException when there is nothing to fit (no column and no intercept), the design's
     *                                  intercept is not the options' {@code fitIntercept}, or it carries offsets
     *                                  or an affine map
     * @throws FitException             when the iterates stop being finite (overflow: rescale the data)
     */
    public HuberResult fit(Design design) {
        Objects.requireNonNull(design, "design");
        long t0 = System.nanoTime();
        int m = design.rows();
        int n = design.cols();
        boolean intercept = options.fitIntercept();
        if (design.intercept() != intercept) {
            throw new IllegalArgumentException("the design has intercept = " + design.intercept()
                    + ", expected the options' fitIntercept = " + intercept);
        }
        if (design.hasAffineMap() || design.offsetsUnsafe() != null) {
            throw new IllegalArgumentException("the design carries " + (design.hasAffineMap() ? "an affine map"
                    : "offsets") + ", expected none: Huber regression fits the data as given");
        }
        if (n == 0 && !intercept) {
            throw new IllegalArgumentException("nothing to fit: the dataset has 0 columns and fitIntercept is false");
        }
        int o = intercept ? 1 : 0;
        int k = n + o;
        int k1 = k + 1;
        double[] s = design.weightsUnsafe() != null ? design.weightsUnsafe() : ones(m);
        HuberObjective f = new HuberObjective(backend, design, design.yUnsafe(), s, options.epsilon(),
                options.alpha());
        List<String> notes = new ArrayList<>();
        notes.add("epsilon = " + options.epsilon() + ", alpha = " + options.alpha());

        double[] p = start(f, design.yUnsafe(), s, m, k, intercept);
        double[] g = new double[k1];
        double[] h = new double[k1 * k1];
        double[] gram = new double[k * k];
        double[] step = new double[k1];
        double[] trial = new double[k1];
        double[] hist = new double[options.maxIterations()];
        double value = f.value(p);
        boolean converged = false;
        double certifiedTolerance = options.tolerance();
        String status = "iteration limit " + options.maxIterations() + " reached";
        int it = 0;
        while (it < options.maxIterations()) {
            it++;
            f.derivatives(p, g, h, gram);
            int bad = nonFinite(g, h, k1);
            if (bad >= 0) {
                String overflow = describe(bad, o, k1, design);
                // An infinite Hessian entry makes the Cholesky solve return a zero step, which the step test
                // would then take for convergence: the fit must stop here, not "converge" at its start.
                throw failure("the Newton system is not finite at " + overflow + " (iteration " + it + "): the data"
                        + " overflow double precision when squared (|x| beyond about 1e150), or hold NaN/Inf;"
                        + (bad >= o && bad < k ? " rescale the column" : " rescale the target or the columns"),
                        it, t0, notes, Arrays.copyOf(hist, it - 1));
            }
            newtonStep(h, g, step, k1);
            double slope = 0;
            double size = 0;
            double norm = 1;
            for (int j = 0; j < k1; j++) {
                slope += g[j] * step[j];
                size = Math.max(size, Math.abs(step[j]));
                norm = Math.max(norm, Math.abs(p[j]));
            }
            if (size <= options.tolerance() * norm) {
                hist[it - 1] = value;
                converged = true;
                status = String.format(java.util.Locale.ROOT, "Newton step %.2e <= tol %.1e (relative)", size / norm,
                        options.tolerance());
                break;
            }
            // The Newton decrement −gᵀΔ ≈ 2·(L − L*) below L's rounding: no line search can see further progress
            // (this happens when a row sits on the kink |r| = εσ at the optimum, so that the piecewise Hessian
            // flips); the step, an estimate of the remaining error, must still be small.
            if (-slope <= ROUNDING * Math.abs(value) && size <= Math.sqrt(options.tolerance()) * norm) {
                hist[it - 1] = value;
                converged = true;
                // the certificate then holds the step to the bound this stop accepts, so "met" agrees with it
                certifiedTolerance = Math.sqrt(options.tolerance());
                status = String.format(java.util.Locale.ROOT, "Newton decrement %.2e at the objective's rounding"
                        + " level (step %.2e relative)", -slope, size / norm);
                break;
            }
            double t = 1;
            if (step[k] < 0) {
                t = Math.min(1, 0.9 * p[k] / -step[k]);
            }
            double next = Double.NaN;
            int tries = 0;
            for (; tries < MAX_BACKTRACKS; tries++) {
                for (int j = 0; j < k1; j++) {
                    trial[j] = p[j] + t * step[j];
                }
                next = f.value(trial);
                if (next <= value + ARMIJO * t * slope) {
                    break;
                }
                t *= 0.5;
            }
            if (tries == MAX_BACKTRACKS) {
                // No decrease is possible any more: the objective is flat to rounding along the Newton direction.
                hist[it - 1] = value;
                converged = -slope <= 1e-12 * (1 + Math.abs(value));
                status = String.format(java.util.Locale.ROOT, "line search found no decrease (Newton decrement %.2e)",
                        -slope);
                f.value(p);
                break;
            }
            System.arraycopy(trial, 0, p, 0, k1);
            value = next;
            hist[it - 1] = value;
            if (!Double.isFinite(value)) {
                throw failure("the objective became " + value + " at iteration " + it
                        + " (overflow: rescale the data)", it, t0, notes, Arrays.copyOf(hist, it));
            }
        }
        if (!converged) {
            notes.add("WARNING: not converged: " + status);
            LOG.log(System.Logger.Level.WARNING, "Huber regression: {0}", status);
        }
        Certificate certificate = certificate(f, p, g, h, gram, step, k1, certifiedTolerance);
        f.value(p);
        double sigma = p[k];
        boolean[] outliers = new boolean[m];
        for (int i = 0; i < m; i++) {
            outliers[i] = Math.abs(f.r[i]) > options.epsilon() * sigma;
        }
        FitReport report = new FitReport("huber", backend.name(), "newton", it, converged, status,
                Arrays.copyOf(hist, it), Duration.ofNanos(System.nanoTime() - t0), notes, certificate);
        LinearModel model = new LinearModel(intercept ? p[0] : 0, Arrays.copyOfRange(p, o, k), design.featureNames(),
                report);
        return new HuberResult(model, report, sigma, value, outliers);
    }

    /**
     * The relative Newton step at the returned p, {@code max_j |Δ_j| / max(1, max_j |p_j|)} with Δ = −H⁻¹g (one
     * more Hessian, k+1 small): the measure the tolerance bounds. When the fit stopped at the objective's rounding
     * level (a row on the kink |r| = εσ) it may exceed the tolerance while staying below its square root: the
     * certificate's tolerance is then that square root, the bound the stop accepted (the status says why).
     */
    private Certificate certificate(HuberObjective f, double[] p, double[] g, double[] h, double[] gram,
                                    double[] step, int k1, double tolerance) {
        f.derivatives(p, g, h, gram);
        newtonStep(h, g, step, k1);
        double size = 0;
        double norm = 1;
        for (int j = 0; j < k1; j++) {
            size = Math.max(size, Math.abs(step[j]));
            norm = Math.max(norm, Math.abs(p[j]));
        }
        return new Certificate(Certificate.Kind.RELATIVE_NEWTON_STEP, size / norm, tolerance, Double.NaN);
    }

    /** θ from weighted least squares (+ α on β), σ the weighted mean |residual| (1 if that is 0). */
    private double[] start(HuberObjective f, double[] y, double[] s, int m, int k, boolean intercept) {
        double[] p = new double[k + 1];
        double[] gram = new double[k * k];
        f.gram(s, gram);
        double trace = 0;
        for (int j = 0; j < k; j++) {
            trace += gram[j * k + j];
        }
        for (int j = intercept ? 1 : 0; j < k; j++) {
            gram[j * k + j] += options.alpha() + 1e-12 * trace;
        }
        double[] sy = new double[m];
        for (int i = 0; i < m; i++) {
            sy[i] = s[i] * y[i];
        }
        f.transposeTimes(sy, p);
        if (backend.cholesky(k, gram, 0, k) == 0) {
            backend.choleskySolve(k, 1, gram, 0, k, p, 0, 1);
        } else {
            Arrays.fill(p, 0);
        }
        p[k] = 1;
        f.residuals(p);
        double sa = 0;
        double sw = 0;
        for (int i = 0; i < m; i++) {
            sa += s[i] * Math.abs(f.r[i]);
            sw += s[i];
        }
        double sigma = sa / sw;
        p[k] = sigma > 0 && Double.isFinite(sigma) ? sigma : 1;
        return p;
    }

    /**
     * @return the index of the parameter whose gradient entry or Hessian row holds the first non-finite value, or
     *         −1 when all are finite
     */
    private static int nonFinite(double[] g, double[] h, int k1) {
        // diagonals first: |h_ji| ≤ √(h_jj·h_ii), so an overflowing entry has an overflowing diagonal to name
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < k1; j++) {
                boolean bad = !Double.isFinite(g[j]) || !Double.isFinite(h[j * k1 + j]);
                for (int i = 0; pass == 1 && i < k1 && !bad; i++) {
                    bad = !Double.isFinite(h[j * k1 + i]);
                }
                if (bad) {
                    return j;
                }
            }
        }
        return -1;
    }

    /** The parameter as the user knows it, with the largest |value| of a column (what overflowed when squared). */
    private static String describe(int j, int o, int k1, Design design) {
        if (j < o) {
            return "the intercept";
        }
        if (j == k1 - 1) {
            return "the scale σ";
        }
        return "column '" + design.featureNames().get(j - o) + "' (largest |x| " + design.columnMaxAbs(false)[j - o]
                + ")";
    }

    /** step ← −H⁻¹g by Cholesky, with a growing Levenberg shift while H is not positive definite. */
    private void newtonStep(double[] h, double[] g, double[] step, int k1) {
        double[] l = new double[k1 * k1];
        double maxDiag = 0;
        for (int j = 0; j < k1; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(h[j * k1 + j]));
        }
        double shift = 0;
        while (true) {
            System.arraycopy(h, 0, l, 0, l.length);
            for (int j = 0; j < k1; j++) {
                l[j * k1 + j] += shift;
            }
            if (backend.cholesky(k1, l, 0, k1) == 0) {
                break;
            }
            shift = shift == 0 ? Math.max(1e-12 * maxDiag, Double.MIN_NORMAL) : shift * 10;
        }
        for (int j = 0; j < k1; j++) {
            step[j] = -g[j];
        }
        backend.choleskySolve(k1, 1, l, 0, k1, step, 0, 1);
    }

    private static double[] ones(int m) {
        double[] w = new double[m];
        Arrays.fill(w, 1);
        return w;
    }

    private FitException failure(String message, int it, long t0, List<String> notes, double[] hist) {
        FitReport report = new FitReport("huber", backend.name(), "newton", it, false, message, hist,
                Duration.ofNanos(System.nanoTime() - t0), notes);
        return new FitException("Huber regression failed: " + message, report);
    }
}
