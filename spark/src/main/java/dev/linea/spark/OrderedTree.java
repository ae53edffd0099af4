package dev.linea.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A tree reduction of one value per partition whose merge order is fixed by the partition index, so that a fit is
 * bit-for-bit repeatable on the same partitioning. Spark's {@code treeAggregate} has the same shape (partial
 * merges on executors, a small final merge on the driver) but merges the last level in the order tasks happen to
 * finish, which changes the last bits of a floating-point sum from run to run. Here every level groups
 * {@link #FAN_IN} consecutive partitions, merges them in index order on an executor, and the driver merges the
 * last ≤ FAN_IN values in index order.
 */
final class OrderedTree {
    /** Values merged per group at each level. */
    static final int FAN_IN = 16;

    private OrderedTree() {
    }

    /**
     * @param perPartition exactly one value per partition (as a {@code mapPartitions} returning one accumulator)
     * @param merge        merges its second argument into its first and returns the first
     * @param empty        the value of no partition at all
     */
    static <T extends Serializable> T reduce(JavaRDD<T> perPartition, Function2<T, T, T> merge, T empty) {
        JavaPairRDD<Integer, T> level = perPartition.mapPartitionsWithIndex((Integer i, Iterator<T> it) -> {
            List<Tuple2<Integer, T>> out = new ArrayList<>(1);
            while (it.hasNext()) {
                out.add(new Tuple2<>(i, it.next()));
            }
            return out.iterator();
        }, true).mapToPair(t -> t);
        int count = perPartition.getNumPartitions();
        while (count > FAN_IN) {
            int groups = (count + FAN_IN - 1) / FAN_IN;
            level = level.mapToPair(t -> new Tuple2<>(t._1 / FAN_IN, t))
                    .groupByKey(groups)
                    .mapToPair(g -> new Tuple2<>(g._1, mergeInOrder(g._2, merge)));
            count = groups;
        }
        List<Tuple2<Integer, T>> last = new ArrayList<>(level.collect());
        if (last.isEmpty()) {
            return empty;
        }
        try {
            return mergeInOrder(last, merge);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T mergeInOrder(Iterable<Tuple2<Integer, T>> values, Function2<T, T, T> merge)
            throws Exception {
        List<Tuple2<Integer, T>> sorted = new ArrayList<>();
        values.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(t -> t._1));
        T acc = sorted.getFirst()._2;
        for (int i = 1; i < sorted.size(); i++) {
            acc = merge.call(acc, sorted.get(i)._2);
        }
        return acc;
    }
}
