package dev.linea.spark.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated regression and classification problem, rows produced on the executors from a seed per partition (so
 * every pass over the data sees the same rows without storing them): x_j = v_j + (j mod 6) with v ~ N(0, 1), a
 * linear target {@code y = 1 + v·β + N(0, 1)} and a binary label drawn from {@code σ(0.5 + v·β/√n)}, with
 * β_j = (−1)^j·(1 + j mod 5)/2 (so the slopes on x are β and β/√n; the intercepts absorb the column means).
 */
final class GeneratedData {
    private GeneratedData() {
    }

    static double beta(int j) {
        return ((j & 1) == 0 ? 1 : -1) * (1 + j % 5) / 2.0;
    }

    static Dataset<Row> frame(SparkSession spark, long rows, int n, int partitions, long seed) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        long per = rows / partitions;
        long extra = rows % partitions;
        JavaRDD<Row> rdd = jsc.parallelize(ids, partitions).flatMap(p -> {
            long count = per + (p < extra ? 1 : 0);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + p);
            double scale = 1 / Math.sqrt(n);
            return new Iterator<Row>() {
                long left = count;

                @Override
                public boolean hasNext() {
                    return left > 0;
                }

                @Override
                public Row next() {
                    left--;
                    double[] x = new double[n];
                    double t = 0;
                    for (int j = 0; j < n; j++) {
                        double v = r.nextGaussian();
                        x[j] = v + j % 6;
                        t += v * beta(j);
                    }
                    double y = 1 + t + r.nextGaussian();
                    double z = 0.5 + t * scale;
                    double label = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                    return RowFactory.create(Vectors.dense(x), y, label);
                }
            };
        });
        StructType schema = new StructType(new StructField[] {
            new StructField("features", new VectorUDT(), false, Metadata.empty()),
            DataTypes.createStructField("y", DataTypes.DoubleType, false),
            DataTypes.createStructField("label", DataTypes.DoubleType, false)});
        return spark.createDataFrame(rdd, schema);
    }
}
