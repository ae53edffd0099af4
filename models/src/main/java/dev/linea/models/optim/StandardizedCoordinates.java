package dev.linea.models.optim;

import dev.linea.kernels.ParallelRows;
import java.util.Objects;

/**
 * A smooth objective of linear predictors seen in standardized coordinates: the change of variables θ = A·u that
 * turns the features x_j into (x_j − μ_j)/σ_j, so that a first-order method (L-BFGS, gradient descent) meets
 * columns of any scale as if they had been standardized, while the objective, and so its minimizer, is unchanged —
 * the penalty still applies to the original-scale θ. Nothing is copied: X is read once, for μ and σ.
 *
 * <p>Parameters are laid out as {@code blocks} blocks of n feature coefficients (block c at c·n) followed, with an
 * intercept, by the {@code blocks} intercepts (at blocks·n + c): the layout of the logistic (one block) and softmax
 * (one block per class) objectives. With an intercept, μ_j is the column mean and σ_j its standard deviation; without
 * one there is nothing to absorb the centring, so μ_j = 0 and σ_j is the column's root mean square. An L2 penalty
 * (λ/2)·‖θ‖² adds λ to the Hessian's diagonal, which for a column of tiny spread dominates its data term σ_j²·c
 * (c the curvature of the loss per unit of the linear predictor: 1/4 for the logistic loss at p = ½): the scale is
 * then {@code σ_j = sqrt(spread_j² + λ/c)}, so that every diagonal entry of the Hessian in u is about c, whatever
 * the columns' scales and the penalty (a Jacobi preconditioner). A constant (or zero) column without penalty gets
 * σ_j = 1. Then
 * <pre>
 *   θ_cj = u_cj / σ_j,                 b_c = u_bc − Σ_j μ_j·u_cj / σ_j        (θ = A·u)
 *   ∂/∂u_cj = (∂_cj − μ_j·∂_bc) / σ_j,  ∂/∂u_bc = ∂_bc                      (∇_u = Aᵀ·∇_θ)
 * </pre>
 * {@link #standardizedGradient} is the gradient in these coordinates: the measure solvers stop on, free of the
 * features' units.
 *
 * <p>Not thread-safe: {@link #value} reuses two work arrays (one instance per minimization).
 */
public final class StandardizedCoordinates implements DifferentiableFunction {
    private final DifferentiableFunction f;
    private final int n;
    private final int blocks;
    private final boolean intercept;
    private final double[] mu;
    private final double[] sigma;
    private final double[] theta;
    private final double[] gTheta;

    private StandardizedCoordinates(DifferentiableFunction f, int n, int blocks, boolean intercept, double[] mu,
                                    double[] sigma) {
        this.f = f;
        this.n = n;
        this.blocks = blocks;
        this.intercept = intercept;
        this.mu = mu;
        this.sigma = sigma;
        int p = blocks * n + (intercept ? blocks : 0);
        this.theta = new double[p];
        this.gTheta = new double[p];
    }

