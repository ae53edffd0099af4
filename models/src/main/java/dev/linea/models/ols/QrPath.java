package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.linalg.PivotedQr;
import dev.linea.models.linalg.RefinedQr;

/**
 * The QR and pivoted-QR solvers (internal). Both work on the weighted, column-scaled working design
 * <pre>  A(i, c) = sqrt(w_i)·x̃(i, c)·2^{e_c},   b_i = sqrt(w_i)·y_i</pre>
 * where x̃ has a leading column of ones when there is an intercept and 2^{e_c} brings column c's largest entry into
 * [1, 2): a power of two, so unweighted data stay exact and refinement targets the very problem given. Coefficients
 * are unscaled afterwards: {@code β_c = 2^{e_c}·x_c}, {@code C = D·(AᵀA)⁻¹·D}.
 */
final class QrPath {
    /**
     * Refine every column of the covariance when m·r² stays under this (about a tenth of a second of double-double
     * passes); above it the covariance is {@code R⁻¹R⁻ᵀ} from the factors, which is accurate to about κ·2^-53.
     */
    static final long COVARIANCE_REFINEMENT_BUDGET = 20_000_000L;

    private QrPath() {
    }

    /** Either a solution, or (solved == null) why the design looks rank deficient. */
    record Outcome(Solved solved, String deficiency) {
    }

    /**
     * The working design over the working columns {@code cols} (indices into [intercept,] x1…xn). Built, measured
     * and scaled row by row (two passes over contiguous rows; a column-strided pass touches every cache line of the
     * m×r array once per column).
     */
    static double[] design(Dataset data, boolean intercept, int[] cols, double[] scaleOut) {
        int m = data.rows();
        int r = cols.length;
        double[] max = new double[r];
        double[] a = build(data, data.xUnsafe(), intercept, cols, max);
        for (int c = 0; c < r; c++) {
            scaleOut[c] = max[c] == 0 ? 1 : Math.scalb(1.0, -Math.getExponent(max[c]));
        }
        scale(a, m, r, scaleOut);
        return a;
    }

    /** The low parts of the working design (null when the data have none), scaled like {@link #design}. */
    static double[] designLow(Dataset data, boolean intercept, int[] cols, double[] scale) {
        if (!data.hasLowParts()) {
            return null;
        }
        double[] a = build(data, data.xLowUnsafe(), intercept, cols, null);
        scale(a, data.rows(), cols.length, scale);
        if (intercept) {
            for (int i = 0; i < data.rows(); i++) {
                for (int c = 0; c < cols.length; c++) {
                    if (cols[c] == 0) {
                        a[i * cols.length + c] = 0;
                    }
                }
            }
        }
        return a;
    }

