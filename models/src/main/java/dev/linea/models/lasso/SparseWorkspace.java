package dev.linea.models.lasso;

import dev.linea.kernels.sparse.CscMatrix;
import dev.linea.models.SparseDesign;

/**
 * Covariance-free ("naive") updates on a sparse design's columns (CSC, built once per fit by
 * {@link dev.linea.kernels.sparse.CsrMatrix#csc()} and dropped with this workspace), with glmnet's implicit centring and scaling: the working
 * column x̃_j = (x_j − m_j)/s_j is never formed — it would fill every zero in.
 *
 * <p>The residual r = ỹ − X̃β is kept as {@code r_i = q_i + o}: a change Δ of β_j moves every row by
 * {@code −Δ·(x_ij − m_j)/s_j}, i.e. the stored rows of column j by {@code −Δ·x_ij/s_j} (in q) and every row by
 * {@code +Δ·m_j/s_j} (the scalar o). So an update costs O(nnz_j), and the gradient
 * <pre>  g_j = Σ w̄_i·x̃_ij·r_i = (Σ_stored w̄_i·x_ij·q_i + o·u_j − m_j·(Q + o)) / s_j</pre>
 * too, with u_j = Σ_stored w̄_i·x_ij and Q = Σ w̄_i·q_i kept up to date (Σ w̄ = 1).
 */
final class SparseWorkspace implements Workspace {
    private final int n;
    private final int p;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final double[] val;
    private final double[] w;
    private final double[] mean;
    /** s_j, the working scale; 1/s_j is taken per use (one division per column visit, against a p-vector kept) */
    private final double[] scale;
    private final boolean[] excluded;
    /** u_j = Σ_stored w̄_i·x_ij */
    private final double[] u;
    private final double[] norms;
    /** y and m_y: ỹ = y − m_y, the residual at β = 0, is taken per use rather than kept (n doubles fewer) */
    private final double[] y;
    private final double yMean;
    private final double[] q;
    private double o;
    /** Σ w̄·q */
    private double sumQ;
    /** Scratch of n values for the sparse-sparse dots of {@link #gramOf}. */
    private double[] dense;
    /** Scratch of n values for {@link #gramTimes}. */
    private double[] product;