    /**
     * @param f         the objective in the original coordinates θ
     * @param m         rows of X
     * @param n         columns of X (features)
     * @param x         X, m×n row-major with leading dimension ld; not modified (read once)
     * @param ld        leading dimension ≥ n
     * @param blocks    ≥ 1, blocks of n coefficients (classes of a softmax; 1 for a single linear predictor)
     * @param intercept whether the parameters end with one intercept per block
     * @param ridge     λ/c ≥ 0: the L2 penalty's weight λ on θ over the loss's curvature c (0 without penalty)
     * @return the objective in standardized coordinates u
     */
    public static StandardizedCoordinates of(DifferentiableFunction f, int m, int n, double[] x, int ld, int blocks,
                                             boolean intercept, double ridge) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x");
        if (!(ridge >= 0) || ridge == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("ridge is " + ridge + ", expected a finite number >= 0");
        }
        if (blocks < 1 || n < 0 || m < 0 || ld < n) {
            throw new IllegalArgumentException("blocks " + blocks + ", n " + n + ", m " + m + ", ld " + ld
                    + ": expected blocks >= 1, m, n >= 0 and ld >= n");
        }
        return of(f, n, blocks, intercept, Spread.of(m, n, x, ld, intercept), ridge);
    }

    /**
     * The columns' centres and mean squared spreads, from which the scales are made: with an intercept the column
     * means μ_j and {@code Σ_i (x_ij − μ_j)²/m}; without, μ_j = 0 and {@code Σ_i x_ij²/m}. Rows in memory give them
     * by {@link #of(int, int, double[], int, boolean)}; a distributed engine merges its blocks' (same definitions).
     *
     * @param mean       n centres
     * @param meanSquare n mean squared deviations from them
     */
    public record Spread(double[] mean, double[] meanSquare) {
        public Spread {
            mean = mean.clone();
            meanSquare = meanSquare.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] meanSquare() {
            return meanSquare.clone();
        }

        /**
         * One pass over the rows, on {@link dev.linea.kernels.Threads#count()} threads ({@link ParallelRows#merge}):
         * each cache-sized sub-block of rows is summed, then its squares are summed about its own mean while it is
         * still in cache (no cancellation for columns whose mean dwarfs their spread), and the sub-blocks' and row
         * blocks' (count, mean, squares) are pooled by Chan, Golub and LeVeque's exact update in a fixed order, so
         * the result depends on the shape alone, not on the thread count.
         *
         * @param x       m×n row-major with leading dimension ld; not modified (read once)
         * @param centred true with an intercept (about the means), false about 0
         */
        public static Spread of(int m, int n, double[] x, int ld, boolean centred) {
            int size = 1 + 2 * n;
            double[] out = new double[size];
            int sub = Math.max(8, (SUB_BLOCK_DOUBLES / Math.max(1, n)) & ~7);
            ParallelRows.merge(m, Math.max(1, n), size, (from, to, part, off) ->
                    accumulate(from, to, sub, n, x, ld, centred, part, off),
                    (part, into, fromOff) -> pool(n, part, into, part, fromOff), out, 0);
            double[] mu = new double[n];
            double[] sq = new double[n];
            for (int j = 0; j < n; j++) {
                mu[j] = centred && m > 0 ? out[1 + j] : 0;
                sq[j] = m > 0 ? out[1 + n + j] / m : 0;
            }
            return new Spread(mu, sq);
        }

        /** Doubles of X a sub-block holds at most (with the slots, it stays in L2 for its second reading). */
        private static final int SUB_BLOCK_DOUBLES = 1 << 14;

        /** Rows [from, to) pooled into the slot at off: [rows, mean (n), squares about the mean (n)]. */
        private static void accumulate(int from, int to, int sub, int n, double[] x, int ld, boolean centred,
                                       double[] part, int off) {
            double[] one = new double[1 + 2 * n];
            for (int i0 = from; i0 < to; i0 += sub) {
                int i1 = Math.min(to, i0 + sub);
                java.util.Arrays.fill(one, 0.0);
                one[0] = i1 - i0;
                if (centred) {
                    for (int i = i0; i < i1; i++) {
                        int row = i * ld;
                        for (int j = 0; j < n; j++) {
                            one[1 + j] += x[row + j];
                        }
                    }
                    double inv = 1.0 / (i1 - i0);
                    for (int j = 0; j < n; j++) {
                        one[1 + j] *= inv;
                    }
                    for (int i = i0; i < i1; i++) {
                        int row = i * ld;
                        for (int j = 0; j < n; j++) {
                            double d = x[row + j] - one[1 + j];
                            one[1 + n + j] += d * d;
                        }
                    }
                } else {
                    for (int i = i0; i < i1; i++) {
                        int row = i * ld;
                        for (int j = 0; j < n; j++) {
                            double v = x[row + j];
                            one[1 + n + j] += v * v;
                        }
                    }
                }
                pool(n, part, off, one, 0);
            }
        }

        /** Pools part b (at bo) into part a (at ao), both [count W, means μ (n), squares about them M (n)]. */
        private static void pool(int n, double[] a, int ao, double[] b, int bo) {
            a[ao] = dev.linea.kernels.CentredMoments.poolDiagonal(n, a[ao], a, ao + 1, a, ao + 1 + n, b[bo], b,
                    bo + 1, b, bo + 1 + n);
        }
    }

    /**
     * The objective in standardized coordinates from the columns' {@link Spread}: σ_j = sqrt(meanSquare_j + ridge),
     * 1 where that is 0 or not finite.
     *
     * @param f         the objective in the original coordinates θ
     * @param n         features
     * @param blocks    ≥ 1, blocks of n coefficients
     * @param intercept whether the parameters end with one intercept per block (the spread then centred)
     * @param spread    the columns' centres and mean squared spreads
     * @param ridge     λ/c ≥ 0 (see {@link #of(DifferentiableFunction, int, int, double[], int, int, boolean, double)})
     */
    public static StandardizedCoordinates of(DifferentiableFunction f, int n, int blocks, boolean intercept,
                                             Spread spread, double ridge) {
        Objects.requireNonNull(f, "f");
        if (!(ridge >= 0) || ridge == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("ridge is " + ridge + ", expected a finite number >= 0");
        }
        double[] mu = spread.mean();
        double[] sq = spread.meanSquare();
        if (mu.length != n || sq.length != n) {
            throw new IllegalArgumentException("spread of " + mu.length + " columns, expected " + n);
        }
        double[] sigma = new double[n];
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(sq[j] + ridge);
            sigma[j] = s > 0 && Double.isFinite(s) ? s : 1;
            if (!Double.isFinite(mu[j])) {
                mu[j] = 0;
            }
        }
        return new StandardizedCoordinates(f, n, blocks, intercept, mu, sigma);
    }

    /** @return the number of parameters */
    public int parameters() {
        return theta.length;
    }

    @Override
    public double value(double[] u, double[] gradOut) {
        toOriginal(u, theta);
        double v = f.value(theta, gTheta);
        standardizedGradient(gTheta, gradOut);
        return v;
    }

    /**
     * θ = A·u.
     *
     * @param u   standardized parameters; not modified
     * @param out modified: the original-scale parameters (may not be u)
     */
    public void toOriginal(double[] u, double[] out) {
        for (int c = 0; c < blocks; c++) {
            double shift = 0;
            for (int j = 0; j < n; j++) {
                double t = u[c * n + j] / sigma[j];
                out[c * n + j] = t;
                shift += mu[j] * t;
            }
            if (intercept) {
                out[blocks * n + c] = u[blocks * n + c] - shift;
            }
        }
    }

    /** @return θ = A·u, a new array ({@code u} not modified) */
    public double[] toOriginal(double[] u) {
        double[] out = new double[u.length];
        toOriginal(u, out);
        return out;
    }

    /**
     * u = A⁻¹·θ.
     *
     * @param theta original-scale parameters; not modified
     * @return the standardized parameters, a new array
     */
    public double[] fromOriginal(double[] theta) {
        double[] u = new double[theta.length];
        for (int c = 0; c < blocks; c++) {
            double shift = 0;
            for (int j = 0; j < n; j++) {
                u[c * n + j] = theta[c * n + j] * sigma[j];
                shift += mu[j] * theta[c * n + j];
            }
            if (intercept) {
                u[blocks * n + c] = theta[blocks * n + c] + shift;
            }
        }
        return u;
    }

    /**
     * ∇_u = Aᵀ·∇_θ: a gradient in the original coordinates seen in the standardized ones.
     *
     * @param g   the gradient with respect to θ; not modified
     * @param out modified: the gradient with respect to u (may not be g)
     */
    public void standardizedGradient(double[] g, double[] out) {
        for (int c = 0; c < blocks; c++) {
            double gb = intercept ? g[blocks * n + c] : 0;
            for (int j = 0; j < n; j++) {
                out[c * n + j] = (g[c * n + j] - mu[j] * gb) / sigma[j];
            }
            if (intercept) {
                out[blocks * n + c] = gb;
            }
        }
    }

    /** @return σ_j of feature j (1 for a constant column) */
    public double scale(int j) {
        return sigma[j];
    }

    /** @return the smallest 1/σ_j², the factor by which an L2 penalty's modulus shrinks in u (1 without features) */
    public double minInverseSquaredScale() {
        double m = Double.POSITIVE_INFINITY;
        for (double s : sigma) {
            m = Math.min(m, 1 / (s * s));
        }
        return n == 0 ? 1 : m;
    }
}
