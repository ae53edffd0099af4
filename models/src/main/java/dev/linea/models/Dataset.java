package dev.linea.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A design matrix X (rows = samples, row-major), a target y, optional sample weights and names. Immutable: with
 * {@link #of} the arrays are copied in; with {@link #wrap} they are kept (the caller hands them over, and no second
 * copy of X is made); they are never handed out (use the {@code copy…} accessors, or {@link #xUnsafe()} where a
 * read-only view is needed for speed inside the library). {@link #design(boolean)} is the no-copy view estimators
 * fit from.
 *
 * <p>Construction validates once, naming what it finds: shapes, a NaN or ±Inf in X (row and column), y or the
 * weights (row), negative or all-zero weights.
 */
public final class Dataset {
    private final int rows;
    private final int cols;
    private final double[] x;
    private final double[] y;
    private final double[] weights;
    private final List<String> featureNames;
    private final String targetName;
    /** Trailing parts of a double-double X (null: X is exactly the doubles given). */
    private final double[] xLow;

    private Dataset(int rows, int cols, double[] x, double[] y, double[] weights, List<String> featureNames,
                    String targetName, double[] xLow) {
        this.xLow = xLow;
        this.rows = rows;
        this.cols = cols;
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.featureNames = featureNames;
        this.targetName = targetName;
    }

    /**
     * @param rows  number of samples, ≥ 1
     * @param cols  number of features, ≥ 0
     * @param x     row-major rows×cols values; not modified (copied)
     * @param y     rows targets; not modified (copied)
     */
    public static Dataset of(int rows, int cols, double[] x, double[] y) {
        return of(rows, cols, x, y, null, null, "y");
    }

    /** From rows of features; every row must have the same length. */
    public static Dataset of(double[][] x, double[] y) {
        Objects.requireNonNull(x, "x");
        int rows = x.length;
        int cols = rows == 0 ? 0 : x[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            if (x[i].length != cols) {
                throw new IllegalArgumentException("x row " + i + " has " + x[i].length
                        + " values, expected " + cols + " (the length of row 0)");
            }
            System.arraycopy(x[i], 0, flat, i * cols, cols);
        }
        return of(rows, cols, flat, y);
    }

    /**
     * The full constructor.
     *
     * @param weights      null (all ones) or rows finite weights ≥ 0, not all zero; not modified (copied)
     * @param featureNames null (x1, x2, …) or cols distinct names (a name given twice is rejected, naming both
     *                     positions)
     * @param targetName   the target's name, for reports
     */
    public static Dataset of(int rows, int cols, double[] x, double[] y, double[] weights,
                             List<String> featureNames, String targetName) {
        if (x != null && rows >= 1 && cols >= 0 && x.length != (long) rows * cols) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected rows × cols = "
                    + rows + " × " + cols + " = " + (long) rows * cols);
        }
        Dataset d = wrap(rows, cols, x, y, weights, featureNames, targetName);
        return new Dataset(rows, cols, java.util.Arrays.copyOf(x, rows * cols), y.clone(),
                weights == null ? null : weights.clone(), d.featureNames, d.targetName, null);
    }

    /**
     * As {@link #of(int, int, double[], double[], double[], List, String)}, validated the same way, but the arrays
     * are <em>kept, not copied</em>: the way in for data that would otherwise be written twice (a CSV reader's
     * arrays, a caller's large matrix). X is read from its first rows×cols values; a longer array (a reader's
     * growing buffer) is accepted.
     *
     * @param x       row-major, at least rows×cols values; not modified, kept: the caller must not modify it after
     * @param y       rows targets; not modified, kept
     * @param weights null or rows weights; not modified, kept
     */
    public static Dataset wrap(int rows, int cols, double[] x, double[] y, double[] weights,
                               List<String> featureNames, String targetName) {
        if (rows < 1) {
            throw new IllegalArgumentException("dataset has " + rows + " rows, expected at least 1");
        }
        if (cols < 0) {
            throw new IllegalArgumentException("dataset has " + cols + " columns, expected >= 0");
        }
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length < (long) rows * cols) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected rows × cols = "
                    + rows + " × " + cols + " = " + (long) rows * cols);
        }
        if (y.length != rows) {
            throw new IllegalArgumentException("y has " + y.length + " values, expected " + rows
                    + " (one per row of x)");
        }
        List<String> names = featureNames == null ? defaultNames(cols) : List.copyOf(featureNames);
        if (names.size() != cols) {
            throw new IllegalArgumentException(names.size() + " feature names, expected " + cols);
        }
        requireDistinct(names);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = x[i * cols + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("x has " + v + " at row " + i + ", column " + j + " ('"
                            + names.get(j) + "'), expected a finite number");
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y has " + y[i] + " at row " + i + ", expected a finite number");
            }
        }
        double[] w = null;
        if (weights != null) {
            if (weights.length != rows) {
                throw new IllegalArgumentException("weights has " + weights.length + " values, expected " + rows);
            }
            double total = 0;
            for (int i = 0; i < rows; i++) {
                double v = weights[i];
                if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("weights has " + v + " at row " + i
                            + ", expected a finite weight >= 0");
                }
                total += v;
            }
            if (total == 0) {
                throw new IllegalArgumentException("weights are all zero, expected at least one positive weight");
            }
            w = weights;
        }
        return new Dataset(rows, cols, x, y, w, names, targetName == null ? "y" : targetName, null);
    }

    /** A column moved out of a dataset's storage: the dataset without it, and its values. */
    public record ColumnSplit(Dataset rest, double[] column) {
    }

    /**
     * Moves column c out of this dataset <em>in place</em> (an offset column read with the features, say): its m
     * values are copied out, and the other columns are compacted into this dataset's own X array, which the result
     * takes over — no second m×n matrix. This dataset is consumed: after the call its X no longer holds its rows,
     * and it must not be used again (a second split throws {@link IllegalStateException}). Use it only on a
     * dataset nothing else holds (one just read, say); weights, y and the other names are shared.
     *
     * @param c the column, 0 ≤ c &lt; cols
     * @throws IllegalArgumentException when c is not a column
     * @throws IllegalStateException    when the dataset was already consumed or carries low parts
     */
    public synchronized ColumnSplit splitOffColumn(int c) {
        if (c < 0 || c >= cols) {
            throw new IllegalArgumentException("column " + c + " is not a column, expected 0 ≤ c < " + cols);
        }
        if (consumed) {
            throw new IllegalStateException("this dataset was consumed by an earlier splitOffColumn");
        }
        if (xLow != null) {
            throw new IllegalStateException("splitOffColumn on a dataset with low parts");
        }
        consumed = true;
        double[] col = new double[rows];
        int k = cols - 1;
        for (int i = 0; i < rows; i++) {
            int src = i * cols;
            col[i] = x[src + c];
            // Destination ≤ source for every value: a forward copy never overwrites what is still to be read.
            System.arraycopy(x, src, x, i * k, c);
            System.arraycopy(x, src + c + 1, x, i * k + c, k - c);
        }
        List<String> names = new ArrayList<>(featureNames);
        names.remove(c);
        return new ColumnSplit(new Dataset(rows, k, x, y, weights, List.copyOf(names), targetName, null), col);
    }

    /** Set once {@link #splitOffColumn} has taken this dataset's storage. */
    private boolean consumed;

    /** @return a view of this dataset as a {@link Design} (no copy), with or without an implicit intercept */
    public Design design(boolean intercept) {
        return Design.of(this, intercept);
    }

    /**
     * Rejects a name given to two features: a model would hold two coefficients under one name, and whatever matches
     * columns by name (a saved model scoring a CSV) would read the first column twice.
     */
    static void requireDistinct(List<String> names) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            Integer first = seen.putIfAbsent(names.get(j), j);
            if (first != null) {
                throw new IllegalArgumentException("features " + (first + 1) + " and " + (j + 1) + " (1-based) are "
                        + "both named '" + names.get(j) + "', expected distinct feature names");
            }
        }
    }

    static List<String> defaultNames(int cols) {
        List<String> names = new ArrayList<>(cols);
        for (int j = 0; j < cols; j++) {
            names.add("x" + (j + 1));
        }
        return Collections.unmodifiableList(names);
    }

    /** @return the same data with these sample weights (validated as in {@link #of}); low parts are kept. */
    public Dataset withWeights(double[] w) {
        // X and y are immutable here, so the new dataset shares them; only the weights are copied in.
        Dataset d = wrap(rows, cols, x, y, w == null ? null : w.clone(), featureNames, targetName);
        return new Dataset(rows, cols, x, y, d.weights, featureNames, targetName, xLow);
    }

    /**
     * The same data with X given in double-double: the design is {@code X + xLow} exactly, where xLow holds the
     * part of each value below X's last bit (for example the rest of a decimal such as NIST's -6.860120914, or of a
     * polynomial column x^k computed in double-double). Only solvers that form residuals in extended precision
     * (OLS's QR refinement, see {@code dev.linea.models.linalg.RefinedQr}) and residual-based statistics use it;
     * everything else uses X. On ill-conditioned designs this is the difference between solving the problem as
     * stored in doubles and the problem as written (NIST's Filip: 7.7 versus 15 correct digits).
     *
     * @param low rows×cols finite values, each at most ulp(X(i, j)) in magnitude; not modified (copied)
     */
    public Dataset withLowParts(double[] low) {
        Objects.requireNonNull(low, "low");
        if (low.length != rows * cols) {
            throw new IllegalArgumentException("low parts have " + low.length + " values, expected rows × cols = "
                    + rows * cols);
        }
        for (int i = 0; i < low.length; i++) {
            if (!(Math.abs(low[i]) <= Math.ulp(x[i]))) {
                throw new IllegalArgumentException("low part " + low[i] + " at row " + i / cols + ", column "
                        + i % cols + " is not finite or exceeds ulp(" + x[i] + ") = " + Math.ulp(x[i]));
            }
        }
        return new Dataset(rows, cols, x, y, weights, featureNames, targetName, low.clone());
    }

    /** @return true when X carries double-double low parts ({@link #withLowParts}). */
    public boolean hasLowParts() {
        return xLow != null;
    }

    /** The internal low parts (null when none); callers must not modify them. */
    public double[] xLowUnsafe() {
        return xLow;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** @return X(i, j). */
    public double x(int i, int j) {
        return x[i * cols + j];
    }

    public double y(int i) {
        return y[i];
    }

    /** @return a copy of X, row-major. */
    public double[] copyX() {
        return java.util.Arrays.copyOf(x, rows * cols);
    }

    /** @return a copy of y. */
    public double[] copyY() {
        return y.clone();
    }

    /** @return a copy of the weights, or null when unweighted. */
    public double[] copyWeights() {
        return weights == null ? null : weights.clone();
    }

    /** @return true when sample weights were given. */
    public boolean weighted() {
        return weights != null;
    }

    /** @return the weight of row i (1 when unweighted). */
    public double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /**
     * The internal X array, row-major, for library code that only reads it (kernels take offsets and leading
     * dimensions, so a copy would be waste): X(i, j) is at {@code i·cols + j}; the array may be longer than
     * rows×cols (a wrapped reader's buffer). Callers must not modify it.
     */
    public double[] xUnsafe() {
        return x;
    }

    /** The internal y array; callers must not modify it. */
    public double[] yUnsafe() {
        return y;
    }

    /** The internal weights (null when unweighted); callers must not modify them. */
    public double[] weightsUnsafe() {
        return weights;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String targetName() {
        return targetName;
    }
}
