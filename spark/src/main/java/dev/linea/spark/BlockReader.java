package dev.linea.spark;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Turns one partition's rows into {@link RowBlock}s on the executor, validating every value on the way: a NaN or
 * infinite feature, target, weight or offset, a null, a negative weight or a feature vector of the wrong length
 * stops the job with an {@link IllegalArgumentException} naming the partition, the row (0-based within the
 * partition) and the column. The columns arrive already selected by {@link DistributedData}: the features (one
 * vector column, or n numeric ones cast to double), then the label, then the weight when there is one, then the
 * offset when there is one.
 */
final class BlockReader implements Function2<Integer, Iterator<Row>, Iterator<RowBlock>> {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final boolean vectorColumn;
    private final boolean weighted;
    private final int blockRows;
    private final List<String> names;
    private final String label;
    private final String weight;
    private final String offset;

    /** @param offset the offset column's name, or null when there is none */
    BlockReader(int n, boolean vectorColumn, boolean weighted, int blockRows, List<String> names, String label,
                String weight, String offset) {
        this.n = n;
        this.vectorColumn = vectorColumn;
        this.weighted = weighted;
        this.blockRows = blockRows;
        this.names = List.copyOf(names);
        this.label = label;
        this.weight = weight;
        this.offset = offset;
    }

    /** Rows per block for n features: about 4 MB of X, at least 64 rows. */
    static int defaultBlockRows(int n) {
        return Math.max(64, Math.min(1 << 16, (1 << 19) / Math.max(1, n)));
    }

    @Override
    public Iterator<RowBlock> call(Integer partition, Iterator<Row> rows) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public RowBlock next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                double[] x = new double[blockRows * n];
                double[] y = new double[blockRows];
                double[] w = weighted ? new double[blockRows] : null;
                double[] o = offset != null ? new double[blockRows] : null;
                long first = next;
                int k = 0;
                while (k < blockRows && rows.hasNext()) {
                    read(partition, next, rows.next(), x, k * n, y, w, o, k);
                    next++;
                    k++;
                }
                if (k < blockRows) {
                    x = Arrays.copyOf(x, k * n);
                    y = Arrays.copyOf(y, k);
                    w = w == null ? null : Arrays.copyOf(w, k);
                    o = o == null ? null : Arrays.copyOf(o, k);
                }
                return new RowBlock(partition, first, k, n, x, y, w, o);
            }
        };
    }

    private void read(int partition, long row, Row r, double[] x, int off, double[] y, double[] w,
                      double[] o, int k) {
        int labelAt;
        if (vectorColumn) {
            if (r.isNullAt(0)) {
                throw bad(partition, row, "the feature vector is null");
            }
            Vector v = r.getAs(0);
            if (v.size() != n) {
                throw bad(partition, row, "the feature vector has length " + v.size() + ", expected " + n
                        + " (the length of the first row)");
            }
            if (v instanceof DenseVector d) {
                System.arraycopy(d.values(), 0, x, off, n);
            } else if (v instanceof SparseVector s) {
                int[] idx = s.indices();
                double[] val = s.values();
                for (int t = 0; t < idx.length; t++) {
                    x[off + idx[t]] = val[t];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    x[off + j] = v.apply(j);
                }
            }
            labelAt = 1;
        } else {
            for (int j = 0; j < n; j++) {
                if (r.isNullAt(j)) {
                    throw bad(partition, row, "feature '" + names.get(j) + "' is null");
                }
                x[off + j] = r.getDouble(j);
            }
            labelAt = n;
        }
        for (int j = 0; j < n; j++) {
            double v = x[off + j];
            if (!Double.isFinite(v)) {
                throw bad(partition, row, "feature '" + names.get(j) + "' is " + v + ", expected a finite number");
            }
        }
        if (r.isNullAt(labelAt)) {
            throw bad(partition, row, "label '" + label + "' is null");
        }
        double t = r.getDouble(labelAt);
        if (!Double.isFinite(t)) {
            throw bad(partition, row, "label '" + label + "' is " + t + ", expected a finite number");
        }
        y[k] = t;
        if (w != null) {
            if (r.isNullAt(labelAt + 1)) {
                throw bad(partition, row, "weight '" + weight + "' is null");
            }
            double s = r.getDouble(labelAt + 1);
            if (!Double.isFinite(s) || s < 0) {
                throw bad(partition, row, "weight '" + weight + "' is " + s + ", expected a finite number >= 0");
            }
            w[k] = s;
        }
        if (o != null) {
            int at = labelAt + (w != null ? 2 : 1);
            if (r.isNullAt(at)) {
                throw bad(partition, row, "offset '" + offset + "' is null");
            }
            double v = r.getDouble(at);
            if (!Double.isFinite(v)) {
                throw bad(partition, row, "offset '" + offset + "' is " + v + ", expected a finite number");
            }
            o[k] = v;
        }
    }

    private static IllegalArgumentException bad(int partition, long row, String what) {
        return new IllegalArgumentException("partition " + partition + ", row " + row + ": " + what);
    }
}
