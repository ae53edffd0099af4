package dev.linea.kernels.conformance;

/**
 * The error bounds the conformance suite allows, with their reasons. ε = 2⁻⁵² (the spacing of doubles at 1; the unit
 * roundoff is u = ε/2).
 *
 * <h2>Sums (dot, gemv, gemm, gram, fused gradients)</h2>
 * A sum of K rounded products computed in <em>any</em> order (pairwise, several accumulators, FMA or not) satisfies
 * |fl(Σ) − Σ| ≤ γ_K·Σ|terms| with γ_K = K·u/(1 − K·u) (Higham, Accuracy and Stability, §3.1). Backend and reference
 * each carry that error, so |got − ref| ≤ 2·γ_K·Σ|terms| ≈ K·ε·Σ|terms|. The suite allows
 * {@code GAMMA·(K + 3)·ε·Σ|terms|}: the +3 covers α·, β·y and a weight multiplication, GAMMA = 2 the O(u²) terms and
 * leaves room. This bound is rigorous, not statistical, and still catches any real bug: a missed or doubled term is
 * off by about |term|, orders of magnitude more than K·ε·Σ|terms| for K ≤ 1000.
 *
 * <h2>Elementwise (axpy, scal)</h2>
 * axpy is one multiply-add per element: |got − ref| ≤ GAMMA·ε·(|y| + |α·x|) (fused or not). scal is one correctly
 * rounded multiplication, so it must be bit-identical.
 *
 * <h2>Factorizations and solves</h2>
 * Compared by backward error, the quantity these algorithms guarantee, not by raw entries (which depend on
 * conditioning): Cholesky |L·Lᵀ − A| ≤ γ_{n+1}·|L|·|Lᵀ| (Higham Thm 10.3); triangular solve |op(T)·x − b| ≤
 * γ_n·|op(T)|·|x| (Thm 8.5); Cholesky solve |A·x − b| ≤ γ_{3n+1}·|L|·|Lᵀ|·|x| (Thm 10.4). Each gets GAMMA and the
 * rounding of the test's own residual. Householder QR is backward stable columnwise with a bound growing like m·n·u
 * (Thm 19.4), so reconstructions allow GAMMA·(m+2)·(n+2)·ε·‖A‖_F. QR <em>storage</em> is promised identical across
 * backends (same dlarfg convention), so R, the reflectors and τ are compared entry by entry on well-conditioned A
 * (condition number below about 3 by construction): R to GAMMA·(m+2)·(n+2)·ε·‖A‖_F, reflectors and τ (both of size
 * at most 2) to GAMMA·(m+2)·(n+2)·ε.
 *
 * <h2>Transcendental functions (logistic)</h2>
 * σ and log(1 + eᶻ) may use a vector exp: each evaluation is allowed {@link #TRANSCENDENTAL} ε of absolute error on
 * quantities of size ≤ 1 (Math.exp is within 1 ulp; SIMD exp within a few).
 */
final class Tolerance {
    /** 2⁻⁵². */
    static final double EPS = Math.ulp(1.0);
    /** Safety factor on the textbook bounds. */
    static final double GAMMA = 2;
    /** Allowed error, in ε, of one evaluation of σ(z) or log(1 + e^z) relative to its size. */
    static final double TRANSCENDENTAL = 16;

    private Tolerance() {
    }

    /** Tolerance of a sum of {@code terms} products whose absolute values sum to {@code magnitude}. */
    static double sum(int terms, double magnitude) {
        return GAMMA * (terms + 3) * EPS * magnitude;
    }

    /** Tolerance of a Householder-QR quantity of size {@code scale} for an m×n matrix. */
    static double qr(int m, int n, double scale) {
        return GAMMA * (m + 2.0) * (n + 2.0) * EPS * scale;
    }
}
