package dev.linea.kernels.conformance;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Diagonal;
import dev.linea.kernels.Logistic;
import dev.linea.kernels.Transpose;
import dev.linea.kernels.Triangle;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static dev.linea.kernels.conformance.Tolerance.EPS;
import static dev.linea.kernels.conformance.Tolerance.GAMMA;
import static dev.linea.kernels.conformance.Tolerance.TRANSCENDENTAL;

/**
 * Algebraic identities every backend must satisfy, on random shapes and data (jqwik draws sizes and a seed; the
 * data come from the seed, so a failure shrinks to small sizes and reproduces). Each property runs on every backend
 * of {@link BackendsUnderTest}, checks a backend against itself or against its own simpler kernels, and uses
 * the backward-error tolerances of {@link Tolerance}: they hold whatever the conditioning of the random data.
 */
class KernelPropertiesTest {
    private static final int TRIES = 100;

    @Property(tries = TRIES)
    void choleskyFactorReproducesA(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
        Failures f = new Failures();
        Random rnd = new Random(seed);
        double[][] a0 = randomSpd(n, rnd);
        for (Backend b : BackendsUnderTest.list()) {
            Strided a = Matrices.place(a0, 1, 1, true);
            String ctx = Ctx.of(b, "cholesky", "n", n, "seed", seed);
            int info = b.cholesky(n, a.data, a.off, a.ld);
            if (info != 0) {
                f.add(ctx + ": info = " + info + " on a positive definite matrix");
                continue;
            }
            Worst w = new Worst("L·Lᵀ − A");
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = -a0[i][j];
                    double mag = Math.abs(a0[i][j]);
                    for (int k = 0; k <= j; k++) {
                        s += a.get(i, k) * a.get(j, k);
                        mag += Math.abs(a.get(i, k) * a.get(j, k));
                    }
                    w.check(i, j, s, 0, Tolerance.sum(n, mag));
                }
            }
            w.report(f, ctx);
        }
        f.assertNone();
    }

    /** QᵀQ = I (Q formed by qrMultiplyQ on the identity), Qᵀ·A upper triangular and equal to R, Q·[R; 0] = A. */
    @Property(tries = TRIES)
    void qrIsOrthogonalTimesUpperTriangular(@ForAll @IntRange(min = 1, max = 40) int m,
                                            @ForAll @IntRange(min = 0, max = 40) int nWanted, @ForAll long seed) {
        int n = Math.min(m, nWanted);
        Failures f = new Failures();
        Random rnd = new Random(seed);
        Strided a0 = Strided.matrix(m, n, 2, 1).random(rnd);
        double normA = Matrices.frobenius(a0);
        for (Backend b : BackendsUnderTest.list()) {
            String ctx = Ctx.of(b, "qr", "m", m, "n", n, "seed", seed);
            Strided qr = a0.copy();
            Strided tau = Strided.vector(n, 1);
            b.qr(m, n, qr.data, qr.off, qr.ld, tau.data, tau.off);
            Strided q = Strided.matrix(m, m, 1, 2).fill(0);
            for (int i = 0; i < m; i++) {
                q.set(i, i, 1);
            }
            b.qrMultiplyQ(Transpose.NONE, m, n, m, qr.data, qr.off, qr.ld, tau.data, tau.off, q.data, q.off, q.ld);
            Worst orth = new Worst("QᵀQ − I");
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double s = i == j ? -1 : 0;
                    for (int k = 0; k < m; k++) {
                        s += q.get(k, i) * q.get(k, j);
                    }
                    orth.check(i, j, s, 0, Tolerance.qr(m, n, 1));
                }
            }
            orth.report(f, ctx);
            Strided qta = a0.copy();
            b.qrMultiplyQ(Transpose.TRANSPOSE, m, n, n, qr.data, qr.off, qr.ld, tau.data, tau.off,
                    qta.data, qta.off, qta.ld);
            Worst upper = new Worst("Qᵀ·A − [R; 0]");
            Strided r = Strided.matrix(m, n, 0, 0).fill(0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double rij = i <= j ? qr.get(i, j) : 0;
                    r.set(i, j, rij);
                    upper.check(i, j, qta.get(i, j), rij, Tolerance.qr(m, n, normA));
                }
            }
            upper.report(f, ctx);
            b.qrMultiplyQ(Transpose.NONE, m, n, n, qr.data, qr.off, qr.ld, tau.data, tau.off, r.data, r.off, r.ld);
            Worst back = new Worst("Q·[R; 0] − A");
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    back.check(i, j, r.get(i, j), a0.get(i, j), Tolerance.qr(m, n, normA));
                }
            }
            back.report(f, ctx);
        }
        f.assertNone();
    }

    /** The least-squares residual b − A·x of qrSolve's x is orthogonal to A's columns (backward-error scale). */
    @Property(tries = TRIES)
    void leastSquaresResidualIsOrthogonalToTheColumns(@ForAll @IntRange(min = 2, max = 50) int m,
                                                      @ForAll @IntRange(min = 1, max = 49) int nWanted,
                                                      @ForAll long seed) {
        int n = Math.min(m - 1, nWanted);
        Failures f = new Failures();
        Random rnd = new Random(seed);
        Strided a0 = Strided.matrix(m, n, 1, 2).random(rnd);
        Strided b0 = Strided.matrix(m, 1, 0, 0).random(rnd); // one right-hand side: ld 1
        double normA = Matrices.frobenius(a0);
        double normB = QrConformanceTest.columnNorm(b0, 0);
        for (Backend b : BackendsUnderTest.list()) {
            String ctx = Ctx.of(b, "qrSolve", "m", m, "n", n, "seed", seed);
            Strided qr = a0.copy();
            Strided tau = Strided.vector(n, 0);
            b.qr(m, n, qr.data, qr.off, qr.ld, tau.data, tau.off);
            Strided x = b0.copy();
            int info = b.qrSolve(m, n, 1, qr.data, qr.off, qr.ld, tau.data, tau.off, x.data, x.off, x.ld);
            if (info != 0) {
                f.add(ctx + ": returned " + info + " for random (full-rank) A");
                continue;
            }
            double[] r = new double[m];
            double normX = 0;
            for (int k = 0; k < n; k++) {
                normX += x.at(k) * x.at(k);
            }
            normX = Math.sqrt(normX);
            for (int i = 0; i < m; i++) {
                double s = b0.at(i);
                for (int k = 0; k < n; k++) {
                    s -= a0.get(i, k) * x.at(k);
                }
                r[i] = s;
            }
            Worst w = new Worst("Aᵀ·(b − A·x)");
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += a0.get(i, k) * r[i];
                }
                w.check(k, s, 0, Tolerance.qr(m, n, normA * (normA * normX + normB)));
            }
            w.report(f, ctx);
        }
        f.assertNone();
    }

    /** Fused g = Xᵀ·S·(X·w + b − y) and ½Σ s·r² equal the same computed with the backend's own gemv. */
    @Property(tries = TRIES)
    void leastSquaresGradientEqualsTheTwoGemvGradient(@ForAll @IntRange(min = 0, max = 60) int m,
                                                      @ForAll @IntRange(min = 0, max = 30) int n,
                                                      @ForAll boolean intercept, @ForAll boolean weighted,
                                                      @ForAll long seed) {
        gradientAgainstGemv(false, m, n, intercept, weighted, seed);
    }

    /** Fused logistic g = Xᵀ·S·(σ(X·w + b) − y) and its loss equal the same computed with gemv and σ. */
    @Property(tries = TRIES)
    void logisticGradientEqualsTheGemvGradient(@ForAll @IntRange(min = 0, max = 60) int m,
                                               @ForAll @IntRange(min = 0, max = 30) int n,
                                               @ForAll boolean intercept, @ForAll boolean weighted,
                                               @ForAll long seed) {
        gradientAgainstGemv(true, m, n, intercept, weighted, seed);
    }

    private static void gradientAgainstGemv(boolean logistic, int m, int n, boolean intercept, boolean weighted,
                                            long seed) {
        Failures f = new Failures();
        Random rnd = new Random(seed);
        int p = intercept ? n + 1 : n;
        Strided x = Strided.matrix(m, n, 1, 1).random(rnd);
        Strided w = Strided.vector(p, 0).random(rnd);
        Strided y = Strided.vector(m, 0).random(rnd);
        if (logistic) {
            for (int i = 0; i < m; i++) {
                y.set(0, i, rnd.nextInt(2));
            }
        }
        Strided s = Strided.vector(m, 0).weights(rnd);
        double bias = intercept ? w.at(n) : 0;
        String kernel = logistic ? "logisticGradient" : "leastSquaresGradient";
        for (Backend b : BackendsUnderTest.list()) {
            String ctx = Ctx.of(b, kernel, "m", m, "n", n, "intercept", intercept, "weights", weighted,
                    "seed", seed);
            Strided g = Strided.vector(p, 0);
            double[] sd = weighted ? s.data : null;
            double loss = logistic
                    ? b.logisticGradient(m, n, x.data, x.off, x.ld, w.data, w.off, intercept, y.data, y.off, sd, 0,
                    g.data, g.off)
                    : b.leastSquaresGradient(m, n, x.data, x.off, x.ld, w.data, w.off, intercept, y.data, y.off,
                    sd, 0, g.data, g.off);
            // Unfused: z = X·w (gemv), per-row residual, then Xᵀ·(S·resid) (gemv, transposed).
            double[] z = new double[m];
            b.gemv(Transpose.NONE, m, n, 1, x.data, x.off, x.ld, w.data, w.off, 0, z, 0);
            double[] sr = new double[m];
            double[] zMag = new double[m];
            b.gemv(Transpose.NONE, m, n, 1, x.abs().data, x.off, x.ld, w.abs().data, w.off, 0, zMag, 0);
            double refLoss = 0;
            double lossTol = 0;
            double[] dResid = new double[m];
            for (int i = 0; i < m; i++) {
                double zi = z[i] + bias;
                double si = weighted ? s.at(i) : 1;
                double dz = (n + 3) * EPS * (zMag[i] + Math.abs(bias));
                double resid;
                if (logistic) {
                    resid = Logistic.sigmoid(zi) - y.at(i);
                    double li = Logistic.log1pExp(zi) - y.at(i) * zi;
                    refLoss += si * li;
                    dResid[i] = 0.25 * dz + TRANSCENDENTAL * EPS * (1 + Math.abs(y.at(i)));
                    lossTol += si * ((m + 3) * EPS * Math.abs(li) + Math.abs(resid) * dz
                            + TRANSCENDENTAL * EPS * (Math.abs(Logistic.log1pExp(zi)) + Math.abs(y.at(i) * zi)));
                } else {
                    resid = zi - y.at(i);
                    refLoss += 0.5 * si * resid * resid;
                    dResid[i] = dz + 2 * EPS * Math.abs(y.at(i));
                    lossTol += si * ((m + 3) * EPS * 0.5 * resid * resid + Math.abs(resid) * dResid[i]);
                }
                sr[i] = si * resid;
            }
            double[] ref = new double[p];
            b.gemv(Transpose.TRANSPOSE, m, n, 1, x.data, x.off, x.ld, sr, 0, 0, ref, 0);
            Worst gw = new Worst("g");
            for (int j = 0; j < p; j++) {
                double sum = 0;
                double prop = 0;
                for (int i = 0; i < m; i++) {
                    double xij = j < n ? Math.abs(x.get(i, j)) : 1;
                    double si = weighted ? s.at(i) : 1;
                    sum += xij * Math.abs(sr[i]);
                    prop += xij * si * dResid[i];
                    if (j == n) {
                        ref[j] += sr[i];
                    }
                }
                gw.check(j, g.at(j), ref[j], GAMMA * ((m + 3) * EPS * sum + prop));
            }
            gw.report(f, ctx);
            Worst lw = new Worst("loss");
            lw.check(-1, loss, refLoss, GAMMA * lossTol);
            lw.report(f, ctx);
        }
        f.assertNone();
    }

    /** gram(A, w) = gemm(Aᵀ, diag(w)·A) of the same backend. */
    @Property(tries = TRIES)
    void gramEqualsGemmOfTheTransposeWithA(@ForAll @IntRange(min = 0, max = 60) int m,
                                           @ForAll @IntRange(min = 0, max = 30) int n, @ForAll boolean weighted,
                                           @ForAll long seed) {
        Failures f = new Failures();
        Random rnd = new Random(seed);
        Strided a = Strided.matrix(m, n, 1, 2).random(rnd);
        Strided w = Strided.vector(m, 1).weights(rnd);
        Strided wa = Strided.matrix(m, n, 0, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                wa.set(i, j, (weighted ? w.at(i) : 1) * a.get(i, j));
            }
        }
        for (Backend b : BackendsUnderTest.list()) {
            String ctx = Ctx.of(b, "gram", "m", m, "n", n, "weights", weighted, "seed", seed);
            Strided c = Strided.matrix(n, n, 0, 1);
            b.gram(m, n, a.data, a.off, a.ld, weighted ? w.data : null, w.off, c.data, c.off, c.ld);
            Strided ref = Strided.matrix(n, n, 0, 1);
            b.gemm(Transpose.TRANSPOSE, Transpose.NONE, n, n, m, 1, a.data, a.off, a.ld, wa.data, wa.off, wa.ld,
                    0, ref.data, ref.off, ref.ld);
            Strided mag = Strided.matrix(n, n, 0, 1);
            b.gemm(Transpose.TRANSPOSE, Transpose.NONE, n, n, m, 1, a.abs().data, a.off, a.ld, wa.abs().data,
                    wa.off, wa.ld, 0, mag.data, mag.off, mag.ld);
            Worst worst = new Worst("c");
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    worst.check(i, j, c.get(i, j), ref.get(i, j), Tolerance.sum(m, mag.get(i, j)));
                }
            }
            worst.report(f, ctx);
        }
        f.assertNone();
    }

    /** cholesky then choleskySolve solves A·X = B (componentwise backward error). */
    @Property(tries = TRIES)
    void choleskySolveSolves(@ForAll @IntRange(min = 1, max = 40) int n,
                             @ForAll @IntRange(min = 0, max = 6) int nrhs, @ForAll long seed) {
        Failures f = new Failures();
        Random rnd = new Random(seed);
        double[][] a0 = randomSpd(n, rnd);
        Strided rhs = Strided.matrix(n, nrhs, 2, 1).random(rnd);
        for (Backend b : BackendsUnderTest.list()) {
            String ctx = Ctx.of(b, "choleskySolve", "n", n, "nrhs", nrhs, "seed", seed);
            Strided l = Matrices.place(a0, 1, 1, true);
            int info = b.cholesky(n, l.data, l.off, l.ld);
            if (info != 0) {
                f.add(ctx + ": cholesky info = " + info + " on a positive definite matrix");
                continue;
            }
            Strided x = rhs.copy();
            b.choleskySolve(n, nrhs, l.data, l.off, l.ld, x.data, x.off, x.ld);
            CholeskyConformanceTest.solveResidual(a0, l, x, rhs).report(f, ctx);
        }
        f.assertNone();
    }

    /** triangularSolve's residual is within its componentwise backward error, for any triangle, even ill-conditioned. */
    @Property(tries = TRIES)
    void triangularSolveResidualIsSmall(@ForAll @IntRange(min = 0, max = 40) int n,
                                        @ForAll @IntRange(min = 0, max = 6) int nrhs, @ForAll Triangle uplo,
                                        @ForAll Transpose trans, @ForAll Diagonal diag, @ForAll long seed) {
        Failures f = new Failures();
        Random rnd = new Random(seed);
        boolean unit = diag == Diagonal.UNIT;
        Strided t = Strided.matrix(n, n, 1, 1).fill(Double.NaN);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    t.set(i, i, unit ? Double.NaN : (rnd.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * rnd.nextDouble()));
                } else if ((i > j) == (uplo == Triangle.LOWER)) {
                    t.set(i, j, 2 * rnd.nextDouble() - 1);
                }
            }
        }
        Strided rhs = Strided.matrix(n, nrhs, 2, 1).random(rnd);
        for (Backend b : BackendsUnderTest.list()) {
            String ctx = Ctx.of(b, "triangularSolve", "uplo", uplo, "trans", trans, "diag", diag, "n", n,
                    "nrhs", nrhs, "seed", seed);
            Strided x = rhs.copy();
            int info = b.triangularSolve(uplo, trans, diag, n, nrhs, t.data, t.off, t.ld, x.data, x.off, x.ld);
            if (info != 0) {
                f.add(ctx + ": returned " + info + " with no zero on the diagonal");
                continue;
            }
            TriangularSolveConformanceTest.residual(t, uplo, trans, unit, x, rhs).report(f, ctx);
        }
        f.assertNone();
    }

    /** A random SPD matrix M·Mᵀ/n + δ·I with δ in [10⁻³, 1]: condition numbers up to a few thousand. */
    private static double[][] randomSpd(int n, Random rnd) {
        double[][] a = Matrices.spd(n, rnd);
        double delta = Math.pow(10, -3 * rnd.nextDouble());
        for (int i = 0; i < n; i++) {
            a[i][i] += delta - 1;
        }
        return a;
    }
}
