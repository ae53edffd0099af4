package dev.linea.models.linalg;

import java.util.Arrays;

/**
 * Rank-revealing Householder QR with column pivoting (Businger &amp; Golub): {@code A·P = Q·R} where at step k the
 * remaining column of largest norm is moved to position k, so |R(0,0)| ≥ |R(1,1)| ≥ … over the pivoted part. The
 * numerical rank is the number of leading diagonal entries with
 * <pre>  |R(k,k)| &gt; tol · max_j |R(j,j)|</pre>
 * and the columns {@code perm[rank…]} are the ones that depend (to that tolerance) on the others.
 *
 * <p>Scalar code: it runs once per fit and only on the rare rank-deficient path. Column norms are downdated after
 * each step and recomputed when cancellation makes the downdate unreliable (LAPACK dlaqp2's rule). The first
 * {@code fixed} columns are never pivoted away (Linea keeps the intercept there). Works for any m, n (it stops
 * after min(m, n) steps, so at most min(m, n) columns are independent).
 */
public final class PivotedQr {
    private final int rank;
    private final int[] perm;
    private final double[] diagonal;

    private PivotedQr(int rank, int[] perm, double[] diagonal) {
        this.rank = rank;
        this.perm = perm;
        this.diagonal = diagonal;
    }

    /**
     * Factors a copy of A (row-major m×n) and determines its numerical rank.
     *
     * @param a     not modified
     * @param fixed number of leading columns factored in place, without pivoting (0 ≤ fixed ≤ n)
     * @param tol   relative tolerance ≥ 0 on |R(k,k)| / max |R(j,j)|
     * @throws IllegalArgumentException for bad sizes or a negative / NaN tolerance
     */
    public static PivotedQr factor(int m, int n, double[] a, int aOff, int lda, int fixed, double tol) {
        if (m < 0 || n < 0 || lda < n || aOff < 0 || (long) aOff + (long) Math.max(0, m - 1) * lda + n > a.length
                && m > 0) {
            throw new IllegalArgumentException("PivotedQr: " + m + "×" + n + " at offset " + aOff + " with lda "
                    + lda + " does not fit an array of length " + a.length);
        }
        if (fixed < 0 || fixed > n) {
            throw new IllegalArgumentException("PivotedQr: fixed is " + fixed + ", expected 0.." + n);
        }
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("PivotedQr: tol is " + tol + ", expected a number >= 0");
        }
        double[] w = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a, aOff + i * lda, w, i * n, n);
        }
        int[] perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j;
        }
        double[] norms = new double[n];
        double[] normsRef = new double[n];
        for (int j = 0; j < n; j++) {
            norms[j] = columnNorm(w, m, n, 0, j);
            normsRef[j] = norms[j];
        }
        int steps = Math.min(m, n);
        double[] diag = new double[steps];
        double tol3z = Math.sqrt(Math.ulp(1.0));
        for (int k = 0; k < steps; k++) {
            if (k >= fixed) {
                int best = k;
                for (int j = k + 1; j < n; j++) {
                    if (norms[j] > norms[best]) {
                        best = j;
                    }
                }
                if (best != k) {
                    swapColumns(w, m, n, k, best);
                    swap(perm, k, best);
                    swap(norms, k, best);
                    swap(normsRef, k, best);
                }
            }
            diag[k] = householder(w, m, n, k);
            for (int j = k + 1; j < n; j++) {
                if (norms[j] != 0) {
                    double t = Math.abs(w[k * n + j]) / norms[j];
                    t = Math.max(0, (1 + t) * (1 - t));
                    double ratio = norms[j] / normsRef[j];
                    if (t * ratio * ratio <= tol3z) {
                        norms[j] = columnNorm(w, m, n, k + 1, j);
                        normsRef[j] = norms[j];
                    } else {
                        norms[j] *= Math.sqrt(t);
                    }
                }
            }
        }
        double max = 0;
        for (double d : diag) {
            max = Math.max(max, Math.abs(d));
        }
        int rank = 0;
        while (rank < steps && Math.abs(diag[rank]) > tol * max) {
            rank++;
        }
        return new PivotedQr(rank, perm, diag);
    }

    /** @return the numerical rank r: columns {@code perm[0…r−1]} are independent. */
    public int rank() {
        return rank;
    }

    /** @return the column permutation: position k of A·P holds column {@code perm[k]} of A. */
    public int[] permutation() {
        return perm.clone();
    }

    /** @return |R(k,k)| for k &lt; min(m, n) (absolute values not taken: the dlarfg sign is kept). */
    public double[] diagonal() {
        return diagonal.clone();
    }

    /** @return the original indices of the dependent columns, {@code perm[rank…n−1]}, sorted ascending. */
    public int[] dependentColumns() {
        int[] d = Arrays.copyOfRange(perm, rank, perm.length);
        Arrays.sort(d);
        return d;
    }

    /** Householder reflector for column k, rows k…m−1, applied to columns k+1…n−1; returns R(k,k). */
    private static double householder(double[] w, int m, int n, int k) {
        double alpha = w[k * n + k];
        double xnorm2 = 0;
        for (int i = k + 1; i < m; i++) {
            double v = w[i * n + k];
            xnorm2 += v * v;
        }
        if (xnorm2 == 0) {
            return alpha;
        }
        double beta = -Math.copySign(Math.hypot(alpha, Math.sqrt(xnorm2)), alpha);
        double tau = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int i = k + 1; i < m; i++) {
            w[i * n + k] *= scale;
        }
        w[k * n + k] = beta;
        for (int j = k + 1; j < n; j++) {
            double s = w[k * n + j];
            for (int i = k + 1; i < m; i++) {
                s += w[i * n + k] * w[i * n + j];
            }
            s *= tau;
            w[k * n + j] -= s;
            for (int i = k + 1; i < m; i++) {
                w[i * n + j] -= s * w[i * n + k];
            }
        }
        return beta;
    }

    private static double columnNorm(double[] w, int m, int n, int from, int j) {
        double scale = 0;
        for (int i = from; i < m; i++) {
            scale = Math.max(scale, Math.abs(w[i * n + j]));
        }
        if (scale == 0) {
            return 0;
        }
        double s = 0;
        for (int i = from; i < m; i++) {
            double v = w[i * n + j] / scale;
            s += v * v;
        }
        return scale * Math.sqrt(s);
    }

    private static void swapColumns(double[] w, int m, int n, int a, int b) {
        for (int i = 0; i < m; i++) {
            double t = w[i * n + a];
            w[i * n + a] = w[i * n + b];
            w[i * n + b] = t;
        }
    }

    private static void swap(int[] v, int a, int b) {
        int t = v[a];
        v[a] = v[b];
        v[b] = t;
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }
}
