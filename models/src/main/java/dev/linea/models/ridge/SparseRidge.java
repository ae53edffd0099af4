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
 * Ridge on a sparse design (internal; {@link Ridge#fit(SparseDesign)}): the same objective
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
        long t0 = System.nanoTime();
        if (design.offsetsUnsafe() != null || design.centre() != null || design.scale() != null) {
            throw new IllegalArgumentException("the sparse design has " + (design.offsetsUnsafe() != null
                    ? "offsets" : "an affine map") + ", expected neither: ridge takes no offsets and centres the "
                    + "columns itself (option fitIntercept)");
        }
        int n = design.cols();
        int m = design.rows();
        if (n == 0 && !options.fitIntercept()) {
            throw new IllegalArgumentException("nothing to fit: the sparse design has 0 columns and fitIntercept "
                    + "is false");
        }
        double alpha = options.alpha();
        SparseDesign z = options.fitIntercept() ? design.centred() : design;
        double[] w = design.weightsUnsafe();
        double[] y = design.yUnsafe();
        double ybar = z.targetCentre();
        // rhs = ZᵀW(y − ȳ): with weighted-mean centring ZᵀW·1 = 0, the shift is for rounding only
        double[] wy = new double[m];
        for (int i = 0; i < m; i++) {
            wy[i] = (w == null ? 1 : w[i]) * (y[i] - ybar);
        }
        double[] rhs = new double[n];
        z.transposeTimes(backend, wy, 0, rhs, 0);
        // Jacobi preconditioner: diag(ZᵀWZ) + α = Σw·var_j (about the centre used) + α
        SparseDesign.Moments mo = design.moments();
        double[] diag = new double[n];
        for (int j = 0; j < n; j++) {
            double mean = mo.mean()[j];
            double spread = options.fitIntercept() ? mo.variance()[j] : mo.variance()[j] + mean * mean;
            diag[j] = design.weightSum() * spread + alpha;
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
        double[] zv = new double[m];
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
            apply(z, backend, w, alpha, p, zv, ap);
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
                trueResidual(z, backend, w, alpha, rhs, beta, zv, ap, r);
            }
            res = Math.sqrt(dot(r, r));
            history.add(res / rhsNorm);
        }
        trueResidual(z, backend, w, alpha, rhs, beta, zv, ap, r);
        res = Math.sqrt(dot(r, r));
        double rel = rhsNorm > 0 ? res / rhsNorm : 0;
        boolean converged = rel <= TOL * 100; // the true residual may sit a little above the recursive one
        double b0 = 0;
        if (options.fitIntercept()) {
            double[] c = z.centre();
            b0 = ybar;
            for (int j = 0; j < n; j++) {
                b0 -= c[j] * beta[j];
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("α = " + alpha);
        notes.add("sparse conjugate gradients on " + design.nonZeros() + " non-zeros, implicit centring, " + it
                + " iterations");
        String status = converged ? "relative residual " + rel + " <= " + TOL * 100
                : "stopped at relative residual " + rel + " after " + it + " iterations (the system is singular or"
                + " ill-conditioned: use α > 0)";
        Certificate cert = new Certificate(Certificate.Kind.SCALED_GRADIENT_NORM, rel, TOL * 100,
                alpha > 0 ? res / alpha : Double.NaN);
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        FitReport report = new FitReport("ridge", backend.name(), "SPARSE_CG", it, converged, status, hist,
                Duration.ofNanos(System.nanoTime() - t0), notes, cert);
        LinearModel model = new LinearModel(b0, beta, design.featureNames(), report);
        return new RidgeResult(model, report, alpha, Double.NaN);
    }

    /** out ← (ZᵀWZ + αI)·v, two sparse passes. */
    private static void apply(SparseDesign z, Backend backend, double[] w, double alpha, double[] v, double[] zv,
                              double[] out) {
        z.times(backend, v, 0, 0, zv, 0);
        if (w != null) {
            for (int i = 0; i < zv.length; i++) {
                zv[i] *= w[i];
            }
        }
        z.transposeTimes(backend, zv, 0, out, 0);
        for (int j = 0; j < v.length; j++) {
            out[j] += alpha * v[j];
        }
    }

    private static void trueResidual(SparseDesign z, Backend backend, double[] w, double alpha, double[] rhs,
                                     double[] beta, double[] zv, double[] work, double[] r) {
        apply(z, backend, w, alpha, beta, zv, work);
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
