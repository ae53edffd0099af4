package dev.linea.kernels;

/**
 * The work behind {@link Backends#warmUp()}: every Vector API kernel a fit calls, on small shapes whose widths
 * cover the vector loop and its tail, until the JIT's top tier has compiled them.
 *
 * <p>Why it matters: until C2 compiles a Vector API method, every vector operation runs as ordinary Java code that
 * allocates a box per operation, 10–100× slower than the scalar loop (a cold 5000-row logistic fit took 3–5 s on the
 * vector backend and 0.2 s on the scalar one). Compiled code is per JVM, so one warm-up serves every later fit.
 */
final class WarmUp {
    /** Rows per call: enough for the kernels' row loops to count as hot, small enough to stay in cache. */
    private static final int ROWS = 256;
    /** Row widths: below one vector, a few vectors with a tail, and a ranker's 64. */
    private static final int[] WIDTHS = {3, 8, 17, 64};
    /** Calls per kernel and width: C2 compiles a method after about 10⁴ invocations or loop back-edges. */
    static final int ROUNDS = 120;

    private static volatile double sink;

    private WarmUp() {
    }

    static void run(Backend b) {
        double acc = 0;
        for (int n : WIDTHS) {
            double[] x = new double[ROWS * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = ((i * 7919) % 13 - 6) * 0.05;
            }
            double[] y = new double[ROWS];
            double[] labels = new double[ROWS];
            double[] s = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                y[i] = (i % 5) * 0.25;
                labels[i] = i % 2;
                s[i] = 1 + (i % 3) * 0.5;
            }
            double[] w = new double[n + 1];
            double[] g = new double[n + 1];
            double[] v = new double[ROWS];
            double[] c = new double[n * n];
            for (int r = 0; r < ROUNDS; r++) {
                w[r % (n + 1)] = 0.01 * (r % 7);
                acc += b.dot(ROWS, y, 0, s, 0);
                b.axpy(n, 0.5, w, 0, g, 0);
                b.scal(n, 0.5, g, 0);
                b.gemv(Transpose.NONE, ROWS, n, 1, x, 0, n, w, 0, 0, v, 0);
                b.gemv(Transpose.TRANSPOSE, ROWS, n, 1, x, 0, n, v, 0, 0, g, 0);
                b.gram(ROWS, n, x, 0, n, null, 0, c, 0, n);
                b.gram(ROWS, n, x, 0, n, s, 0, c, 0, n);
                acc += b.leastSquaresGradient(ROWS, n, x, 0, n, w, 0, true, y, 0, s, 0, g, 0);
                acc += b.leastSquaresGradient(ROWS, n, x, 0, n, w, 0, false, y, 0, null, 0, g, 0);
                acc += b.logisticGradient(ROWS, n, x, 0, n, w, 0, true, labels, 0, s, 0, g, 0);
                acc += b.logisticGradient(ROWS, n, x, 0, n, w, 0, false, labels, 0, null, 0, g, 0);
                if (r % 8 == 0) {
                    // A positive definite Gram (plus a ridge) to factor and solve with.
                    b.gram(ROWS, n, x, 0, n, null, 0, c, 0, n);
                    for (int j = 0; j < n; j++) {
                        c[j * n + j] += 1;
                    }
                    if (b.cholesky(n, c, 0, n) == 0) {
                        System.arraycopy(g, 0, w, 0, n);
                        b.choleskySolve(n, 1, c, 0, n, w, 0, 1);
                    }
                }
                acc += g[0] + c[0] + v[0];
            }
        }
        sink = acc;
    }
}
