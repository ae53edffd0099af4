package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.kernels.Backends;
import dev.linea.models.GeneratedNames;
import dev.linea.models.glm.GeneralizedLinearModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;

/**
 * A Spark {@code Dataset<Row>} seen as a design matrix: the features (one {@code ml.linalg.Vector} column, or a list
 * of numeric columns), a numeric label, optional non-negative weights and optional offsets, read on the executors
 * into {@link RowBlock}s that Linea's kernels work on: row-major dense rows, or CSR rows for a column of
 * {@code SparseVector}s ({@link #withSparseRows}), which the estimators fit with the sparse kernels without
 * densifying. Immutable: the {@code with…} methods return a new view.
 *
 * <pre>{@code
 * DistributedData data = DistributedData.fromVectorColumn(df, "features", "label").withWeights("w");
 * LinearModel model = new DistributedLinearRegression().fit(data).model();
 * }</pre>
 *
 * <p>Executors run the {@code vector} backend unless {@link #withBackend(String)} names another; {@code native}
 * runs OpenBLAS with one thread per task (Linea's native loader sets one thread per process, and a Spark task is
 * single-threaded), so the executor's cores are shared by tasks, not by BLAS threads. Single-pass estimators read
 * the source once per pass; iterative ones cache the blocks for the duration of the fit unless
 * {@link #cache()} was called.
 */
public final class DistributedData {
    private static final System.Logger LOG = System.getLogger(DistributedData.class.getName());
    private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_LOGGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Dataset<Row> frame;
    private final String featuresColumn;
    private final List<String> featureColumns;
    private final String labelColumn;
    private final String weightColumn;
    private final String offsetColumn;
    private final List<String> featureNames;
    private final String backend;
    /** Rows per block as given by {@link #withBlockRows}, or 0 for the layout's default. */
    private final int blockRows;
    /** Whether the blocks hold CSR rows ({@link SparseRows}) instead of dense ones. */
    private final boolean sparse;
    private final JavaRDD<RowBlock> cached;
    /** Filled by the executors of every pass over this view and the views made from it (shared by them). */
    private final BackendUses uses;

    private DistributedData(Dataset<Row> frame, String featuresColumn, List<String> featureColumns,
                            String labelColumn, String weightColumn, String offsetColumn, List<String> featureNames,
                            String backend, int blockRows, boolean sparse, JavaRDD<RowBlock> cached,
                            BackendUses uses) {
        this.frame = frame;
        this.featuresColumn = featuresColumn;
        this.featureColumns = featureColumns;
        this.labelColumn = labelColumn;
        this.weightColumn = weightColumn;
        this.offsetColumn = offsetColumn;
        this.featureNames = featureNames;
        this.backend = backend;
        this.blockRows = blockRows;
        this.sparse = sparse;
        this.cached = cached;
        this.uses = uses;
    }

    /**
     * Features from one vector column. The length comes from the column's ML attribute metadata when present (as
     * {@code VectorAssembler} writes it), else from the first row; names from the metadata, else x1…xn (made on
     * demand: 2^20 hashed columns cost no strings). The first non-null row is read (one small job) to choose the
     * layout: when it is a {@code SparseVector}, the blocks hold CSR rows and the estimators run the sparse kernels
     * ({@link #withSparseRows}: say so explicitly for a column whose rows are mixed, as {@code VectorAssembler}'s).
     *
     * @throws IllegalArgumentException when a column is missing or of the wrong type, or there is neither a row nor
     *                                  the length in the metadata
     */
    public static DistributedData fromVectorColumn(Dataset<Row> frame, String featuresColumn, String labelColumn) {
        Objects.requireNonNull(frame, "frame");
        StructField f = field(frame, featuresColumn);
        if (!(f.dataType() instanceof VectorUDT)) {
            throw new IllegalArgumentException("column '" + featuresColumn + "' is of type "
                    + f.dataType().simpleString() + ", expected a vector (org.apache.spark.ml.linalg.VectorUDT)");
        }
        checkNumeric(frame, labelColumn, "label");
        AttributeGroup group = AttributeGroup.fromStructField(f);
        int n = group.size();
        Row[] first = (Row[]) frame.select(col(featuresColumn)).na().drop().head(1);
        List<String> names = null;
        if (n < 0) {
            if (first.length == 0) {
                throw new IllegalArgumentException("the data have no rows (column '" + featuresColumn
                        + "' has no non-null value): nothing to fit");
            }
            n = ((Vector) first[0].getAs(0)).size();
        } else if (group.attributes().isDefined()) {
            Attribute[] attrs = group.attributes().get();
            names = new ArrayList<>();
            for (int j = 0; j < attrs.length; j++) {
                names.add(attrs[j].name().isDefined() ? attrs[j].name().get() : "x" + (j + 1));
            }
            names = List.copyOf(names);
        }
        if (names == null) {
            names = defaultNames(n);
        }
        boolean sparse = first.length > 0 && first[0].getAs(0) instanceof SparseVector;
        return new DistributedData(frame, featuresColumn, null, labelColumn, null, null, names, defaultBackend(),
                0, sparse, null, newUses(frame));
    }

