package dev.linea.models.gd;

/**
 * {@link Steps} on CSR rows, each step reading its batch's rows straight from the CSR arrays and costing
 * O(non-zeros of the batch) wherever the penalty allows.
 *
 * <p>One step with f = η·m/(|B|·Σw), residuals r_i = x'_i·β' + b' − y_i at the parameters from before the step and
 * R = Σ_{i∈B} w_i·r_i is, for every column j (x'_ij = (x_ij − c_j)·d_j, e_j = c_j·d_j):
 * <pre>  β'_j ← q_j·β'_j − f·d_j·Σ_{i∈B} w_i·r_i·x_ij + f·R·e_j,   q_j = 1 − η·α/σ_j²,   b' ← b' − f·R</pre>
 * The first term touches every coefficient (the ridge shrinkage), the last one too (the centring's shift); only
 * the middle one is sparse. Both dense terms are kept implicit:
 * <ul>
 *   <li><b>one shrinkage factor, no centring</b> (no standardization: q_j = 1 − η·α for every column that is not
 *       excluded): the scaled weight vector of Bottou's SGD and scikit-learn's {@code SGDClassifier}, β' = s·v with
 *       one scalar s; a step multiplies s by q (O(1)) and the batch updates v at its entries by the gradient term
 *       divided by s. When s falls below 1e-200 it is folded into v (O(n), rare).
 *   <li><b>per-column shrinkage, no centring</b> (standardized without an intercept: q_j = 1 − η·α/σ_j² differ):
 *       one scalar cannot carry them, so each coefficient carries the step up to which it was shrunk and is
 *       multiplied by q_j^(steps missed) when a batch next reads it (and at the end of the epoch).
 *   <li><b>centring without shrinkage</b> (α = 0): β' = v + a·e with one scalar a that takes every step's f·R;
 *       the batch updates v at its entries, and the margins' centring term Σ_j e_j·β'_j = Σ_j e_j·v_j + a·Σ_j e_j²
 *       is kept up to date at the same entries.
 *   <li><b>both</b> (ridge with an intercept and standardization): between two reads, column j follows
 *       β'_j(t+1) = q_j·β'_j(t) + a_t·e_j with a_t = f·R common to all columns, so
 *       β'_j(t) = q_j^(t−s)·β'_j(s) + e_j·(A_q(t) − q_j^(t−s)·A_q(s)) with A_q(t + 1) = q·A_q(t) + a_t: the columns
 *       that share one factor q (one 1/σ_j²) share one accumulator. The G distinct factors are grouped; a step
 *       updates the G accumulators and the G group sums T_g = Σ_{j∈g} e_j·β'_j (whose total is the margins'
 *       centring term), and a column read after a gap is caught up from its group's accumulator and the snapshot
 *       of it taken at its last update: O(G + non-zeros of the batch) per step. Binary and signed hashed columns
 *       share few variances (unweighted, σ_j² depends only on the column's counts of +1 and −1), so G is small;
 *       when more than half the columns have a variance of their own (continuous or weighted columns), the
 *       accumulators would cost as much as the dense step, which is taken instead: every coefficient updated,
 *       O(n) per step.
 * </ul>
 * At the end of every epoch the implicit parts are folded into β' (O(n) per epoch, like the epoch's full-data loss).
 * The arithmetic is the dense step's regrouped, so a fit equals the dense fit of the densified design (same seed,
 * same batches, same schedule) to rounding.
 */
final class SparseSteps implements Steps {
    private final SparseWorkingData wd;
    private final int[] rp;
    private final int[] ci;
    private final double[] xv;
    private final double[] d;
    /** e_j = c_j·d_j, or null without centring */
    private final double[] e;
    private final double alpha;
    private final int b;
    private final int n;
    private final boolean shrinks;
    private final boolean denseSteps;
    /** w_i·r_i of the batch's rows */
    private final double[] wr;
    /** per column: the step of the epoch up to which its shrinkage has been applied (per-column shrinkage only) */
    private final int[] stamp;
    /** the common 1/σ² of the columns when it is one value (one shrinkage factor: β' = s·v), else NaN */
    private final double commonPenaltyScale;
    /** Σ_j e_j² (centring only) */
    private final double e2;
    /** shrinkage and centring together, G ≤ n/2 distinct 1/σ²: column j's group, else null (see the class note) */
    private final int[] group;
    /** per group: its 1/σ², and Σ_{j∈g} e_j² */
    private final double[] groupScale;
    private final double[] groupE2;
    /** per group, within an epoch: the accumulator A_q, and T_g = Σ_{j∈g} e_j·β'_j */
    private final double[] accA;
    private final double[] accT;
    /** per column (grouped steps): the step up to which it is current, and its group's A_q at that step */
    private final int[] gstamp;
    private final double[] snap;

