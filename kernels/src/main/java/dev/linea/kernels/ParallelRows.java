package dev.linea.kernels;

import dev.linea.kernels.split.RowSplit;

/**
 * Passes over the rows of a matrix split over {@link Threads#count()} threads the way the backends' own row-split
 * kernels are (see {@link Threads}): blocks whose boundaries depend on the shape alone (at least 2¹⁷ elements and
 * 32 rows each, at most 32), partial results added in a fixed pairwise tree over the block index, so results are
 * bit-identical whatever the thread count. A call of one block runs the body once on the calling thread, with no
 * allocation or synchronisation. For the estimators' own passes over X (column means, column ranges, mapped
 * products, residuals), which would otherwise keep a fit on one core between its split kernels.
 */
public final class ParallelRows {
    private ParallelRows() {
    }

    /** Rows [from, to) of a pass whose rows are independent (each writes only its own outputs). */
    @FunctionalInterface
    public interface Range {
        void rows(int from, int to);
    }

    /** Rows [from, to) adding their contribution into {@code part[partOff …]} (zeroed before the first row). */
    @FunctionalInterface
    public interface Partial {
        void rows(int from, int to, double[] part, int partOff);
    }

    /**
     * Runs {@code body} over every row of [0, m), in blocks, on up to {@link Threads#count()} threads.
     *
     * @param workPerRow elements read per row (decides the block size, with m)
     * @throws IllegalArgumentException when m &lt; 0 or workPerRow &lt; 0
     */
    public static void forEach(int m, long workPerRow, Range body) {
        check(m, workPerRow);
        if (m > 0) {
            RowSplit.rows(m, workPerRow, body::rows);
        }
    }

    /**
     * {@code out[outOff … outOff+size) = Σ_blocks body(block)}: each block adds its rows' contribution into its own
     * zeroed slot of {@code size} values; the slots are summed in a fixed tree. Modified: out (overwritten).
     *
     * @throws IllegalArgumentException when m, workPerRow or size is negative
     */
    public static void sum(int m, long workPerRow, int size, Partial body, double[] out, int outOff) {
        check(m, workPerRow);
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + ", expected 0 or more");
        }
        RowSplit.reduce(m, workPerRow, size, false, body::rows, out, outOff);
    }

    /**
     * {@code out[outOff … outOff+size) = max over blocks of body(block)}, element-wise, each block's slot starting
     * at zeros (for maxima of absolute values; a NaN in any block stays NaN). Modified: out (overwritten).
     *
     * @throws IllegalArgumentException when m, workPerRow or size is negative
     */
    public static void max(int m, long workPerRow, int size, Partial body, double[] out, int outOff) {
        check(m, workPerRow);
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + ", expected 0 or more");
        }
        RowSplit.reduce(m, workPerRow, size, true, body::rows, out, outOff);
    }

    /** Combines the partial result at {@code fromOff} into the one at {@code intoOff}, both in {@code part}. */
    @FunctionalInterface
    public interface Merge {
        void merge(double[] part, int intoOff, int fromOff);
    }

    /**
     * {@code out[outOff … outOff+size) = merge over blocks of body(block)}, for partial results that are not simply
     * added (co-moments about each block's own mean): each block fills its own zeroed slot of {@code size} values,
     * and slot i + s is merged into slot i for s = 1, 2, 4, … — a fixed tree over the block index, so the result
     * is bit-identical whatever the thread count. The blocks are those of {@link #sum}, fewer when the slots
     * would exceed 32 MB together. One block fills out directly. Modified: out (overwritten).
     *
     * @throws IllegalArgumentException when m, workPerRow or size is negative
     */
    public static void merge(int m, long workPerRow, int size, Partial body, Merge merge, double[] out, int outOff) {
        check(m, workPerRow);
        if (size < 0) {
            throw new IllegalArgumentException("size = " + size + ", expected 0 or more");
        }
        RowSplit.merge(m, workPerRow, size, body::rows, merge::merge, out, outOff);
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, tasks) on up to {@link Threads#count()} threads (claimed in
     * index order; one task, or one thread, runs them in order on the calling thread), and returns when all are done.
     * For work the caller splits from the shape alone (the chunks of a tall-skinny QR): each task must write only
     * its own outputs, so the results do not depend on the thread count.
     *
     * @throws IllegalArgumentException when tasks &lt; 0
     */
    public static void forEachTask(int tasks, java.util.function.IntConsumer body) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks = " + tasks + ", expected 0 or more");
        }
        if (tasks > 0) {
            RowSplit.tasks(tasks, body);
        }
    }

    private static void check(int m, long workPerRow) {
        if (m < 0) {
            throw new IllegalArgumentException("m = " + m + ", expected 0 or more rows");
        }
        if (workPerRow < 0) {
            throw new IllegalArgumentException("workPerRow = " + workPerRow + ", expected 0 or more");
        }
    }
}
