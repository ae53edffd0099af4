package dev.linea.models.ridge;

import dev.linea.kernels.Backend;
import dev.linea.models.Certificate;
import dev.linea.models.FitReport;
import dev.linea.models.LinearModel;
import dev.linea.models.SparseDesign;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ridge on sparse rows (internal; {@link Ridge#fit(SparseDesign)}, {@link Ridge#fit(SparseRidgeRows)}): the same objective
 * {@code Σ_i w_i·(y_i − b − x_iᵀβ)² + α·‖β‖²}, its normal equations
 * <pre>  (Zᵀ·W·Z + α·I)·β = Zᵀ·W·y,   Z = X − 1·x̄ᵀ (implicit: X keeps its zeros),   b = ȳ − x̄ᵀβ</pre>
 * solved by Jacobi-preconditioned conjugate gradients, each iteration two sparse passes
 * ({@link Backend#sparseTimes}, {@link Backend#sparseTransposeTimes}) with the centre applied implicitly. No n×n
 * matrix is formed, so 2^20 hashed columns cost O(n) memory.
 *
 * <p>Stops when the relative residual {@code ‖Zᵀ·W·y − (ZᵀWZ + αI)β‖₂ / ‖Zᵀ·W·y‖₂} is at most {@link #TOL}; that
 * value is the report's {@link Certificate} ({@link Certificate.Kind#SCALED_GRADIENT_NORM}: the residual is half the
 * objective's gradient, here divided by the gradient at β = 0) and, with α &gt; 0, the distance bound
 * {@code ‖β − β*‖₂ ≤ ‖residual‖₂ / α} (the system's smallest eigenvalue is at least α).
 */
final class SparseRidge {
    /** The relative residual the solve reaches. */
    static final double TOL = 1e-12;

    private SparseRidge() {
    }

    static RidgeResult fit(SparseDesign design, RidgeOptions options, Backend backend) {
        if (design.offsetsUnsafe() != null || design.centre() != null || design.scale() != null) {
            throw new IllegalArgumentException("the sparse design has " + (design.offsetsUnsafe() != null
                    ? "offsets" : "an affine map") + ", expected neither: ridge takes no offsets and centres the "
                    + "columns itself (option fitIntercept)");
        }
        return solve(new LocalRows(design, backend), options, backend.name());
    }

    /**
     * The solve over any rows ({@link SparseRidgeRows}): one summary pass, one pass for the right-hand side, then
     * one pass per CG iteration (and one more every 50 for the true residual, and at the end).
     *
     * @param backendName for the report
     */
    static RidgeResult solve(SparseRidgeRows rows, RidgeOptions options, String backendName) {
        long t0 = System.nanoTime();
        int n = rows.featureNames().size();
        if (n == 0 && !options.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the sparse design has 0 columns and fitIntercept "
                    + "is false");
        }
        double alpha = options.alpha();
        SparseRidgeRows.Summary mo = rows.summary();
        double[] centre = options.fitIntercept() ? mo.mean() : null;
        double ybar = options.fitIntercept() ? mo.ybar() : 0;
        // rhs = ZᵀW(y − ȳ): with weighted-mean centring ZᵀW·1 = 0, the shift is for rounding only
        double[] rhs = new double[n];
        rows.rhs(centre, ybar, rhs);
        // Jacobi preconditioner: diag(ZᵀWZ) + α = Σw·var_j (about the centre used) + α
        double[] diag = new double[n];
        for (int j = 0; j < n; j++) {
            double mean = mo.mean()[j];
            double spread = options.fitIntercept() ? mo.variance()[j] : mo.variance()[j] + mean * mean;
            diag[j] = mo.weightSum() * spread + alpha;
            if (!(diag[j] > 0)) {
                diag[j] = 1;
            }
        }
        double rhsNorm = Math.sqrt(dot(rhs, rhs));
        double[] beta = new double[n];
        double[] r = rhs.clone();
        double[] pz = new double[n];
        double[] p = new double[n];
        double[] ap = new double[n];
        int maxIter = Math.max(100, 10 * n);
        int it = 0;
        double res = rhsNorm;
        double rz = 0;
        List<Double> history = new ArrayList<>();
        while (rhsNorm > 0 && res > TOL * rhsNorm && it < maxIter) {
            for (int j = 0; j < n; j++) {
                pz[j] = r[j] / diag[j];
            }
            double rzNew = dot(r, pz);
            if (it == 0) {
                System.arraycopy(pz, 0, p, 0, n);
            } else {
                double b = rzNew / rz;
                for (int j = 0; j < n; j++) {
                    p[j] = pz[j] + b * p[j];
                }
            }
            rz = rzNew;
            apply(rows, centre, alpha, p, ap);
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                break; // singular (α = 0 with dependent or constant columns): reported below
            }
            double step = rz / pap;
            for (int j = 0; j < n; j++) {
                beta[j] += step * p[j];
                r[j] -= step * ap[j];
            }
            it++;
            // the recursive residual drifts from the true one by rounding: recompute it every 50 iterations
            if (it % 50 == 0) {
                trueResidual(rows, centre, alpha, rhs, beta, ap, r);
            }
            res = Math.sqrt(dot(r, r));
            history.add(res / rhsNorm);
        }
        trueResidual(rows, centre, alpha, rhs, beta, ap, r);
        res = Math.sqrt(dot(r, r));
        double rel = rhsNorm > 0 ? res / rhsNorm : 0;
        boolean converged = rel <= TOL * 100; // the true residual may sit a little above the recursive one
        double b0 = 0;
        if (options.fitIntercept()) {
            b0 = ybar;
            for (int j = 0; j < n; j++) {
                b0 -= centre[j] * beta[j];
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("α = " + alpha);
        notes.add("sparse conjugate gradients on " + rows.nonZeros() + " non-zeros, implicit centring, " + it
                + " iterations");
        String status = converged ? "relative residual " + rel + " <= " + TOL * 100
                : "stopped at relative residual " + rel + " after " + it + " iterations (the system is singular or"
                + " ill-conditioned: use α > 0)";
        Certificate cert = new Certificate(Certificate.Kind.SCALED_GRADIENT_NORM, rel, TOL * 100,
                alpha > 0 ? res / alpha : Double.NaN);
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        FitReport report = new FitReport("ridge", backendName, "SPARSE_CG", it, converged, status, hist,
                Duration.ofNanos(System.nanoTime() - t0), notes, cert);
        LinearModel model = new LinearModel(b0, beta, rows.featureNames(), report);
        return new RidgeResult(model, report, alpha, Double.NaN);
    }

    /** A design in memory: every pass one or two sparse kernel calls over all its rows. */
    private static final class LocalRows implements SparseRidgeRows {
        private final SparseDesign design;
        private final Backend backend;
        private final double[] zv;

        LocalRows(SparseDesign design, Backend backend) {
            this.design = design;
            this.backend = backend;
            this.zv = new double[design.rows()];
        }

        @Override
        public List<String> featureNames() {
            return design.featureNames();
        }

        @Override
        public long nonZeros() {
            return design.nonZeros();
        }

        @Override
        public Summary summary() {
            SparseDesign.Moments mo = design.moments();
            double[] w = design.weightsUnsafe();
            double[] y = design.yUnsafe();
            double ybar = 0;
            for (int i = 0; i < y.length; i++) {
                ybar += (w == null ? 1 : w[i]) * y[i];
            }
            return new Summary(design.weightSum(), mo.mean(), mo.variance(), ybar / design.weightSum());
        }

        @Override
        public void rhs(double[] centre, double ybar, double[] out) {
            double[] w = design.weightsUnsafe();
            double[] y = design.yUnsafe();
            double[] wy = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                wy[i] = (w == null ? 1 : w[i]) * (y[i] - ybar);
            }
            backend.sparseTransposeTimes(design.matrix(), centre, null, wy, 0, out, 0);
        }

        @Override
        public void gramTimes(double[] centre, double[] v, double[] out) {
            backend.sparseTimes(design.matrix(), centre, null, v, 0, 0, zv, 0);
            double[] w = design.weightsUnsafe();
            if (w != null) {
                for (int i = 0; i < zv.length; i++) {
                    zv[i] *= w[i];
                }
            }
            backend.sparseTransposeTimes(design.matrix(), centre, null, zv, 0, out, 0);
        }
    }

    /** out ← (ZᵀWZ + αI)·v: one pass over the rows. */
    private static void apply(SparseRidgeRows rows, double[] centre, double alpha, double[] v, double[] out) {
        rows.gramTimes(centre, v, out);
        for (int j = 0; j < v.length; j++) {
            out[j] += alpha * v[j];
        }
    }

    private static void trueResidual(SparseRidgeRows rows, double[] centre, double alpha, double[] rhs,
                                     double[] beta, double[] work, double[] r) {
        apply(rows, centre, alpha, beta, work);
        for (int j = 0; j < r.length; j++) {
            r[j] = rhs[j] - work[j];
        }
    }

    private static double dot(double[] a, double[] b) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i] * b[i];
        }
        return t;
    }
}