    SparseSteps(SparseWorkingData wd, double alpha, int b) {
        this.wd = wd;
        this.rp = wd.x.rowPtrUnsafe();
        this.ci = wd.x.indicesUnsafe();
        this.xv = wd.x.valuesUnsafe();
        this.d = wd.d;
        this.n = wd.n;
        this.alpha = alpha;
        this.b = b;
        double[] shift = null;
        double sum = 0;
        if (wd.centre != null) {
            shift = new double[n];
            for (int j = 0; j < n; j++) {
                shift[j] = wd.centre[j] * d[j];
                sum += shift[j] * shift[j];
            }
        }
        this.e = shift;
        this.e2 = sum;
        this.shrinks = alpha > 0;
        this.denseSteps = shrinks && e != null;
        this.wr = new double[b];
        double common = Double.NaN;
        if (shrinks && !denseSteps) {
            common = 0;
            for (int j = 0; j < n; j++) {
                double ps = wd.penaltyScale[j];
                if (!wd.excluded[j]) { // an excluded column stays 0 whatever shrinks it
                    if (common == 0) {
                        common = ps;
                    } else if (ps != common) {
                        common = Double.NaN;
                        break;
                    }
                }
            }
        }
        this.commonPenaltyScale = common;
        this.stamp = shrinks && !denseSteps && Double.isNaN(common) ? new int[n] : null;
        int[] grp = null;
        int groups = 0;
        if (denseSteps) {
            grp = new int[n];
            java.util.HashMap<Long, Integer> ids = new java.util.HashMap<>();
            for (int j = 0; j < n && groups <= n / 2; j++) {
                long key = Double.doubleToLongBits(wd.penaltyScale[j] + 0.0); // −0.0 and 0.0 alike
                Integer id = ids.get(key);
                if (id == null) {
                    id = groups++;
                    ids.put(key, id);
                }
                grp[j] = id;
            }
            if (groups > n / 2) {
                grp = null;
            }
        }
        this.group = grp;
        if (grp != null) {
            groupScale = new double[groups];
            groupE2 = new double[groups];
            for (int j = 0; j < n; j++) {
                groupScale[grp[j]] = wd.penaltyScale[j];
                groupE2[grp[j]] += e[j] * e[j];
            }
            accA = new double[groups];
            accT = new double[groups];
            gstamp = new int[n];
            snap = new double[n];
        } else {
            groupScale = null;
            groupE2 = null;
            accA = null;
            accT = null;
            gstamp = null;
            snap = null;
        }
    }

    /** @return a note for the report: how a step's cost scales */
    String describe() {
        if (group != null) {
            return "sparse steps: O(" + accA.length + " + non-zeros of the batch) per step (ridge shrinkage and "
                    + "centring applied lazily: the columns' " + accA.length + " distinct variances share "
                    + "accumulators)";
        }
        if (denseSteps) {
            return "sparse steps: ridge with standardization and an intercept shrinks each column by its own factor "
                    + "and shifts all of them, and more than half the " + n + " columns have a variance of their "
                    + "own, so every step updates all " + n + " coefficients (fit without standardize, or with "
                    + "alpha 0, for steps in O(non-zeros of the batch))";
        }
        return "sparse steps: O(non-zeros of the batch) per step (" + (stamp != null ? "ridge shrinkage applied "
                + "lazily, per column" : shrinks ? "ridge shrinkage as one scale factor, w = s·v" : e != null
                ? "centring applied implicitly" : "no penalty, no centring") + ")";
    }

