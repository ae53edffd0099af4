package dev.linea.models.logistic;

import dev.linea.models.optim.Lbfgs;
import dev.linea.models.optim.LbfgsOptions;
import dev.linea.models.optim.LbfgsResult;
import java.util.Arrays;

/**
 * Accelerated proximal gradient (FISTA with backtracking and function-value restart) for the multinomial objective
 * with an L1 term (internal). Minimizes {@code F(θ) = f(θ) + μ·‖W‖₁}, f the smooth {@link SoftmaxObjective}
 * (its λ carries the ridge part), μ ≥ 0 on the K·n coefficients only (never the intercepts). One iteration:
 * <pre>
 *   x⁺ = prox_{tμ‖·‖₁}(y − t·∇f(y))          soft-thresholding of the W entries by t·μ
 *   accept t when f(x⁺) ≤ f(y) + ∇f(y)ᵀ(x⁺ − y) + ‖x⁺ − y‖²/(2t), else t ← t/2
 *   restart (y ← x, momentum 0, step again) when F(x⁺) &gt; F(x): F never increases
 *   y ← x⁺ + (a_k − 1)/a_{k+1}·(x⁺ − x),   a_{k+1} = (1 + √(1 + 4a_k²))/2
 * </pre>
 * The step t grows by 10 % per iteration before backtracking, since the softmax curvature is largest at θ = 0 and
 * smaller near the optimum. When the decrease is below rounding (|f(x⁺) − f(y)| ≤ 1e-12·|f(y)|) the sufficient
 * decrease is tested on gradients instead, {@code (∇f(x⁺) − ∇f(y))ᵀ(x⁺ − y) ≤ ‖x⁺ − y‖²/t}, which has no
 * cancellation. Converged when the gradient mapping {@code ‖(y − x⁺)/t‖_∞} (the prox analogue of the gradient;
 * zero exactly at the optimum) is at most tol.
 *
 * <p>Proximal gradient identifies the support (and the signs) in finitely many steps but then converges only
 * linearly, slowly along flat directions (pure L1 leaves the shift of a W column over the classes without
 * curvature). So once the support has stayed the same for {@value #STABLE} iterations, the smooth problem on it with
 * the signs fixed, {@code f(θ) + μ·sign(W_S)ᵀW_S} over the support and the intercepts, is solved by L-BFGS (at most
 * {@value #POLISHES} times); its answer is kept only when no sign flipped and F did not increase, and the FISTA
 * iterations continue from it, so convergence is still judged by the gradient mapping.
 */
final class SoftmaxProximal {
    private static final int HISTORY_LIMIT = 65_537;
    private static final int STABLE = 50;
    private static final int POLISHES = 5;

    private SoftmaxProximal() {
    }

