package dev.linea.models.ols;

import dev.linea.kernels.Backend;
import dev.linea.models.Dataset;
import dev.linea.models.linalg.PivotedQr;
import dev.linea.models.linalg.RefinedQr;
import dev.linea.models.linalg.TallSkinnyQr;

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
     * The working design over the working columns {@code cols}: the column scales from one read-only pass over the
     * data ({@link #scales}), then the scaled design written row by row (contiguous rows; a column-strided pass
     * touches every cache line of the m×r array once per column).
     */
    static double[] design(Dataset data, boolean intercept, int[] cols, double[] scaleOut) {
        int m = data.rows();
        int r = cols.length;
        System.arraycopy(scales(data, intercept, cols), 0, scaleOut, 0, r);
        double[] a = new double[Math.multiplyExact(m, r)];
        TallSkinnyQr.Rows rows = rows(data, data.xUnsafe(), intercept, cols, scaleOut);
        dev.linea.kernels.ParallelRows.forEach(m, r, (from, to) -> rows.write(from, to, a, from * r));
        return a;
    }

    /**
     * The column scales 2^{e_c}: 2^{e_c}·max_i |sqrt(w_i)·x̃(i, cols[c])| in [1, 2), 1 for a zero column (one pass
     * over the rows on Threads.count() threads, nothing written; the maxima are exact in any order).
     */
    static double[] scales(Dataset data, boolean intercept, int[] cols) {
        int m = data.rows();
        int n = data.cols();
        int r = cols.length;
        double[] x = data.xUnsafe();
        int shift = intercept ? 1 : 0;
        boolean contiguous = contiguous(n, intercept, cols);
        double[] max = new double[r];
        dev.linea.kernels.ParallelRows.max(m, r, r, (from, to, part, off) -> {
            for (int i = from; i < to; i++) {
                double sq = data.weighted() ? Math.sqrt(data.weight(i)) : 1;
                if (intercept && contiguous) {
                    part[off] = Math.max(part[off], Math.abs(sq));
                }
                if (contiguous) {
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        part[off + shift + j] = Math.max(part[off + shift + j], Math.abs(sq * x[row + j]));
                    }
                } else {
                    for (int c = 0; c < r; c++) {
                        int col = cols[c];
                        double v = intercept && col == 0 ? 1 : x[i * n + col - shift];
                        part[off + c] = Math.max(part[off + c], Math.abs(sq * v));
                    }
                }
            }
        }, max, 0);
        double[] scale = new double[r];
        for (int c = 0; c < r; c++) {
            scale[c] = max[c] == 0 ? 1 : Math.scalb(1.0, -Math.getExponent(max[c]));
        }
        return scale;
    }

    /** The low parts of the working design (null when the data have none), scaled like {@link #design}. */
    static double[] designLow(Dataset data, boolean intercept, int[] cols, double[] scale) {
        if (!data.hasLowParts()) {
            return null;
        }
        int m = data.rows();
        int r = cols.length;
        double[] a = new double[Math.multiplyExact(m, r)];
        TallSkinnyQr.Rows rows = rows(data, data.xLowUnsafe(), intercept, cols, scale);
        dev.linea.kernels.ParallelRows.forEach(m, r, (from, to) -> rows.write(from, to, a, from * r));
        if (intercept) {
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < r; c++) {
                    if (cols[c] == 0) {
                        a[i * r + c] = 0;
                    }
                }
            }
        }
        return a;
    }

    /** True when cols lists every column of [intercept,] x1…xn in order (the common case). */
    private static boolean contiguous(int n, boolean intercept, int[] cols) {
        boolean contiguous = cols.length == n + (intercept ? 1 : 0);
        for (int c = 0; c < cols.length && contiguous; c++) {
            contiguous = cols[c] == c;
        }
        return contiguous;
    }

    /**
     * Writes rows of A(i, c) = fl(sqrt(w_i)·x̃(i, cols[c]))·scale[c] (x the data's values or their low parts; the
     * scales are powers of two, so the product by them is exact).
     */
    private static TallSkinnyQr.Rows rows(Dataset data, double[] x, boolean intercept, int[] cols, double[] scale) {
        int n = data.cols();
        int r = cols.length;
        int shift = intercept ? 1 : 0;
        boolean contiguous = contiguous(n, intercept, cols);
        boolean unscaled = java.util.Arrays.stream(scale).allMatch(s -> s == 1);
        return (from, to, a, off) -> {
            for (int i = from; i < to; i++) {
                double sq = data.weighted() ? Math.sqrt(data.weight(i)) : 1;
                int row = off + (i - from) * r;
                if (contiguous) {
                    // All columns in order: the row after the intercept, scaled as it is copied.
                    if (intercept) {
                        a[row] = sq * scale[0];
                    }
                    int in = i * n;
                    if (sq == 1 && unscaled) {
                        System.arraycopy(x, in, a, row + shift, n);
                    } else { // with sq = 1 the product by it is exact: the same values as without it
                        for (int j = 0; j < n; j++) {
                            a[row + shift + j] = sq * x[in + j] * scale[shift + j];
                        }
                    }
                } else {
                    for (int c = 0; c < r; c++) {
                        int col = cols[c];
                        double v = intercept && col == 0 ? 1 : x[i * n + col - shift];
                        a[row + c] = sq * v * scale[c];
                    }
                }
            }
        };
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
        double[] scale = scales(data, intercept, cols);
        double[] b = target(data);
        // The design is built one row block at a time as the factorization reaches it, and Qᵀb formed in the same
        // pass (RefinedQr.ofRows): no m×r array but the design itself.
        RefinedQr qr = RefinedQr.ofRows(backend, m, r, rows(data, data.xUnsafe(), intercept, cols, scale),
                designLow(data, intercept, cols, scale), b);
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
        RefinedQr.Solution sol = qr.solve(b, maxSteps);
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
