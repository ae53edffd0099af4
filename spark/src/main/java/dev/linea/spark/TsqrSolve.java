package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import dev.linea.models.ols.Refinement;
import dev.linea.models.ols.ResidualPass;

import java.util.ArrayList;
import java.util.List;

/**
 * Least squares from the TSQR factor on the driver. With R = [[R₁₁, r₁₂], [0, ρ]] of W^½·[1, X, y]:
 * <ol>
 *   <li>rank: parameter j is dependent on the earlier ones when |R_jj| ≤ tol·‖R_{:,j}‖ (R_jj is the distance of
 *       column j from the span of the columns before it, ‖R_{:,j}‖ its norm); dependent columns are dropped and the
 *       rest re-triangularized by a QR of R's kept columns (R's columns are Qᵀ times A's, so this is the R of A's
 *       kept columns);</li>
 *   <li>β = R₁₁⁻¹·r₁₂ (back substitution), RSS = ρ², unscaled covariance (R₁₁ᵀR₁₁)⁻¹;</li>
 *   <li>refinement by the corrected semi-normal equations: one distributed pass forms the residuals r = y − Xβ in
 *       double-double and s = [Σw·r; Xᵀ·W·r], then δ = R₁₁⁻¹·R₁₁⁻ᵀ·s, until the correction stops shrinking or
 *       falls to a few ulps (the models' {@link Refinement}, the normal equations' rule). Each step gains about
 *       −log10(κ²·2⁻⁵³) digits, so well-conditioned and moderately ill-conditioned designs (κ up to ~1e6) end
 *       correctly rounded.</li>
 * </ol>
 */
final class TsqrSolve {
    final List<String> kept;
    final List<String> dropped;
    /** Parameters over all k−1 columns ([intercept,] features), 0 for dropped ones. */
    final double[] parameters;
    /** Unscaled covariance over all columns (0 rows/columns for dropped ones). */
    final double[] covariance;
    final double rss;
    /** The refinement's outcome: steps, convergence, last correction (the models' shared stopping rule). */
    final Refinement refinement;

    private TsqrSolve(List<String> kept, List<String> dropped, double[] parameters, double[] covariance, double rss,
                      Refinement refinement) {
        this.kept = kept;
        this.dropped = dropped;
        this.parameters = parameters;
        this.covariance = covariance;
        this.rss = rss;
        this.refinement = refinement;
    }

    /**
     * @param names      k−1 parameter names ([intercept,] features)
     * @param allowDrops false: a dependent column is an error (returned as null with {@code why[0]} set)
     */
    static TsqrSolve solve(Backend backend, TallSkinnyR f, List<String> names, double tol, int maxSteps,
                           boolean allowDrops, ResidualPass pass, String[] why) {
        int k = f.k;
        int p = k - 1;
        double[] r = f.r;
        List<Integer> keep = new ArrayList<>();
        List<String> keptNames = new ArrayList<>();
        List<String> droppedNames = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int i = 0; i <= j; i++) {
                norm = Math.hypot(norm, r[i * k + j]);
            }
            if (!(Math.abs(r[j * k + j]) > tol * norm)) {
                droppedNames.add(names.get(j));
            } else {
                keep.add(j);
                keptNames.add(names.get(j));
            }
        }
        if (!droppedNames.isEmpty() && !allowDrops) {
            why[0] = "the design is rank deficient: " + String.join(", ", droppedNames)
                    + " depend(s) on the columns before (|R_jj| <= " + tol + "·‖column‖)";
            return null;
        }
        int q = keep.size();
        int kk = q + 1;
        double[] rr;
        if (droppedNames.isEmpty()) {
            rr = r.clone();
        } else {
            double[] s = new double[k * kk];
            for (int i = 0; i < k; i++) {
                for (int c = 0; c < q; c++) {
                    s[i * kk + c] = r[i * k + keep.get(c)];
                }
                s[i * kk + q] = r[i * k + p];
            }
            backend.qr(k, kk, s, 0, kk, new double[kk], 0);
            rr = new double[kk * kk];
            for (int i = 0; i < kk; i++) {
                System.arraycopy(s, i * kk + i, rr, i * kk + i, kk - i);
            }
        }
        double[] beta = new double[q];
        for (int i = 0; i < q; i++) {
            beta[i] = rr[i * kk + q];
        }
        double rho = rr[q * kk + q];
        solveR(backend, rr, kk, q, beta);
        double[] full = expand(beta, keep, p);
        Refinement refine = new Refinement(maxSteps);
        int o = f.intercept ? 1 : 0;
        int n = f.n;
        double[] xtr = new double[n];
        double[] zeros = new double[n];
        while (q > 0 && refine.wantsStep()) {
            double b0 = f.intercept ? full[0] : 0;
            double[] bf = java.util.Arrays.copyOfRange(full, o, p);
            ResidualPass.Sums sums = pass.apply(b0, bf, zeros, xtr);
            double[] s = new double[p];
            if (f.intercept) {
                s[0] = sums.weighted();
            }
            System.arraycopy(xtr, 0, s, o, n);
            double[] delta = new double[q];
            for (int c = 0; c < q; c++) {
                delta[c] = s[keep.get(c)];
            }
            // δ = R⁻¹·R⁻ᵀ·s
            backend.triangularSolve(Triangle.UPPER, Transpose.TRANSPOSE, Diagonal.NON_UNIT, q, 1, rr, 0, kk, delta, 0,
                    1);
            solveR(backend, rr, kk, q, delta);
            double size = 0;
            double corr = 0;
            for (int c = 0; c < q; c++) {
                size = Math.max(size, Math.abs(beta[c]));
                corr = Math.max(corr, Math.abs(delta[c]));
            }
            if (!refine.accept(size == 0 ? 0 : corr / size)) {
                break;
            }
            for (int c = 0; c < q; c++) {
                beta[c] += delta[c];
            }
            full = expand(beta, keep, p);
        }
        // (R₁₁ᵀR₁₁)⁻¹ = R₁₁⁻¹·R₁₁⁻ᵀ, from the inverse of R₁₁ (column by column).
        double[] inv = new double[q * q];
        for (int c = 0; c < q; c++) {
            double[] e = new double[q];
            e[c] = 1;
            solveR(backend, rr, kk, q, e);
            for (int i = 0; i < q; i++) {
                inv[i * q + c] = e[i];
            }
        }
        double[] cov = new double[p * p];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                double t = 0;
                for (int c = Math.max(a, b); c < q; c++) {
                    t += inv[a * q + c] * inv[b * q + c];
                }
                cov[keep.get(a) * p + keep.get(b)] = t;
            }
        }
        return new TsqrSolve(keptNames, droppedNames, full, cov, rho * rho, refine);
    }

    /** z ← R₁₁⁻¹·z, R₁₁ the leading q×q of the kk×kk row-major R. */
    private static void solveR(Backend backend, double[] rr, int kk, int q, double[] z) {
        if (q > 0) {
            backend.triangularSolve(Triangle.UPPER, Transpose.NONE, Diagonal.NON_UNIT, q, 1, rr, 0, kk, z, 0, 1);
        }
    }

    private static double[] expand(double[] beta, List<Integer> keep, int p) {
        double[] full = new double[p];
        for (int c = 0; c < keep.size(); c++) {
            full[keep.get(c)] = beta[c];
        }
        return full;
    }
}