    /**
     * Features from numeric columns (cast to double), named after the columns.
     *
     * @throws IllegalArgumentException when a column is missing or not numeric
     */
    public static DistributedData fromColumns(Dataset<Row> frame, List<String> featureColumns, String labelColumn) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(featureColumns, "featureColumns");
        for (String c : featureColumns) {
            checkNumeric(frame, c, "feature");
        }
        checkNumeric(frame, labelColumn, "label");
        return new DistributedData(frame, null, List.copyOf(featureColumns), labelColumn, null, null,
                List.copyOf(featureColumns), defaultBackend(), 0, false, null, newUses(frame));
    }

    /** @return a view that reads non-negative weights from {@code weightColumn} */
    public DistributedData withWeights(String weightColumn) {
        checkNumeric(frame, weightColumn, "weight");
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn, offsetColumn,
                featureNames, backend, blockRows, sparse, null, uses);
    }

    /**
     * A view that reads an offset of the linear predictor from {@code offsetColumn} (numeric, cast to double): the
     * GLM's {@code η = o + Xβ + b}, for instance {@code o = log(exposure)}, as the single machine's
     * {@code GeneralizedLinearModel.fit(data, offset)}. Every row is checked when the blocks are read: a null, NaN or
     * infinite offset stops the job naming the partition, the row and the column. Only {@link DistributedGlm} uses
     * offsets; the other estimators refuse data with an offset rather than ignore it.
     *
     * @throws IllegalArgumentException when the column is missing or not numeric
     */
    public DistributedData withOffset(String offsetColumn) {
        checkNumeric(frame, offsetColumn, "offset");
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn, offsetColumn,
                featureNames, backend, blockRows, sparse, null, uses);
    }

    /**
     * @param name a backend of {@link Backends#NAMES} ("vector", "native", "scalar", "auto"); checked here, on the
     *             driver, so that a backend that cannot load fails before any job
     */
    public DistributedData withBackend(String name) {
        Backends.named(name);
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn, offsetColumn,
                featureNames, name, blockRows, sparse, null, uses);
    }

    /**
     * @param rows rows per block (default: dense, about 4 MB of features per block, at least 64 rows; sparse, up to
     *             65 536 rows, a block ending early once it holds 2^19 non-zeros)
     */
    public DistributedData withBlockRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("blockRows is " + rows + ", expected at least 1");
        }
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn, offsetColumn,
                featureNames, backend, rows, sparse, null, uses);
    }

    /**
     * A view whose blocks hold the features as CSR rows ({@code sparse = true}: each row's non-zeros, never a dense
     * row, so a 2^20-column hashed design fits) or dense rows ({@code false}). A {@code SparseVector} column is read
     * sparse by default ({@link #fromVectorColumn}); a column of mixed sparse and dense rows, or numeric columns, can
     * be read either way. On sparse rows every estimator runs the backend's sparse kernels per block: logistic
     * regression ({@code sparseLogisticGradient}, any width for L2 by L-BFGS or gradient descent), the GLM
     * ({@code sparseTimes}, {@code sparseGram}) and the least-squares family's moments ({@code sparseGram}); those
     * that form a dense (columns + 1)² matrix take at most {@link #MAX_SPARSE_COLUMNS} columns (refused before any
     * job, naming the count), and the tall-skinny QR and residual passes densify a sparse block a few rows at a
     * time (about 4 MB at once).
     */
    public DistributedData withSparseRows(boolean sparse) {
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn, offsetColumn,
                featureNames, backend, blockRows, sparse, null, uses);
    }

    /** @return whether the blocks hold CSR rows ({@link #withSparseRows}) */
    public boolean isSparse() {
        return sparse;
    }

    /**
     * The most columns an estimator that forms a dense (columns + 1)² matrix takes on sparse rows: the single
     * machine's cap ({@code GeneralizedLinearModel.MAX_SPARSE_COLUMNS},
     * {@code LogisticRegression.MAX_SPARSE_HESSIAN_COLUMNS}), the largest square below Java's array limit.
     */
    public static final int MAX_SPARSE_COLUMNS = GeneralizedLinearModel.MAX_SPARSE_COLUMNS;

    /**
     * Refuses sparse rows with more than {@link #MAX_SPARSE_COLUMNS} columns in an estimator that forms a dense
     * (columns + 1)² matrix, before any job (dense rows of that width would not be read at all).
     *
     * @param what the estimator (and solver) and the matrix it forms, for the message
     * @throws IllegalArgumentException naming the column count, the cap and what takes more columns
     */
    void requireFewColumns(String what) {
        if (sparse && cols() > MAX_SPARSE_COLUMNS) {
            throw new IllegalArgumentException("the sparse rows have " + cols() + " columns, expected at most "
                    + MAX_SPARSE_COLUMNS + " for " + what + ": it forms a dense (columns + 1)² matrix, one Java"
                    + " array. Use fewer columns (fewer hash bits), or an estimator with O(columns) memory that takes"
                    + " any width: DistributedLogisticRegression with penalty L2 and solver LBFGS, DistributedRidge"
                    + " (conjugate gradients); on one machine ElasticNet also fits a SparseDesign of any width");
        }
    }

    /** @return the rows per block of this view's layout */
    int blockRows() {
        if (blockRows > 0) {
            return blockRows;
        }
        return sparse ? BlockReader.SPARSE_BLOCK_ROWS : BlockReader.defaultBlockRows(cols());
    }

    /** @return the rows per dense piece of a sparse block, for the passes that need dense rows (about 4 MB) */
    int denseChunkRows() {
        return BlockReader.defaultBlockRows(cols());
    }

    /** @param names n feature names, replacing those found */
    public DistributedData withFeatureNames(List<String> names) {
        if (names.size() != featureNames.size()) {
            throw new IllegalArgumentException("featureNames has " + names.size() + " names, expected "
                    + featureNames.size());
        }
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn,
                offsetColumn, List.copyOf(names), backend, blockRows, sparse, cached, uses);
    }

    /**
     * Reads the blocks once and keeps them (memory, spilling to disk), for several fits on the same data. Release
     * them with {@link #unpersist()}.
     */
    public DistributedData cache() {
        if (cached != null) {
            return this;
        }
        JavaRDD<RowBlock> rdd = read().persist(StorageLevel.MEMORY_AND_DISK());
        return new DistributedData(frame, featuresColumn, featureColumns, labelColumn, weightColumn, offsetColumn,
                featureNames, backend, blockRows, sparse, rdd, uses);
    }

    /** Releases the blocks kept by {@link #cache()} (no effect otherwise). */
    public void unpersist() {
        if (cached != null) {
            cached.unpersist(false);
        }
    }

    /** A fit run on cached data: the data (cached) and whether the cache is the fit's own (released afterwards). */
    interface CachedFit<R> {
        R run(DistributedData cachedData, boolean ownCache);
    }

    /**
     * Runs a fit with the blocks cached for its duration: on these data when they are already cached, else on a
     * cached copy released afterwards (internal).
     */
    <R> R withCache(CachedFit<R> fit) {
        boolean own = !isCached();
        DistributedData d = own ? cache() : this;
        try {
            return fit.run(d, own);
        } finally {
            if (own) {
                d.unpersist();
            }
        }
    }

    /**
     * @return the number of parameters, n + 1 with an intercept, else n
     * @throws IllegalArgumentException when there is no feature and no intercept (internal)
     */
    static int parameters(int n, boolean intercept) {
        if (n == 0 && !intercept) {
            throw new IllegalArgumentException("nothing to fit: 0 feature columns and fitIntercept is false");
        }
        return intercept ? n + 1 : n;
    }

    /** @return true when the blocks are kept between passes */
    public boolean isCached() {
        return cached != null;
    }

    /** @return n, the number of features */
    public int cols() {
        return featureNames.size();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public boolean weighted() {
        return weightColumn != null;
    }

    /** @return the offset column ({@link #withOffset}), or null when there is none */
    public String offsetColumn() {
        return offsetColumn;
    }

    /** @return the executors' backend name */
    public String backendName() {
        return backend;
    }

    /**
     * Every executor JVM that has run a pass over these data so far (this view, and the views and caches made from
     * it), with the backend it loaded, as the executors themselves reported it; each executor once per backend, in
     * the order of executor id. In local mode the one entry is the driver. Use it to check a cluster's setup: on a
     * cluster, each executor of the fit, its own pid, and the backend it really ran.
     */
    public List<BackendUse> executorBackends() {
        java.util.TreeMap<String, BackendUse> seen = new java.util.TreeMap<>();
        for (BackendUse u : uses.value()) {
            seen.putIfAbsent(u.executorId() + "\u0000" + u.pid() + "\u0000" + u.backend(), u);
        }
        return List.copyOf(seen.values());
    }

    /** @return a new, registered accumulator of the executors' reports */
    private static BackendUses newUses(Dataset<Row> frame) {
        BackendUses u = new BackendUses();
        frame.sparkSession().sparkContext().register(u);
        return u;
    }

    /** @return the backend as shipped to the executors, reporting to {@link #executorBackends()} */
    ExecutorBackend executorBackend() {
        return new ExecutorBackend(backend, uses);
    }

    /** @return the backend the driver solves with (the executors' one) */
    Backend driverBackend() {
        return Backends.named(backend);
    }

    /**
     * Refuses data with an offset column in an estimator that has no use for offsets: ignoring them would fit
     * another model without a word. Every estimator but {@link DistributedGlm} calls it first.
     *
     * @param estimator the estimator's name, for the message
     * @throws IllegalArgumentException when the data have an offset column, naming the estimator and the column
     */
    void requireNoOffset(String estimator) {
        if (offsetColumn != null) {
            throw new IllegalArgumentException(estimator + " does not support offsets, but the data have the offset"
                    + " column '" + offsetColumn + "' (DistributedData.withOffset); only DistributedGlm uses offsets:"
                    + " fit data without withOffset");
        }
    }

    /**
     * The blocks for an estimator without offsets: the kept ones, or a fresh read of the source.
     *
     * @throws IllegalArgumentException when the data have an offset column (a safety net behind
     *                                  {@link #requireNoOffset})
     */
    JavaRDD<RowBlock> blocks() {
        requireNoOffset("this estimator");
        return blocksWithOffsets();
    }

    /** @return the blocks with their offsets (null in each block when there is no offset column): the GLM's */
    JavaRDD<RowBlock> blocksWithOffsets() {
        return cached != null ? cached : read();
    }

    private JavaRDD<RowBlock> read() {
        List<Column> cols = new ArrayList<>();
        if (featuresColumn != null) {
            cols.add(col(featuresColumn));
        } else {
            for (String c : featureColumns) {
                cols.add(col(c).cast("double"));
            }
        }
        cols.add(col(labelColumn).cast("double"));
        if (weightColumn != null) {
            cols.add(col(weightColumn).cast("double"));
        }
        if (offsetColumn != null) {
            cols.add(col(offsetColumn).cast("double"));
        }
        BlockReader reader = new BlockReader(cols(), featuresColumn != null, sparse, weightColumn != null,
                blockRows(), featureNames, labelColumn, weightColumn, offsetColumn);
        return frame.select(cols.toArray(new Column[0])).javaRDD().mapPartitionsWithIndex(reader, true);
    }

    private static StructField field(Dataset<Row> frame, String name) {
        Objects.requireNonNull(name, "column name");
        for (StructField f : frame.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in the data; columns are "
                + Arrays.toString(frame.columns()));
    }

    private static void checkNumeric(Dataset<Row> frame, String name, String role) {
        DataType t = field(frame, name).dataType();
        if (!(t instanceof NumericType) && !(t instanceof BooleanType)) {
            throw new IllegalArgumentException(role + " column '" + name + "' is of type " + t.simpleString()
                    + ", expected a numeric type");
        }
    }

    /**
     * "vector", or "scalar" when the Vector API is not in this JVM (said once, in one log line with the reason and
     * the flag that fixes it). Executors are expected to run with the driver's JVM flags; one that lacks the module
     * fails its task with the same reason.
     */
    static String defaultBackend() {
        var status = Backends.status("vector");
        if (status.isAvailable()) {
            return "vector";
        }
        if (!FALLBACK_LOGGED.getAndSet(true)) {
            LOG.log(System.Logger.Level.WARNING, "linea-spark: the vector backend is unavailable ({0}; fix: {1});"
                    + " executors will use the scalar backend", status.reason(), status.fix());
        }
        return "scalar";
    }

    /** @return x1 … xn, made on demand ({@link GeneratedNames}: no strings stored for 2^20 columns) */
    static List<String> defaultNames(int n) {
        return GeneratedNames.numbered("x", 1, n);
    }
}
