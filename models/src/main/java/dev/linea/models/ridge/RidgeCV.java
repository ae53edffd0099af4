package dev.linea.models.ridge;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.Transpose;
import dev.linea.models.Dataset;
import dev.linea.models.Design;
import dev.linea.models.FitException;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ridge with α chosen over a grid by exact leave-one-out or GCV, all from one eigendecomposition
 * {@code X̃ᵀX̃ = VΛVᵀ}: with {@code U = X̃·V} (one GEMM), for each α
 * <pre>
 *   ŷ = U·(Λ + αI)⁻¹·c,   h_ii = w_i/Σw + Σ_j U_ij² / (λ_j + α),   e_i = (ỹ_i − ŷ_i) / (1 − h_ii)
 * </pre>
 * in O(m·n) per α (two backend GEMVs), instead of m refits. The LOO criterion matches scikit-learn's
 * {@code RidgeCV} (including its √w row scaling with sample weights).
 */
public final class RidgeCV {
    private final RidgeCVOptions options;
    private final Backend backend;

    public RidgeCV() {
        this(RidgeCVOptions.defaults());
    }

    public RidgeCV(RidgeCVOptions options) {
        this(options, Backends.defaultBackend());
    }

    public RidgeCV(RidgeCVOptions options, Backend backend) {
        this.options = Objects.requireNonNull(options, "options");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * @throws FitException when no α of the grid has a defined score (e.g. the grid is {0} on a singular design)
     */
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
    public RidgeCVResult fit(Design design) {
        return fit(java.util.Objects.requireNonNull(design, "design").rowsFor("ridge cross-validation", options.fitIntercept(), false));
    }

    public RidgeCVResult fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        long t0 = System.nanoTime();
        Ridge.checkShape(data, options.fitIntercept());
        double[] alphas = options.alphas();
        CenteredDesign d = CenteredDesign.of(data, options.fitIntercept(), backend);
        if (d.scaleConflict != null) {
            throw failure(d.scaleConflict, 0, t0, List.of());
        }
        RidgeEigenSystem sys = RidgeEigenSystem.of(backend, d);
        int m = d.m;
        int n = d.n;
        double[] u = new double[m * n];
        backend.gemm(Transpose.NONE, Transpose.TRANSPOSE, m, n, n, 1, d.materialize(), 0, n, sys.vt, 0, n, 0, u, 0,
                n);
        double[] u2 = new double[m * n];
        for (int i = 0; i < m * n; i++) {
            u2[i] = u[i] * u[i];
        }
        double[] scores = new double[alphas.length];
        double[] inv = new double[n];
        double[] z = new double[n];
        double[] yhat = new double[m];
        double[] h = new double[m];
        List<String> notes = new ArrayList<>();
        int best = -1;
        for (int k = 0; k < alphas.length; k++) {
            double a = d.scaledAlpha(alphas[k]);
            if (sys.singular(a)) {
                scores[k] = Double.POSITIVE_INFINITY;
                notes.add("alphas[" + k + "] = " + alphas[k] + ": singular system, score undefined");
                continue;
            }
            for (int j = 0; j < n; j++) {
                inv[j] = 1 / (sys.lambda[j] + a);
                z[j] = sys.c[j] * inv[j];
            }
            backend.gemv(Transpose.NONE, m, n, 1, u, 0, n, z, 0, 0, yhat, 0);
            backend.gemv(Transpose.NONE, m, n, 1, u2, 0, n, inv, 0, 0, h, 0);
            // Scores of the scaled problem are in units of (y/s_y)².
            scores[k] = score(d, sys, a, yhat, h, k, notes) * d.yScale * d.yScale;
            if (scores[k] < Double.POSITIVE_INFINITY && (best < 0 || scores[k] < scores[best])) {
                best = k;
            }
        }
        if (best < 0) {
            throw failure("no alpha of the grid has a defined " + options.criterion() + " score: " + notes,
                    alphas.length, t0, notes);
        }
        double alpha = alphas[best];
        double[] beta = d.unscale(sys.beta(backend, d.scaledAlpha(alpha)));
        notes.add(0, options.criterion() + " over " + alphas.length + " alphas chose alpha = " + alpha
                + " (score " + String.format("%.6g", scores[best]) + ")"
                + (best == 0 || best == alphas.length - 1 ? "; WARNING: at the edge of the grid, widen it" : ""));
        notes.add("condition number of X_cᵀWX_c + αI: " + String.format("%.3g", sys.condition(d.scaledAlpha(alpha))));
        FitReport report = new FitReport("ridge-cv", backend.name(), "EIGEN", alphas.length, true,
                "chose alpha = " + alpha, scores, Duration.ofNanos(System.nanoTime() - t0), notes);
        LinearModel model = new LinearModel(d.intercept(beta), beta, data.featureNames(), report);
        return new RidgeCVResult(alphas, scores, best, options.criterion(), model);
    }

    private double score(CenteredDesign d, RidgeEigenSystem sys, double alpha, double[] yhat, double[] h, int k,
                         List<String> notes) {
        int m = d.m;
        if (options.criterion() == CvCriterion.GCV) {
            double rss = 0;
            for (int i = 0; i < m; i++) {
                double r = d.y[i] - yhat[i];
                rss += r * r;
            }
            double shrink = 1 - sys.degreesOfFreedom(alpha) / m;
            if (!(shrink > 0)) {
                notes.add("alphas[" + k + "] = " + alpha + ": degrees of freedom ≥ rows, GCV undefined");
                return Double.POSITIVE_INFINITY;
            }
            return rss / m / (shrink * shrink);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            double hi = h[i] + (d.interceptLeverage == null ? 0 : d.interceptLeverage[i]);
            double one = 1 - hi;
            if (!(one > 1e-12)) {
                notes.add("alphas[" + k + "] = " + alpha + ": row " + i + " has leverage " + hi
                        + ", its leave-one-out error is undefined");
                return Double.POSITIVE_INFINITY;
            }
            double e = (d.y[i] - yhat[i]) / one;
            sum += e * e;
        }
        return sum / m;
    }

    private FitException failure(String message, int alphasTried, long t0, List<String> notes) {
        return new FitException(message, new FitReport("ridge-cv", backend.name(), "EIGEN", alphasTried, false,
                message, null, Duration.ofNanos(System.nanoTime() - t0), notes));
    }
}
