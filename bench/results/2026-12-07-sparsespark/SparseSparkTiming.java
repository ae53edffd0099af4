import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.SparseDesign;
import dev.linea.models.logistic.LogisticOptions;
import dev.linea.models.logistic.LogisticRegression;
import dev.linea.models.logistic.LogisticResult;
import dev.linea.spark.DistributedData;
import dev.linea.spark.DistributedLogisticRegression;
import dev.linea.spark.DistributedLogisticResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * L2 logistic regression (C = 1, L-BFGS, tol 1e-8) on a hashed design: m rows × 2^20 columns, 30 signed ±1
 * entries per row (the first 3 among 1024 popular columns that carry the truth; row i drawn from a generator seeded
 * by i, on the executors for Spark), fitted (1) on one machine from a SparseDesign and (2) on Spark local[2] from
 * a SparseVector column in P partitions (CSR blocks, cached by the first fit's caching pass: see the passes),
 * alternating, R rounds. Reports wall time and this process's CPU time (every thread: Spark's tasks included), the
 * passes, and the largest coefficient difference. Args: m P R.
 */
public class SparseSparkTiming {
    static double[] truth() {
        SplittableRandom r = new SplittableRandom(7);
        double[] truth = new double[1024];
        for (int j = 0; j < truth.length; j++) {
            truth[j] = r.nextGaussian();
        }
        return truth;
    }

    /** Row i: {indices, values, label}, from a generator seeded by i alone. */
    static Object[] row(int i, double[] truth) {
        int n = 1 << 20;
        SplittableRandom r = new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1));
        java.util.TreeMap<Integer, Double> row = new java.util.TreeMap<>();
        double eta = -0.5;
        for (int t = 0; t < 30; t++) {
            int j = t < 3 ? r.nextInt(1024) : r.nextInt(n);
            double v = r.nextBoolean() ? 1 : -1;
            row.merge(j, v, Double::sum);
            eta += j < 1024 ? truth[j] * v : 0;
        }
        row.values().removeIf(v -> v == 0);
        int[] idx = row.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] val = row.values().stream().mapToDouble(Double::doubleValue).toArray();
        double label = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        return new Object[] {idx, val, label};
    }

    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]);
        int parts = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        int n = 1 << 20;
        double[] truth = truth();
        int[] ptr = new int[m + 1];
        int[] idx = new int[m * 30];
        double[] val = new double[m * 30];
        double[] y = new double[m];
        int nnz = 0;
        for (int i = 0; i < m; i++) {
            Object[] row = row(i, truth);
            int[] ri = (int[]) row[0];
            System.arraycopy(ri, 0, idx, nnz, ri.length);
            System.arraycopy((double[]) row[1], 0, val, nnz, ri.length);
            nnz += ri.length;
            ptr[i + 1] = nnz;
            y[i] = (double) row[2];
        }
        CsrMatrix x = new CsrMatrix(m, n, ptr, Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz));
        SparseDesign design = SparseDesign.of(x, y, null, null, "label", true);

        SparkSession s = SparkSession.builder().master("local[2]").appName("sparse-timing")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "localhost").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        // The rows are made on the executors from their index (as the single machine's above): the tasks carry no data.
        List<Integer> partIds = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            partIds.add(p);
        }
        var rdd = JavaSparkContext.fromSparkContext(s.sparkContext()).parallelize(partIds, parts).flatMap(p -> {
            double[] tr = truth();
            List<Row> out = new ArrayList<>();
            for (int i = (int) ((long) p * m / parts); i < (int) ((long) (p + 1) * m / parts); i++) {
                Object[] row = row(i, tr);
                out.add(RowFactory.create(Vectors.sparse(n, (int[]) row[0], (double[]) row[1]), row[2]));
            }
            return out.iterator();
        });
        var schema = new StructType(new StructField[] {new StructField("features", new VectorUDT(), false, Metadata.empty()),
                DataTypes.createStructField("label", DataTypes.DoubleType, false)});
        DistributedData dd = DistributedData.fromVectorColumn(s.createDataFrame(rdd, schema), "features", "label").cache();
        LogisticOptions o = LogisticOptions.defaults();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("m = %d, n = 2^20, nnz = %d (CSR %.1f MB), partitions = %d, sparse blocks: %s%n", m, nnz,
                (12.0 * nnz + 4.0 * (m + 1)) / 1e6, parts, dd.isSparse());
        for (int round = 0; round < rounds; round++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            LogisticResult one = new LogisticRegression(o, Backends.named("vector")).fit(design);
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            DistributedLogisticResult dist = new DistributedLogisticRegression(o).fit(dd);
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            double diff = Math.abs(one.model().intercept() - dist.model().intercept());
            for (int j = 0; j < n; j++) {
                diff = Math.max(diff, Math.abs(one.model().coefficient(j) - dist.model().coefficient(j)));
            }
            System.out.printf("round %d: one machine %.2f s wall, %.2f s CPU, %d iterations | Spark local[2] %.2f s wall,"
                            + " %.2f s CPU, %d iterations, %d passes | max |Δβ| %.2e%n", round, (t1 - t0) / 1e9,
                    (c1 - c0) / 1e9, one.report().iterations(), (t2 - t1) / 1e9, (c2 - c1) / 1e9,
                    dist.report().iterations(), dist.passes(), diff);
        }
        dd.unpersist();
        s.stop();
    }
}
