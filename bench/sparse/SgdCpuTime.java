import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrBuilder;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;
import dev.linea.models.gd.GradientDescent;
import dev.linea.models.gd.GradientDescentMode;
import dev.linea.models.gd.GradientDescentOptions;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * CPU seconds per epoch of mini-batch gradient descent on a sparse design (m rows × 2^20 hashed columns, 30 signed
 * non-zeros per row, least squares with a ridge penalty), for the four kinds of sparse steps: one shrinkage factor
 * as a scaled vector (no standardization), per-column lazy shrinkage (standardized, no intercept), centring without
 * shrinkage (standardized, α = 0), and standardized ridge with an intercept (grouped lazy steps: the columns'
 * distinct variances share accumulators) and the same with sample weights (every column then has a variance of its
 * own: dense steps, every coefficient per step). An epoch's cost is the difference between fits of 1 + E and 1 epochs,
 * divided by E (the set-up, the statistics and the first full pass cancel), at the automatic learning rate (its power
 * iteration cancels too: the automatic rate); each includes the epoch's full-data loss pass, timed apart as "one fused pass" (the dense backend
 * kernel's cost for the same non-zeros). The calling thread's CPU time; the variants alternate within each of R
 * rounds, after one warm-up round; medians printed.
 *
 *   java --add-modules jdk.incubator.vector -Dlinea.threads=1 -Xmx3g \
 *        -cp models/target/classes:kernels/target/classes bench/sparse/SgdCpuTime.java [m] [batch] [epochs] [rounds]
 */
public class SgdCpuTime {
    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int n = 1 << 20;
        Random r = new Random(7);
        CsrBuilder b = new CsrBuilder(n, m, 30);
        double[] y = new double[m];
        int[] idx = new int[30];
        double[] val = new double[30];
        for (int i = 0; i < m; i++) {
            double eta = 0;
            for (int k = 0; k < 30; k++) {
                idx[k] = r.nextInt(n);
                val[k] = r.nextBoolean() ? 1 : -1;
                eta += val[k] * ((idx[k] % 7) - 3) * 0.1;
            }
            b.addRow(idx, val, 30);
            y[i] = eta + r.nextGaussian();
        }
        CsrMatrix x = b.build();
        SparseDesign d = SparseDesign.of(x, y, null, null, "y", true);
        SparseDesign noIntercept = SparseDesign.of(x, y, null, null, "y", false);
        // weights 1 … 1.001 (997 values): every column gets a variance of its own, so standardized ridge with an
        // intercept takes the dense steps (the grouped lazy steps need shared variances); the arithmetic is the same
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = 1 + 1e-3 * (i % 997) / 997.0;
        }
        SparseDesign weighted = SparseDesign.of(x, y, w, null, "y", true);
        Backend be = Backends.named("scalar");
        GradientDescentOptions base = GradientDescentOptions.defaults().withMode(GradientDescentMode.MINI_BATCH)
                .withBatchSize(batch).withGradientTolerance(0).withTolerance(0)
                .withPatience(1_000);
        String[] names = {"scaled vector w = s*v (not standardized, alpha 1e-4)",
                "per-column catch-up (standardized, no intercept, alpha 1e-4)", "centring only (standardized, alpha 0)",
                "grouped lazy steps (standardized, intercept, alpha 1e-4)",
                "dense steps (standardized, intercept, alpha 1e-4, weighted)"};
        GradientDescentOptions[] variants = {base.withStandardize(false).withAlpha(1e-4),
                base.withStandardize(true).withIntercept(false).withAlpha(1e-4),
                base.withStandardize(true).withAlpha(0), base.withStandardize(true).withAlpha(1e-4),
                base.withStandardize(true).withAlpha(1e-4)};
        var bean = ManagementFactory.getThreadMXBean();
        double[][] perEpoch = new double[variants.length + 1][rounds];
        double[] g = new double[n + 1];
        double[] theta = new double[n + 1];
        for (int round = -1; round < rounds; round++) { // round −1 warms the JIT up and is not kept
            boolean keep = round >= 0;
            for (int v = 0; v < variants.length; v++) {
                long t0 = bean.getCurrentThreadCpuTime();
                SparseDesign dv = v == variants.length - 1 ? weighted : variants[v].fitIntercept() ? d : noIntercept;
                new GradientDescent(variants[v].withMaxEpochs(1), be).fit(dv);
                long t1 = bean.getCurrentThreadCpuTime();
                new GradientDescent(variants[v].withMaxEpochs(1 + epochs), be).fit(dv);
                long t2 = bean.getCurrentThreadCpuTime();
                if (keep) {
                    perEpoch[v][round] = ((t2 - t1) - (t1 - t0)) / 1e9 / epochs;
                }
            }
            long t0 = bean.getCurrentThreadCpuTime();
            for (int k = 0; k < 5; k++) {
                be.sparseLeastSquaresGradient(x, null, null, theta, 0, true, y, 0, null, 0, g, 0);
            }
            if (keep) {
                perEpoch[variants.length][round] = (bean.getCurrentThreadCpuTime() - t0) / 1e9 / 5;
            }
        }
        System.out.printf("%d rows x 2^20 columns, 30 non-zeros per row (%d), batch %d, %d epoch(s) x %d rounds%n",
                m, x.nonZeros(), batch, epochs, rounds);
        for (int v = 0; v <= variants.length; v++) {
            double[] s = perEpoch[v].clone();
            Arrays.sort(s);
            System.out.printf("%-62s %8.3f CPU s %s%n", v < variants.length ? names[v] + " per epoch"
                    : "one fused pass (sparseLeastSquaresGradient)", s[s.length / 2], Arrays.toString(perEpoch[v]));
        }
    }
}