    @Override
    public void epoch(int[] order, double eta, double[] beta) {
        int m = wd.m;
        boolean icpt = wd.intercept;
        // centring: β' = v + a·e with v in beta[0 … n); mean = Σ_j e_j·v_j
        double a = 0;
        double ev = 0;
        if (e != null) {
            for (int j = 0; j < n; j++) {
                ev += e[j] * beta[j];
            }
        }
        // one shrinkage factor: β' = sc·v with v in beta[0 … n); a factor ≤ 0 (a rate far beyond 1/α, which flips
        // every coefficient's sign each step) cannot be a scale, so such an epoch takes dense steps
        double qc = 1 - eta * alpha * commonPenaltyScale;
        boolean scaled = shrinks && !denseSteps && stamp == null && qc > 0;
        boolean grouped = group != null;
        boolean dense = !grouped && (denseSteps || (shrinks && stamp == null && !scaled));
        double[] qg = null;
        if (grouped) { // this epoch's factors; the accumulators start at 0 and the group sums at the current β'
            qg = new double[accA.length];
            for (int g = 0; g < qg.length; g++) {
                qg[g] = 1 - eta * alpha * groupScale[g];
                accA[g] = 0;
                accT[g] = 0;
            }
            for (int j = 0; j < n; j++) {
                accT[group[j]] += e[j] * beta[j];
            }
        }
        double sc = 1;
        int step = 0;
        for (int start = 0; start < m; start += b, step++) {
            int rows = Math.min(b, m - start);
            double f = eta * ((double) m / ((double) rows * wd.sumW));
            double shift;
            if (grouped) {
                shift = 0;
                for (double t : accT) {
                    shift += t;
                }
            } else {
                shift = e == null ? 0 : dense ? ev : ev + a * e2;
            }
            double bias = icpt ? beta[n] : 0;
            double rsum = 0;
            for (int k = 0; k < rows; k++) {
                int i = order[start + k];
                double z = bias - shift;
                for (int q = rp[i]; q < rp[i + 1]; q++) {
                    int j = ci[q];
                    double bj;
                    if (grouped) {
                        bj = catchUpGrouped(beta, j, step, qg);
                    } else if (stamp != null) {
                        bj = catchUp(beta, j, step, eta);
                    } else if (scaled) {
                        bj = sc * beta[j];
                    } else {
                        bj = e == null || dense ? beta[j] : beta[j] + a * e[j];
                    }
                    z += xv[q] * d[j] * bj;
                }
                double r = (z - wd.y[i]) * (wd.s == null ? 1 : wd.s[i]);
                wr[k] = r;
                rsum += r;
            }
            if (icpt) {
                beta[n] -= f * rsum;
            }
            if (dense) {
                // every coefficient shrinks by its own q_j and shifts by f·R·e_j; the centring term is recomputed
                ev = 0;
                double fr = f * rsum;
                for (int j = 0; j < n; j++) {
                    double v = (1 - eta * alpha * wd.penaltyScale[j]) * beta[j];
                    if (e != null) {
                        v += fr * e[j];
                        ev += e[j] * v;
                    }
                    beta[j] = v;
                }
            } else if (grouped) {
                // this step's shrinkage and shift of every group: A_q ← q·A_q + f·R, T_g ← q·T_g + f·R·Σ_{j∈g} e_j²
                double fr = f * rsum;
                for (int g = 0; g < qg.length; g++) {
                    accA[g] = qg[g] * accA[g] + fr;
                    accT[g] = qg[g] * accT[g] + fr * groupE2[g];
                }
            } else if (e != null) {
                a += f * rsum;
            }
            double inv = 1;
            if (scaled) {
                sc *= qc; // this step's shrinkage of every coefficient; the gradient terms below are divided by it
                if (sc < 1e-200) { // fold the scale into v before it underflows
                    for (int j = 0; j < n; j++) {
                        beta[j] *= sc;
                    }
                    sc = 1;
                }
                inv = 1 / sc;
            }
            for (int k = 0; k < rows; k++) {
                int i = order[start + k];
                double g = f * wr[k];
                if (g == 0) {
                    continue;
                }
                for (int q = rp[i]; q < rp[i + 1]; q++) {
                    int j = ci[q];
                    if (grouped) {
                        // current up to this step's shrinkage and shift (once per column), then its gradient term
                        catchUpGrouped(beta, j, step + 1, qg);
                        double delta = g * d[j] * xv[q];
                        beta[j] -= delta;
                        accT[group[j]] -= e[j] * delta;
                        continue;
                    }
                    if (stamp != null && stamp[j] == step) {
                        // this step's shrinkage, once per column, before its first gradient term
                        beta[j] *= 1 - eta * alpha * wd.penaltyScale[j];
                        stamp[j] = step + 1;
                    }
                    double delta = g * d[j] * xv[q];
                    beta[j] -= scaled ? delta * inv : delta;
                    if (e != null) {
                        ev -= e[j] * delta;
                    }
                }
            }
        }
        // fold the implicit parts into β'
        if (grouped) {
            for (int j = 0; j < n; j++) {
                catchUpGrouped(beta, j, step, qg);
                gstamp[j] = 0;
                snap[j] = 0;
            }
        } else if (stamp != null) {
            for (int j = 0; j < n; j++) {
                catchUp(beta, j, step, eta);
                stamp[j] = 0;
            }
        } else if (scaled && sc != 1) {
            for (int j = 0; j < n; j++) {
                beta[j] *= sc;
            }
        } else if (e != null && !dense && a != 0) {
            for (int j = 0; j < n; j++) {
                beta[j] += a * e[j];
            }
        }
    }

    /**
     * Grouped steps: brings column j from the step it is current at to {@code target}, with its group's
     * accumulator, which must hold A_q(target): β'_j ← q^k·β'_j + e_j·(A_q(target) − q^k·A_q(last)), k the steps
     * missed. @return β'_j
     */
    private double catchUpGrouped(double[] beta, int j, int target, double[] qg) {
        int missed = target - gstamp[j];
        if (missed > 0) {
            int g = group[j];
            double qk = missed == 1 ? qg[g] : Math.pow(qg[g], missed);
            beta[j] = qk * beta[j] + e[j] * (accA[g] - qk * snap[j]);
            gstamp[j] = target;
            snap[j] = accA[g];
        }
        return beta[j];
    }

    /** Applies the shrinkage of the steps column j missed, up to (not including) {@code step}; @return β'_j. */
    private double catchUp(double[] beta, int j, int step, double eta) {
        int missed = step - stamp[j];
        if (missed > 0) {
            double q = 1 - eta * alpha * wd.penaltyScale[j];
            beta[j] *= missed == 1 ? q : Math.pow(q, missed);
            stamp[j] = step;
        }
        return beta[j];
    }
}
