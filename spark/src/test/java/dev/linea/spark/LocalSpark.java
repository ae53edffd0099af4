package dev.linea.spark;

import dev.linea.models.Dataset;
import org.apache.spark.api.java.JavaRDD;
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

import java.util.ArrayList;
import java.util.List;

/**
 * One local Spark session ({@code local[2]}) for every test class of the module (starting one costs seconds), and
 * the helpers that turn a single-machine {@link Dataset} into a Spark one with a chosen partitioning, so that each
 * distributed fit can be compared with the single-machine fit on the same rows. The multi-JVM tests
 * ({@link MultiJvmClusterTest}) swap in another session ({@link #use}) so that the same helpers build their frames
 * on a {@code local-cluster}.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = local();
        }
        return session;
    }

    /** Makes {@code s} the session of every helper here (the previous one is not stopped). */
    static synchronized void use(SparkSession s) {
        session = s;
    }

    /** Stops the current session, if any; the next {@link #session()} starts a local[2] one. */
    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    private static SparkSession local() {
        SparkSession s = SparkSession.builder().master("local[2]").appName("linea-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "localhost")
                .getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    /**
     * The rows of {@code d} as a Spark dataset with a vector column "features", "label" and (when weighted) "weight",
     * split into partitions of the given sizes (zeros allowed: empty partitions), in row order.
     */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset d, int... partitionSizes) {
        return frame(d, null, partitionSizes);
    }

    /**
     * {@link #frame(Dataset, int...)} with, when {@code offset} is not null, one more column "offset" (double,
     * nullable) holding offset[i] for row i.
     */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset d, double[] offset, int... partitionSizes) {
        return frame(d, offset, -1, partitionSizes);
    }

    /**
     * {@link #frame(Dataset, double[], int...)} with the features as MLlib {@code SparseVector}s of each row's
     * non-zeros, except every {@code denseEvery}-th row (0, denseEvery, 2·denseEvery, …), which is a
     * {@code DenseVector}: a mixed column as {@code VectorAssembler} makes; {@code denseEvery} 0 for none. The first
     * row must then be sparse for the default layout to be sparse: use 0 or give the layout explicitly.
     */
    static org.apache.spark.sql.Dataset<Row> sparseFrame(Dataset d, double[] offset, int denseEvery,
                                                         int... partitionSizes) {
        return frame(d, offset, denseEvery, partitionSizes);
    }

    /** @param denseEvery −1: every row dense; 0: every row sparse; k: every k-th row dense, the others sparse */
    private static org.apache.spark.sql.Dataset<Row> frame(Dataset d, double[] offset, int denseEvery,
                                                         int... partitionSizes) {
        int total = 0;
        for (int s : partitionSizes) {
            total += s;
        }
        if (total != d.rows()) {
            throw new IllegalArgumentException("partition sizes add up to " + total + ", expected " + d.rows());
        }
        List<List<Row>> parts = new ArrayList<>();
        int i = 0;
        for (int s : partitionSizes) {
            List<Row> part = new ArrayList<>();
            for (int k = 0; k < s; k++, i++) {
                boolean sparse = denseEvery == 0 || denseEvery > 0 && i % denseEvery != 0;
                Row r = sparse ? sparseRow(d, i) : row(d, i);
                part.add(offset == null ? r : withValue(r, offset[i]));
            }
            parts.add(part);
        }
        return frameOf(parts, d.weighted(), offset != null);
    }

    static org.apache.spark.sql.Dataset<Row> frameOf(List<List<Row>> parts, boolean weighted) {
        return frameOf(parts, weighted, false);
    }

    /** @param offset whether the rows end with an "offset" value (after the weight when weighted) */
    static org.apache.spark.sql.Dataset<Row> frameOf(List<List<Row>> parts, boolean weighted, boolean offset) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session().sparkContext());
        JavaRDD<Row> rdd = jsc.parallelize(parts, parts.size()).flatMap(List::iterator);
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField("features", new VectorUDT(), false, Metadata.empty()));
        fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, true));
        if (weighted) {
            fields.add(DataTypes.createStructField("weight", DataTypes.DoubleType, true));
        }
        if (offset) {
            fields.add(DataTypes.createStructField("offset", DataTypes.DoubleType, true));
        }
        return session().createDataFrame(rdd, new StructType(fields.toArray(new StructField[0])));
    }

    static Row row(Dataset d, int i) {
        double[] x = new double[d.cols()];
        for (int j = 0; j < x.length; j++) {
            x[j] = d.x(i, j);
        }
        return d.weighted() ? RowFactory.create(Vectors.dense(x), d.y(i), d.weight(i))
                : RowFactory.create(Vectors.dense(x), d.y(i));
    }

    /** Row i with its features as a {@code SparseVector} of its non-zeros. */
    static Row sparseRow(Dataset d, int i) {
        int nnz = 0;
        for (int j = 0; j < d.cols(); j++) {
            nnz += d.x(i, j) != 0 ? 1 : 0;
        }
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        int t = 0;
        for (int j = 0; j < d.cols(); j++) {
            if (d.x(i, j) != 0) {
                idx[t] = j;
                val[t++] = d.x(i, j);
            }
        }
        var v = Vectors.sparse(d.cols(), idx, val);
        return d.weighted() ? RowFactory.create(v, d.y(i), d.weight(i)) : RowFactory.create(v, d.y(i));
    }

    /** @return the row with one more value at the end */
    static Row withValue(Row r, Object value) {
        Object[] v = new Object[r.length() + 1];
        for (int j = 0; j < r.length(); j++) {
            v[j] = r.get(j);
        }
        v[r.length()] = value;
        return RowFactory.create(v);
    }

    /** Sizes that sum to m over p partitions, deliberately uneven, with the second one empty when p ≥ 3. */
    static int[] uneven(int m, int p) {
        int[] s = new int[p];
        int left = m;
        for (int k = 0; k < p; k++) {
            if (p >= 3 && k == 1) {
                continue;
            }
            int share = k == p - 1 ? left : Math.max(0, Math.min(left, (int) (left * (0.15 + 0.5 * ((k * 37) % 7) / 7.0))));
            s[k] = share;
            left -= share;
        }
        s[p - 1] += left;
        return s;
    }
}