    static LbfgsResult minimize(SoftmaxObjective f, double mu, double tol, int maxIterations) {
        int p = f.parameters();
        int nw = f.k * f.n;
        double[] x = new double[p];
        double[] xNew = new double[p];
        double[] y = new double[p];
        double[] gy = new double[p];
        double[] gNew = new double[p];
        double fy = f.value(y, gy);
        double fx = fy;
        double bigF = fx;
        double t = 1;
        double a = 1;
        double[] history = new double[Math.min(HISTORY_LIMIT, maxIterations + 1)];
        int hist = 0;
        history[hist++] = bigF;
        int evaluations = 1;
        int iter = 0;
        double mapping = Double.POSITIVE_INFINITY;
        boolean converged = false;
        String reason;
        boolean yIsX = true;
        int stable = 0;
        int polishes = 0;
        while (true) {
            if (iter >= maxIterations) {
                reason = "iteration limit " + maxIterations + " reached, gradient mapping max-abs " + mapping
                        + " > tol " + tol;
                break;
            }
            t *= 1.1;
            double fNew;
            double bigFNew;
            while (true) {
                double dd = 0;
                double gd = 0;
                for (int j = 0; j < p; j++) {
                    double v = y[j] - t * gy[j];
                    if (j < nw) {
                        double th = t * mu;
                        v = v > th ? v - th : v < -th ? v + th : 0;
                    }
                    xNew[j] = v;
                    double d = v - y[j];
                    dd += d * d;
                    gd += gy[j] * d;
                }
                fNew = f.value(xNew, gNew);
                evaluations++;
                boolean ok;
                if (!Double.isFinite(fNew)) {
                    ok = false;
                } else if (Math.abs(fNew - fy) > 1e-12 * Math.abs(fy)) {
                    ok = fNew <= fy + gd + dd / (2 * t);
                } else {
                    double curv = 0;
                    for (int j = 0; j < p; j++) {
                        curv += (gNew[j] - gy[j]) * (xNew[j] - y[j]);
                    }
                    ok = curv <= dd / t;
                }
                if (ok || dd == 0) {
                    break;
                }
                t *= 0.5;
                if (t < 1e-300) {
                    break;
                }
            }
            mapping = 0;
            for (int j = 0; j < p; j++) {
                mapping = Math.max(mapping, Math.abs(y[j] - xNew[j]) / t);
            }
            bigFNew = fNew + mu * l1(xNew, nw);
            if (bigFNew > bigF && !yIsX) {
                // restart: a plain proximal-gradient step from x instead
                System.arraycopy(x, 0, y, 0, p);
                fy = f.value(y, gy);
                evaluations++;
                a = 1;
                yIsX = true;
                continue;
            }
            iter++;
            double aNew = (1 + Math.sqrt(1 + 4 * a * a)) / 2;
            double beta = (a - 1) / aNew;
            a = aNew;
            boolean done = mapping <= tol;
            boolean stuck = bigFNew >= bigF && yIsX && !done;
            boolean sameSupport = true;
            for (int j = 0; j < p; j++) {
                double xn = xNew[j];
                if (j < nw && (xn == 0) != (x[j] == 0)) {
                    sameSupport = false;
                }
                y[j] = xn + beta * (xn - x[j]);
                x[j] = xn;
            }
            stable = sameSupport ? stable + 1 : 0;
            fx = fNew;
            bigF = Math.min(bigF, bigFNew);
            if (hist < history.length) {
                history[hist++] = bigF;
            }
            if (done) {
                converged = true;
                reason = "gradient mapping max-abs " + mapping + " <= tol " + tol;
                break;
            }
            if (stuck && mapping <= 1e-14 * Math.max(1, maxAbs(x))) {
                reason = "no further decrease at rounding level, gradient mapping max-abs " + mapping + " > tol "
                        + tol;
                break;
            }
            if (stable >= STABLE && polishes < POLISHES) {
                polishes++;
                stable = 0;
                double[] polished = polish(f, mu, x, nw, tol, maxIterations);
                if (polished != null) {
                    double[] gp = new double[p];
                    double fp = f.value(polished, gp);
                    evaluations++;
                    if (fp + mu * l1(polished, nw) <= bigF) {
                        System.arraycopy(polished, 0, x, 0, p);
                        System.arraycopy(polished, 0, y, 0, p);
                        System.arraycopy(gp, 0, gy, 0, p);
                        fx = fp;
                        fy = fp;
                        bigF = fp + mu * l1(x, nw);
                        a = 1;
                        yIsX = true;
                        continue;
                    }
                }
            }
            if (beta == 0) {
                System.arraycopy(gNew, 0, gy, 0, p);
                fy = fNew;
                yIsX = true;
            } else {
                fy = f.value(y, gy);
                evaluations++;
                yIsX = false;
            }
        }
        double[] g = new double[p];
        f.value(x, g);
        return new LbfgsResult(x, fx + mu * l1(x, nw), g, iter, evaluations, converged, reason,
                Arrays.copyOf(history, hist));
    }

    /**
     * L-BFGS on the support of x (and the intercepts) with the signs of x fixed. @return the full parameter vector,
     * or null when a sign flipped or the result is not finite
     */
    private static double[] polish(SoftmaxObjective f, double mu, double[] x, int nw, double tol, int maxIterations) {
        int p = x.length;
        int[] idx = new int[p];
        int q = 0;
        for (int j = 0; j < p; j++) {
            if (j >= nw || x[j] != 0) {
                idx[q++] = j;
            }
        }
        int size = q;
        double[] sign = new double[p];
        for (int j = 0; j < nw; j++) {
            sign[j] = Math.signum(x[j]);
        }
        double[] full = new double[p];
        double[] g = new double[p];
        double[] start = new double[size];
        for (int i = 0; i < size; i++) {
            start[i] = x[idx[i]];
        }
        LbfgsOptions o = new LbfgsOptions(10, tol, 0, maxIterations,
                (int) Math.min(Integer.MAX_VALUE, 20L * maxIterations));
        LbfgsResult r = new Lbfgs(o).minimize((z, gz) -> {
            java.util.Arrays.fill(full, 0);
            double lin = 0;
            for (int i = 0; i < size; i++) {
                full[idx[i]] = z[i];
                lin += sign[idx[i]] * z[i];
            }
            double v = f.value(full, g);
            for (int i = 0; i < size; i++) {
                gz[i] = g[idx[i]] + mu * sign[idx[i]];
            }
            return v + mu * lin;
        }, start);
        double[] z = r.x();
        double[] out = new double[p];
        for (int i = 0; i < size; i++) {
            int j = idx[i];
            if (!Double.isFinite(z[i]) || (j < nw && Math.signum(z[i]) != sign[j])) {
                return null;
            }
            out[j] = z[i];
        }
        return out;
    }

    private static double l1(double[] v, int nw) {
        double s = 0;
        for (int j = 0; j < nw; j++) {
            s += Math.abs(v[j]);
        }
        return s;
    }

    private static double maxAbs(double[] v) {
        double s = 0;
        for (double d : v) {
            s = Math.max(s, Math.abs(d));
        }
        return s;
    }
}
