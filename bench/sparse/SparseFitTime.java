import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.GeneratedNames;
import dev.linea.models.SparseDesign;
import dev.linea.models.io.LibSvmFiles;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;
import dev.linea.models.logistic.LogisticModel;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times Linea's sparse fits on a LIBSVM file, one thread (run with -Dlinea.threads=1), and prints one line per fit:
 * {@code linea <fit> <CPU seconds of the process (JIT and GC included)> cpu-s wall <seconds> …} with the iterations, the objective reached (the same mean-scaled objective that
 * sklearn_fit.py prints for scikit-learn's solution), and the bytes the fit allocated against the CSR's bytes.
 * Run by sparse-vs-sklearn.sh, in source-file mode against the built models and kernels classes.
 *
 *   java -Dlinea.threads=1 -cp models/target/classes:kernels/target/classes bench/sparse/SparseFitTime.java \
 *        FILE BITS WHAT(logistic|lasso|all|logistic,lasso) TOL_LASSO [K: the lasso path's first K λ only]
 */
public class SparseFitTime {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = 1 << Integer.parseInt(args[1]);
        String what = args[2].equals("all") ? "logistic,lasso" : args[2];
        double lassoTol = Double.parseDouble(args[3]);
        long t = System.nanoTime();
        LibSvmFiles.Data data = LibSvmFiles.read(file, n, Runtime.getRuntime().availableProcessors());
        CsrMatrix x = data.x();
        System.out.printf(Locale.ROOT, "linea read %.3f s: %d rows, %d columns, %d non-zeros, CSR %.1f MB%n",
                (System.nanoTime() - t) / 1e9, x.rows(), x.cols(), x.nonZeros(), x.bytes() / 1e6);
        SparseDesign d = SparseDesign.of(x, data.y(), null, GeneratedNames.numbered("f", 1, n), "label", true);
        Backend b = Backends.defaultBackend();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (java.util.List.of(what.split(",")).contains("logistic")) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long c0 = os.getProcessCpuTime();
            t = System.nanoTime();
            LogisticModel m = new LogisticRegression(LogisticOptions.defaults().withC(1.0), b).fit(d).model();
            double s = (System.nanoTime() - t) / 1e9;
            double c = (os.getProcessCpuTime() - c0) / 1e9;
            long alloc = threads.getCurrentThreadAllocatedBytes() - a0;
            System.out.printf(Locale.ROOT, "linea logistic-l2 %.3f cpu-s wall %.3f s iterations %d objective %.10f "
                            + "alloc %.1f MB (%.2f x CSR) backend %s%n", c, s, m.report().iterations(), objective(x, data.y(), m, 1.0),
                    alloc / 1e6, (double) alloc / x.bytes(), b.name());
        }
        if (java.util.List.of(what.split(",")).contains("lasso")) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long c0 = os.getProcessCpuTime();
            t = System.nanoTime();
            // -Dlasso.intercept=false: without intercept (sklearn_fit.py's LASSO_INTERCEPT=0)
            boolean intercept = !"false".equals(System.getProperty("lasso.intercept"));
            ElasticNetOptions o = ElasticNetOptions.lasso().withStandardize(false).withPath(50, 0.01)
                    .withThreshold(lassoTol, 100_000).withIntercept(intercept);
            if (!intercept) {
                d = SparseDesign.of(x, data.y(), null, GeneratedNames.numbered("f", 1, n), "label", false);
            }
            if (args.length > 4) {
                // the first K λ of the same 50-λ grid (λ_max·0.01^(k/49)), to compare with a scikit-learn run cut
                // after K λ (its progress lines)
                o = o.withLambdas(gridPrefix(x, data.y(), Integer.parseInt(args[4]), intercept));
            }
            ElasticNetPath p = new ElasticNet(o, b).fit(d);
            double s = (System.nanoTime() - t) / 1e9;
            double c = (os.getProcessCpuTime() - c0) / 1e9;
            long alloc = threads.getCurrentThreadAllocatedBytes() - a0;
            int last = p.size() - 1;
            double[] obj = lassoObjectives(x, data.y(), p);
            double sum = 0;
            double worstGap = 0;
            for (int k = 0; k <= last; k++) {
                sum += obj[k];
                worstGap = Math.max(worstGap, p.certificate(k).value());
            }
            long stored = 0;
            for (int k = 0; k <= last; k++) {
                stored += p.nonZero(k);
            }
            System.out.printf(Locale.ROOT, "linea lasso-path %.3f cpu-s wall %.3f s lambdas %d lambda_max %.10g nonzero_last %d "
                            + "passes_total %d objective_last %.12g objective_sum %.12g max_rel_gap %.3g "
                            + "alloc %.1f MB (%.2f x CSR; the path's %d non-zero coefficients %.2f MB) tol %.0e intercept %s%n",
                    c, s, p.size(), p.lambdaMax(), p.nonZero(last), passes(p), obj[last], sum, worstGap,
                    alloc / 1e6, (double) alloc / x.bytes(), stored, stored * 12 / 1e6, lassoTol, intercept);
        }
    }

    /** The first k values of λ_max·0.01^(i/49), λ_max = max_j |x_jᵀ(y − ȳ)| / m (glmnet's, unstandardized). */
    static double[] gridPrefix(CsrMatrix x, double[] y, int k, boolean intercept) {
        int[] ptr = x.rowPtrUnsafe();
        int[] idx = x.indicesUnsafe();
        double[] val = x.valuesUnsafe();
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean = intercept ? mean / y.length : 0;
        double[] g = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int t = ptr[i]; t < ptr[i + 1]; t++) {
                g[idx[t]] += val[t] * (y[i] - mean);
            }
        }
        double max = 0;
        for (double v : g) {
            max = Math.max(max, Math.abs(v) / x.rows());
        }
        double[] lambdas = new double[k];
        for (int i = 0; i < k; i++) {
            lambdas[i] = max * Math.exp(i * Math.log(0.01) / 49);
        }
        return lambdas;
    }

    /** (1/2m)·Σ (y_i − b_k − x_iᵀβ_k)² + λ_k·‖β_k‖₁ at each λ of the path, β_k sparse (sklearn_fit.py's sum). */
    static double[] lassoObjectives(CsrMatrix x, double[] y, ElasticNetPath p) {
        int[] ptr = x.rowPtrUnsafe();
        int[] idx = x.indicesUnsafe();
        double[] val = x.valuesUnsafe();
        double[] out = new double[p.size()];
        double[] beta = new double[x.cols()];
        for (int k = 0; k < p.size(); k++) {
            java.util.Arrays.fill(beta, 0);
            int[] nz = p.nonZeroIndices(k);
            double[] v = p.nonZeroValues(k);
            double l1 = 0;
            for (int t = 0; t < nz.length; t++) {
                beta[nz[t]] = v[t];
                l1 += Math.abs(v[t]);
            }
            double rss = 0;
            for (int i = 0; i < x.rows(); i++) {
                double r = y[i] - p.intercept(k);
                for (int t = ptr[i]; t < ptr[i + 1]; t++) {
                    r -= beta[idx[t]] * val[t];
                }
                rss += r * r;
            }
            out[k] = rss / (2.0 * x.rows()) + p.lambda(k) * l1;
        }
        return out;
    }

    private static int passes(ElasticNetPath p) {
        int s = 0;
        for (int k = 0; k < p.size(); k++) {
            s += p.passes(k);
        }
        return s;
    }

    /** (1/m)·Σ log(1 + e^{−ỹ·η}) + ‖β‖²/(2·C·m): scikit-learn's objective divided by C·m. */
    static double objective(CsrMatrix x, double[] y, LogisticModel m, double c) {
        double[] beta = m.coefficients();
        int[] ptr = x.rowPtrUnsafe();
        int[] idx = x.indicesUnsafe();
        double[] val = x.valuesUnsafe();
        double loss = 0;
        for (int i = 0; i < x.rows(); i++) {
            double eta = m.intercept();
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                eta += beta[idx[k]] * val[k];
            }
            double z = y[i] == 1 ? eta : -eta;
            loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
        }
        double sq = 0;
        for (double v : beta) {
            sq += v * v;
        }
        return loss / x.rows() + sq / (2 * c * x.rows());
    }
}
