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
                part.add(offset == null ? row(d, i) : withValue(row(d, i), offset[i]));
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