    /** @param x the design's matrix by columns, held by this workspace for the fit; not modified */
    SparseWorkspace(SparseDesign d, CscMatrix x, Standardization st) {
        n = st.n;
        p = st.p;
        colPtr = x.colPtrUnsafe();
        rowIdx = x.indicesUnsafe();
        val = x.valuesUnsafe();
        w = st.w;
        mean = st.mean;
        scale = st.scale;
        excluded = st.excluded;
        u = new double[p];
        norms = new double[p];
        for (int j = 0; j < p; j++) {
            double invj = inv(j);
            double s1 = 0;
            double s2 = 0;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                double wx = w[rowIdx[k]] * val[k];
                s1 += wx;
                s2 += wx * val[k];
            }
            u[j] = s1;
            // Σ w̄·(x − m)² with the zeros' share: Σ_stored w̄(x − m)² + m²·share (SparseDesign.zerosShare), written
            // so that it has no cancellation when m = x̄ (the spread about the mean, as the Standardization has it)
            double mj = mean[j];
            double sq = 0;
            double stored = 0;
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                double c = val[k] - mj;
                sq += w[rowIdx[k]] * c * c;
                stored += d.weight(rowIdx[k]);
            }
            norms[j] = (sq + mj * mj * d.zerosShare(stored)) * invj * invj;
        }
        y = d.yUnsafe();
        yMean = st.yMean;
        q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = y[i] - yMean;
        }
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += w[i] * q[i];
        }
        sumQ = t;
        o = 0;
    }

    /** @return 1/s_j, or 0 for an excluded column (it never moves) */
    private double inv(int j) {
        return excluded[j] ? 0 : 1 / scale[j];
    }

    @Override
    public double norm(int j) {
        return norms[j];
    }

    @Override
    public double gradient(int j) {
        double t = 0;
        for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
            int i = rowIdx[k];
            t += w[i] * val[k] * q[i];
        }
        return (t + o * u[j] - mean[j] * (sumQ + o)) * inv(j);
    }

    @Override
    public void update(int j, double delta) {
        double a = delta * inv(j);
        for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
            q[rowIdx[k]] -= a * val[k];
        }
        sumQ -= a * u[j];
        o += a * mean[j];
    }

    /**
     * Q = Σ w̄·q summed afresh. Every update adjusts Q by its own rounding, and a conjugate-gradient Newton step
     * updates every column of a large support at once: with a first form of that step (which moved the support
     * there and back) the drift reached 1e-10 of the null deviance in the duality gap on clicks.svm, where the gap
     * with Q summed afresh was 3e-12. The full-pass gradients (the gap's and the KKT check's) start from a fresh Q:
     * O(n), against O(nnz) for them.
     */
    private void refreshSumQ() {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += w[i] * q[i];
        }
        sumQ = t;
    }

    @Override
    public void gradients(boolean[] skip, double[] g) {
        refreshSumQ();
        for (int j = 0; j < p; j++) {
            if (skip == null || !skip[j]) {
                g[j] = gradient(j);
            }
        }
    }

    @Override
    public void gradientsOf(int[] list, int count, double[] out) {
        refreshSumQ();
        for (int k = 0; k < count; k++) {
            out[list[k]] = gradient(list[k]);
        }
    }

    /**
     * x̃_aᵀW̄x̃_b = (Σ w̄·x_a·x_b − m_b·u_a − m_a·u_b + m_a·m_b)/(s_a·s_b): the stored product by scattering column a
     * into a dense scratch and gathering column b (O(nnz_a + nnz_b)).
     */
    @Override
    public void gramOf(int[] list, int count, double[] out) {
        gramOf(list, count, null, out);
    }

    /**
     * Entry (a, b), b ≤ a: column list[a] scattered into an n-vector, then a sparse dot with column list[b], the
     * centring folded in by the column sums u. Pairs of two known columns are left as they are in out.
     */
    @Override
    public void gramOf(int[] list, int count, boolean[] known, double[] out) {
        if (dense == null) {
            dense = new double[n];
        }
        for (int a = 0; a < count; a++) {
            int ja = list[a];
            boolean aKnown = known != null && known[a];
            if (aKnown && allKnown(known, a)) {
                continue;
            }
            for (int k = colPtr[ja]; k < colPtr[ja + 1]; k++) {
                dense[rowIdx[k]] = w[rowIdx[k]] * val[k];
            }
            for (int b = 0; b <= a; b++) {
                if (aKnown && known[b]) {
                    continue;
                }
                int jb = list[b];
                double t = 0;
                for (int k = colPtr[jb]; k < colPtr[jb + 1]; k++) {
                    t += dense[rowIdx[k]] * val[k];
                }
                double v = a == b ? norms[ja]
                        : (t - mean[jb] * u[ja] - mean[ja] * u[jb] + mean[ja] * mean[jb]) * inv(ja) * inv(jb);
                out[a * count + b] = v;
                out[b * count + a] = v;
            }
            for (int k = colPtr[ja]; k < colPtr[ja + 1]; k++) {
                dense[rowIdx[k]] = 0;
            }
        }
    }

    /** @return whether known[0..a] are all true */
    private static boolean allKnown(boolean[] known, int a) {
        for (int b = 0; b < a; b++) {
            if (!known[b]) {
                return false;
            }
        }
        return true;
    }

    /**
     * t = X̃_A·v kept as its stored part tq plus one shift c0 = −Σ_b v_b·m_b/s_b for every row (the centring),
     * then out_a = (Σ_stored w̄·x_a·tq + c0·u_a − m_a·(Σ w̄·tq + c0))/s_a, as in {@link #gradient}: O(nnz_A + n).
     */
    @Override
    public void gramTimes(int[] list, int count, double[] v, double[] out) {
        if (product == null) {
            product = new double[n];
        }
        java.util.Arrays.fill(product, 0);
        double c0 = 0;
        for (int b = 0; b < count; b++) {
            int jb = list[b];
            double a = v[b] * inv(jb);
            if (a != 0) {
                for (int k = colPtr[jb]; k < colPtr[jb + 1]; k++) {
                    product[rowIdx[k]] += a * val[k];
                }
                c0 -= a * mean[jb];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[i] * product[i];
        }
        for (int a = 0; a < count; a++) {
            int ja = list[a];
            double t = 0;
            for (int k = colPtr[ja]; k < colPtr[ja + 1]; k++) {
                int i = rowIdx[k];
                t += w[i] * val[k] * product[i];
            }
            out[a] = (t + c0 * u[ja] - mean[ja] * (sum + c0)) * inv(ja);
        }
    }

    @Override
    public double targetDotResidual(double[] beta) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += w[i] * (y[i] - yMean) * (q[i] + o);
        }
        return t;
    }

    @Override
    public double deviance(double[] beta) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            double r = q[i] + o;
            t += w[i] * r * r;
        }
        return t;
    }

    @Override
    public String solver() {
        return "cd-sparse";
    }
}
