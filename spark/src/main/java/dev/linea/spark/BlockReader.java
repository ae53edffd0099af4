package dev.linea.spark;

import dev.linea.models.GeneratedNames;
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
 *
 * <p>Dense blocks ({@link DistributedData#withSparseRows} false) hold rows×n doubles. Sparse blocks hold the rows'
 * non-zeros as CSR ({@link SparseRows}), never a dense row: a {@code SparseVector} gives its stored entries (explicit
 * zeros kept), a {@code DenseVector} (a mixed column) or the numeric columns their non-zero values; its indices
 * must be strictly increasing and within the length. A sparse block ends at {@code blockRows} rows or once it holds
 * {@link #SPARSE_BLOCK_NON_ZEROS} non-zeros, whichever comes first.
 */
final class BlockReader implements Function2<Integer, Iterator<Row>, Iterator<RowBlock>> {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final boolean vectorColumn;
    private final boolean sparse;
    private final boolean weighted;
    private final int blockRows;
    private final List<String> names;
    private final String label;
    private final String weight;
    private final String offset;

    /** Non-zeros after which a sparse block ends (about 6 MB of CSR). */
    static final int SPARSE_BLOCK_NON_ZEROS = 1 << 19;

    /**
     * @param sparse whether the blocks are CSR ({@link SparseRows}) rather than dense
     * @param names  the features' names, for messages ({@link GeneratedNames} are shipped as they are, a few bytes)
     * @param offset the offset column's name, or null when there is none
     */
    BlockReader(int n, boolean vectorColumn, boolean sparse, boolean weighted, int blockRows, List<String> names,
                String label, String weight, String offset) {
        this.n = n;
        this.vectorColumn = vectorColumn;
        this.sparse = sparse;
        this.weighted = weighted;
        this.blockRows = blockRows;
        this.names = names instanceof GeneratedNames ? names : List.copyOf(names);
        this.label = label;
        this.weight = weight;
        this.offset = offset;
    }

    /** Rows per block for n features: about 4 MB of X, at least 64 rows. */
    static int defaultBlockRows(int n) {
        return Math.max(64, Math.min(1 << 16, (1 << 19) / Math.max(1, n)));
    }

    /** Rows per sparse block at most (the non-zeros usually end a block first: {@link #SPARSE_BLOCK_NON_ZEROS}). */
    static final int SPARSE_BLOCK_ROWS = 1 << 16;

    @Override
    public Iterator<RowBlock> call(Integer partition, Iterator<Row> rows) {
        return sparse ? sparseBlocks(partition, rows) : denseBlocks(partition, rows);
    }

    private Iterator<RowBlock> denseBlocks(int partition, Iterator<Row> rows) {
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
        readFeatures(partition, row, r, x, off);
        readRoles(partition, row, r, vectorColumn ? 1 : n, y, w, o, k);
    }

    /** The features of row r into x[off … off + n), checked finite. */
    private void readFeatures(int partition, long row, Row r, double[] x, int off) {
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
        } else {
            for (int j = 0; j < n; j++) {
                if (r.isNullAt(j)) {
                    throw bad(partition, row, "feature '" + names.get(j) + "' is null");
                }
                x[off + j] = r.getDouble(j);
            }
        }
        for (int j = 0; j < n; j++) {
            double v = x[off + j];
            if (!Double.isFinite(v)) {
                throw bad(partition, row, "feature '" + names.get(j) + "' is " + v + ", expected a finite number");
            }
        }
    }

    /** The label, weight and offset of row r (from column {@code labelAt} on) into y[k], w[k], o[k], checked. */
    private void readRoles(int partition, long row, Row r, int labelAt, double[] y, double[] w, double[] o, int k) {
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

    private Iterator<RowBlock> sparseBlocks(int partition, Iterator<Row> rows) {
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
                int cap = Math.min(blockRows, 1024);
                int[] ptr = new int[cap + 1];
                double[] y = new double[cap];
                double[] w = weighted ? new double[cap] : null;
                double[] o = offset != null ? new double[cap] : null;
                Csr csr = new Csr();
                long first = next;
                int k = 0;
                while (k < blockRows && csr.nnz < SPARSE_BLOCK_NON_ZEROS && rows.hasNext()) {
                    if (k == y.length) {
                        int grown = (int) Math.min(blockRows, 2L * k);
                        ptr = Arrays.copyOf(ptr, grown + 1);
                        y = Arrays.copyOf(y, grown);
                        w = w == null ? null : Arrays.copyOf(w, grown);
                        o = o == null ? null : Arrays.copyOf(o, grown);
                    }
                    Row r = rows.next();
                    readSparseFeatures(partition, next, r, csr);
                    readRoles(partition, next, r, vectorColumn ? 1 : n, y, w, o, k);
                    next++;
                    k++;
                    ptr[k] = csr.nnz;
                }
                SparseRows x = new SparseRows(k, n, Arrays.copyOf(ptr, k + 1), Arrays.copyOf(csr.indices, csr.nnz),
                        Arrays.copyOf(csr.values, csr.nnz));
                return RowBlock.sparse(partition, first, x, Arrays.copyOf(y, k),
                        w == null ? null : Arrays.copyOf(w, k), o == null ? null : Arrays.copyOf(o, k));
            }
        };
    }

    /** A block's growing column indices and values. */
    private static final class Csr {
        int nnz;
        int[] indices = new int[4096];
        double[] values = new double[4096];

        void add(int j, double v) {
            if (nnz == indices.length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * nnz);
                indices = Arrays.copyOf(indices, grown);
                values = Arrays.copyOf(values, grown);
            }
            indices[nnz] = j;
            values[nnz] = v;
            nnz++;
        }
    }

    /**
     * The features of row r as its non-zeros, appended to {@code csr}: a SparseVector's stored entries, the non-zero
     * values of a dense vector or of the numeric columns; checked (length, indices increasing, finite values).
     */
    private void readSparseFeatures(int partition, long row, Row r, Csr csr) {
        if (!vectorColumn) {
            for (int j = 0; j < n; j++) {
                if (r.isNullAt(j)) {
                    throw bad(partition, row, "feature '" + names.get(j) + "' is null");
                }
                addNonZero(partition, row, csr, j, r.getDouble(j));
            }
            return;
        }
        if (r.isNullAt(0)) {
            throw bad(partition, row, "the feature vector is null");
        }
        Vector v = r.getAs(0);
        if (v.size() != n) {
            throw bad(partition, row, "the feature vector has length " + v.size() + ", expected " + n
                    + " (the length of the first row)");
        }
        if (v instanceof DenseVector d) {
            double[] val = d.values();
            for (int j = 0; j < n; j++) {
                addNonZero(partition, row, csr, j, val[j]);
            }
            return;
        }
        SparseVector s = v instanceof SparseVector sv ? sv : v.toSparse();
        int[] idx = s.indices();
        double[] val = s.values();
        if (idx.length != val.length) {
            throw bad(partition, row, "the sparse feature vector has " + idx.length + " indices and " + val.length
                    + " values, expected as many of each");
        }
        int previous = -1;
        for (int t = 0; t < idx.length; t++) {
            int j = idx[t];
            if (j <= previous || j >= n) {
                throw bad(partition, row, "the sparse feature vector has index " + j + " at position " + t
                        + (j >= n ? ", expected an index < " + n + " (the vector's length)"
                        : " after " + previous + ", expected strictly increasing indices"));
            }
            previous = j;
            double x = val[t];
            if (!Double.isFinite(x)) {
                throw bad(partition, row, "feature '" + names.get(j) + "' is " + x + ", expected a finite number");
            }
            csr.add(j, x);
        }
    }

    /** Appends x at column j unless it is 0, after checking that it is finite. */
    private void addNonZero(int partition, long row, Csr csr, int j, double x) {
        if (!Double.isFinite(x)) {
            throw bad(partition, row, "feature '" + names.get(j) + "' is " + x + ", expected a finite number");
        }
        if (x != 0) {
            csr.add(j, x);
        }
    }

    private static IllegalArgumentException bad(int partition, long row, String what) {
        return new IllegalArgumentException("partition " + partition + ", row " + row + ": " + what);
    }
}