    /** Multiplies column c by scale[c] (powers of two: exact), row by row; nothing when every scale is 1. */
    private static void scale(double[] a, int m, int r, double[] scale) {
        boolean any = false;
        for (double s : scale) {
            any |= s != 1;
        }
        if (!any) {
            return;
        }
        dev.linea.kernels.ParallelRows.forEach(m, r, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * r;
                for (int c = 0; c < r; c++) {
                    a[row + c] *= scale[c];
                }
            }
        });
    }

    /** A(i, c) = sqrt(w_i)·x̃(i, cols[c]); with {@code max} non-null also max[c] = max_i |A(i, c)|. */
    private static double[] build(Dataset data, double[] x, boolean intercept, int[] cols, double[] max) {
        int m = data.rows();
        int n = data.cols();
        int r = cols.length;
        double[] a = new double[m * r];
        int shift = intercept ? 1 : 0;
        boolean contiguous = r == n + shift;
        for (int c = 0; c < r && contiguous; c++) {
            contiguous = cols[c] == c;
        }
        // Row blocks on Threads.count() threads; the column maxima are exact in any order (ParallelRows.max).
        boolean cont = contiguous;
        dev.linea.kernels.ParallelRows.Partial rows = (from, to, part, off) ->
                buildRows(data, x, intercept, cols, cont, a, from, to, max == null ? null : part, off);
        if (max == null) {
            dev.linea.kernels.ParallelRows.forEach(m, r, (from, to) -> rows.rows(from, to, null, 0));
        } else {
            dev.linea.kernels.ParallelRows.max(m, r, r, rows, max, 0);
        }
        return a;
    }

    /** Rows [from, to) of {@link #build}; with {@code max} non-null, max[maxOff + c] ← max(·, |A(i, c)|). */
    private static void buildRows(Dataset data, double[] x, boolean intercept, int[] cols, boolean contiguous,
                                  double[] a, int from, int to, double[] max, int maxOff) {
        int n = data.cols();
        int r = cols.length;
        int shift = intercept ? 1 : 0;
        for (int i = from; i < to; i++) {
            double sq = data.weighted() ? Math.sqrt(data.weight(i)) : 1;
            int row = i * r;
            if (contiguous) {
                // All columns in order (the common case): a straight copy of the row after the intercept.
                if (intercept) {
                    a[row] = sq;
                }
                if (sq == 1) {
                    System.arraycopy(x, i * n, a, row + shift, n);
                } else {
                    for (int j = 0; j < n; j++) {
                        a[row + shift + j] = sq * x[i * n + j];
                    }
                }
            } else {
                for (int c = 0; c < r; c++) {
                    int col = cols[c];
                    double v = intercept && col == 0 ? 1 : x[i * n + col - shift];
                    a[row + c] = sq * v;
                }
            }
            if (max != null) {
                for (int c = 0; c < r; c++) {
                    max[maxOff + c] = Math.max(max[maxOff + c], Math.abs(a[row + c]));
                }
            }
        }
    }

    static double[] target(Dataset data) {
        double[] b = data.copyY();
        if (data.weighted()) {
            for (int i = 0; i < b.length; i++) {
                b[i] *= Math.sqrt(data.weight(i));
            }
        }
        return b;
    }

    /**
     * QR with refinement on the working columns {@code cols}; a deficiency (zero R diagonal, or
     * min|R(k,k)| ≤ tol·max|R(j,j)| when {@code checkRank}) is returned, not thrown.
     */
    static Outcome solve(Backend backend, Dataset data, boolean intercept, int[] cols, int k, int maxSteps,
                         double tol, boolean checkRank) {
        int m = data.rows();
        int r = cols.length;
        double[] scale = new double[r];
        double[] a = design(data, intercept, cols, scale);
        RefinedQr qr = new RefinedQr(backend, m, r, a, designLow(data, intercept, cols, scale));
        double[] diag = qr.rDiagonal();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        int argmin = 0;
        for (int c = 0; c < r; c++) {
            double v = Math.abs(diag[c]);
            max = Math.max(max, v);
            if (v < min) {
                min = v;
                argmin = c;
            }
        }
        if (r > 0 && (qr.singular() || (checkRank && min <= tol * max))) {
            return new Outcome(null, "R's diagonal is " + NormalEquations.fmt(min / max) + " of its largest entry at"
                    + " working column " + argmin + " (tolerance " + NormalEquations.fmt(tol) + ")");
        }
        RefinedQr.Solution sol = qr.solve(target(data), maxSteps);
        double[] params = new double[k];
        boolean[] est = new boolean[k];
        for (int c = 0; c < r; c++) {
            params[cols[c]] = sol.x()[c] * scale[c];
            est[cols[c]] = true;
        }
        double[] cs;
        String covNote;
        if ((long) m * r * r <= COVARIANCE_REFINEMENT_BUDGET) {
            cs = new double[r * r];
            for (int j = 0; j < r; j++) {
                double[] col = qr.inverseGramColumn(j, maxSteps);
                for (int i = 0; i < r; i++) {
                    cs[i * r + j] = col[i];
                }
            }
            // Symmetrize: the refined columns agree to rounding.
            for (int i = 0; i < r; i++) {
                for (int j = i + 1; j < r; j++) {
                    double v = 0.5 * (cs[i * r + j] + cs[j * r + i]);
                    cs[i * r + j] = v;
                    cs[j * r + i] = v;
                }
            }
            covNote = "covariance (XᵀWX)⁻¹ refined column by column";
        } else {
            cs = qr.inverseGram();
            covNote = "covariance R⁻¹R⁻ᵀ from the QR factors (m·k² above the refinement budget)";
        }
        double[] cov = new double[k * k];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                cov[cols[i] * k + cols[j]] = scale[i] * cs[i * r + j] * scale[j];
            }
        }
        String status = sol.steps() + " refinement step(s) (" + sol.method() + "), last relative correction "
                + NormalEquations.fmt(sol.correction()) + (sol.converged() ? "" : " (not converged)");
        double[] rFactor = null;
        if (r == k) {
            // X̃·D = Q·R_s, so X̃ = Q·(R_s·D⁻¹): R of the unscaled design, for the condition number.
            rFactor = qr.r();
            for (int i = 0; i < r; i++) {
                for (int j = i; j < r; j++) {
                    rFactor[i * r + j] /= scale[j];
                }
            }
        }
        return new Outcome(new Solved(params, est, cov, sol.steps(), sol.converged() || maxSteps == 0, status,
                covNote, rFactor), null);
    }

    /** Column-pivoted QR over all working columns: the dependent ones (indices into the working columns). */
    static int[] dependent(Dataset data, boolean intercept, int k, double tol) {
        int[] all = new int[k];
        for (int c = 0; c < k; c++) {
            all[c] = c;
        }
        double[] scale = new double[k];
        double[] a = design(data, intercept, all, scale);
        return PivotedQr.factor(data.rows(), k, a, 0, k, intercept ? 1 : 0, tol).dependentColumns();
    }
}
