package dev.linea.spark.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/** The logistic half of {@link MllibComparison} (filled in once the distributed logistic regression lands). */
final class LogisticComparison {
    private LogisticComparison() {
    }

    static void run(SparkSession spark, Dataset<Row> source, int repeats, List<String> lines) {
        lines.add("| logistic | not run | | | | |");
    }
}
