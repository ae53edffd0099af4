package dev.linea.models.io;

import dev.linea.kernels.sparse.CsrMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads LIBSVM / SVMlight files straight into CSR arrays.
 *
 * <p>The grammar, one sample per line:
 * <pre>
 *   line    = [label [qid] {feature}] [comment]        blank and comment-only lines make no row
 *   label   = number                                    the target (+1/−1, 0/1, or any real)
 *   qid     = "qid:" digits                              a query id, kept for rankers ({@link Data#qid()})
 *   feature = index ":" number                           index 1-based, strictly increasing along the line
 *   comment = "#" anything to the end of the line
 * </pre>
 * Tokens are separated by spaces or tabs; lines end with LF or CRLF. Numbers follow the strict grammar of
 * {@link DecimalParser} (no {@code 5d}, no hex) and must be finite (a NaN or infinite label or value is refused).
 * Column j of the matrix is index j + 1 of the file. Either every row has a qid or none does.
 *
 * <p>Every error names the 1-based line, the token found and what was expected: index 0 (the indices are 1-based),
 * an index not greater than the one before it (unsorted or duplicate), an index beyond the expected column count, a
 * token that is not {@code INDEX:VALUE}, a label or value that is not a finite number.
 *
 * <p>How: a first pass counts, per chunk of the file, its lines, rows and entries (a byte scan); the arrays are
 * then allocated at their exact sizes (12 bytes per entry, 8 + 4 per row: no growing, no copy), and a second pass
 * parses each chunk into its own slice of them. Chunks run on parallel threads when the file is large enough.
 */
public final class LibSvmFiles {
    private static final int BUFFER = 1 << 20;
    /** Below this a file is read by one thread: starting threads costs more than it saves. */
    private static final long PARALLEL_BYTES = 8L << 20;

    private LibSvmFiles() {
    }

    /**
     * A LIBSVM file's contents.
     *
     * @param x   the features, m rows; column j is the file's index j + 1
     * @param y   the labels, one per row
     * @param qid the query ids, one per row, or null when the file has none
     */
    public record Data(CsrMatrix x, double[] y, int[] qid) {
    }

    /** Reads a file, with as many columns as its largest index, on up to all available processors. */
    public static Data read(Path file) {
        return read(file, 0, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads a file.
     *
     * @param columns the column count (an index beyond it is an error), or 0 for the largest index in the file
     * @param threads at most this many threads (≥ 1)
     * @throws IllegalArgumentException for bad content, naming the file, the 1-based line and what was expected
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Data read(Path file, int columns, int threads) {
        return read(file, columns, threads, PARALLEL_BYTES);
    }

    /** As {@link #read(Path, int, int)}, splitting files of at least {@code parallelBytes} (tests use small ones). */
    static Data read(Path file, int columns, int threads, long parallelBytes) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new FileSource(ch), columns, threads, file.toString(), parallelBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses text in memory (tests, small inputs).
     *
     * @param source names the text in messages
     */
    public static Data parse(String text, int columns, String source) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            return read(new BytesSource(b), columns, 1, source, PARALLEL_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Data read(Source src, int columns, int threads, String name, long parallelBytes)
            throws IOException {
        if (columns < 0) {
            throw new IllegalArgumentException("columns = " + columns + ", expected ≥ 0 (0: the largest index)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ", expected ≥ 1");
        }
        long size = src.size();
        int chunks = size < parallelBytes ? 1 : (int) Math.max(1, Math.min(threads, size / (parallelBytes / 2)));
        long[] bounds = new long[chunks + 1];
        bounds[chunks] = size;
        for (int c = 1; c < chunks; c++) {
            bounds[c] = Math.max(bounds[c - 1], lineStartAfter(src, size * c / chunks));
        }
        Chunk[] parts = new Chunk[chunks];
        for (int c = 0; c < chunks; c++) {
            parts[c] = new Chunk(src, bounds[c], bounds[c + 1], name);
        }
        run(parts, Chunk::count);
        long rows = 0;
        long nnz = 0;
        long lines = 0;
        for (Chunk p : parts) {
            p.firstRow = (int) rows;
            p.firstEntry = nnz;
            p.firstLine = lines + 1;
            rows += p.rows;
            nnz += p.entries;
            lines += p.lines;
        }
        if (nnz > Integer.MAX_VALUE - 8 || rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + rows + " rows and up to " + nnz + " entries, expected at "
                    + "most " + (Integer.MAX_VALUE - 8) + " of each (Java arrays)");
        }
        int m = (int) rows;
        int[] rowPtr = new int[m + 1];
        int[] indices = new int[(int) nnz];
        double[] values = new double[(int) nnz];
        double[] y = new double[m];
        int[] qid = new int[m];
        for (Chunk p : parts) {
            p.out(rowPtr, indices, values, y, qid, columns);
        }
        run(parts, Chunk::parse);
        int maxIndex = 0;
        Boolean hasQid = null;
        for (Chunk p : parts) {
            maxIndex = Math.max(maxIndex, p.maxIndex);
            if (p.rows > 0) {
                if (hasQid != null && hasQid != p.hasQid) {
                    throw new IllegalArgumentException(name + ": line " + p.firstDataLine + ": " + (p.hasQid
                            ? "a qid, expected none (the rows before it have none)"
                            : "no qid, expected one (the rows before it have one)"));
                }
                hasQid = p.hasQid;
            }
        }
        int n = columns > 0 ? columns : maxIndex;
        return new Data(new CsrMatrix(m, n, rowPtr, indices, values), y,
                Boolean.TRUE.equals(hasQid) ? qid : null);
    }

    /** Runs the step on every chunk, in parallel when there are several; rethrows the earliest chunk's error. */
    private static void run(Chunk[] parts, IoStep step) throws IOException {
        if (parts.length == 1) {
            step.apply(parts[0]);
            return;
        }
        Throwable[] errors = new Throwable[parts.length];
        Thread[] threads = new Thread[parts.length];
        for (int c = 0; c < parts.length; c++) {
            int cc = c;
            threads[c] = Thread.ofPlatform().name("linea-libsvm-" + c).start(() -> {
                try {
                    step.apply(parts[cc]);
                } catch (Throwable t) {
                    errors[cc] = t;
                }
            });
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
        }
        for (Throwable t : errors) {
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void apply(Chunk c) throws IOException;
    }

    /** The offset of the first line that starts at or after {@code pos} (the byte after a newline), or the end. */
    private static long lineStartAfter(Source src, long pos) throws IOException {
        byte[] b = new byte[4096];
        long p = pos - 1; // pos itself starts a line when the byte before it is a newline
        while (p < src.size()) {
            int n = src.read(p, b, 0, (int) Math.min(b.length, src.size() - p));
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
        return src.size();
    }

    /** One contiguous run of whole lines of the file. */
    private static final class Chunk {
        final Source src;
        final long from;
        final long to;
        final String name;
        long lines;
        int rows;
        long entries;
        long firstLine;
        int firstRow;
        long firstEntry;
        long firstDataLine;
        int maxIndex;
        boolean hasQid;
        int[] rowPtr;
        int[] indices;
        double[] values;
        double[] y;
        int[] qid;
        int columns;
        final int[] end = new int[1];

        Chunk(Source src, long from, long to, String name) {
            this.src = src;
            this.from = from;
            this.to = to;
            this.name = name;
        }

        void out(int[] rowPtr, int[] indices, double[] values, double[] y, int[] qid, int columns) {
            this.rowPtr = rowPtr;
            this.indices = indices;
            this.values = values;
            this.y = y;
            this.qid = qid;
            this.columns = columns;
        }

        /**
         * Pass 1: lines, rows (lines with a token before any '#'), entries (the colons after the label, less a
         * qid's). Pass 2 stores exactly that many or fails on the line that differs: every colon there is either
         * the qid's, an entry's, or an error.
         */
        void count() throws IOException {
            forEachLine((b, s, e) -> {
                lines++;
                int i = skipSpace(b, s, e);
                if (i == e || b[i] == '#' || b[i] == '\r') {
                    return;
                }
                rows++;
                i = skipSpace(b, tokenEnd(b, i, e), e);
                if (i + 4 <= e && b[i] == 'q' && b[i + 1] == 'i' && b[i + 2] == 'd' && b[i + 3] == ':') {
                    i += 4;
                }
                int colons = 0;
                for (; i < e; i++) {
                    byte c = b[i];
                    if (c == '#') {
                        break;
                    }
                    if (c == ':') {
                        colons++;
                    }
                }
                entries += colons;
            });
        }

        /** Pass 2: parses the rows into their slices of the arrays. */
        void parse() throws IOException {
            long[] line = {firstLine - 1};
            int[] row = {firstRow};
            long[] k = {firstEntry};
            boolean[] first = {true};
            forEachLine((b, s, e) -> {
                line[0]++;
                int kk = parseLine(b, s, e, line[0], row[0], (int) k[0], first[0]);
                if (kk >= 0) {
                    if (first[0]) {
                        firstDataLine = line[0];
                    }
                    first[0] = false;
                    k[0] = kk;
                    rowPtr[++row[0]] = kk;
                }
            });
            if (k[0] != firstEntry + entries || row[0] != firstRow + rows) {
                throw new IllegalStateException("pass 2 stored " + (row[0] - firstRow) + " rows and "
                        + (k[0] - firstEntry) + " entries, pass 1 counted " + rows + " and " + entries);
            }
        }

        /**
         * Parses one line into row {@code row}, entries from {@code k}.
         *
         * @return the entry offset after the row, or −1 for a line without a row
         */
        private int parseLine(byte[] b, int s, int e, long line, int row, int k, boolean firstRow) {
            while (e > s && b[e - 1] == '\r') {
                e--;
            }
            int i = skipSpace(b, s, e);
            if (i == e || b[i] == '#') {
                return -1;
            }
            int t = tokenEnd(b, i, e);
            double label = DecimalParser.parse(b, i, t, end);
            if (DecimalParser.isSyntaxError(label) || end[0] != t || !Double.isFinite(label)) {
                throw error(line, "label '" + text(b, i, t) + "', expected a finite number");
            }
            y[row] = label;
            i = skipSpace(b, t, e);
            boolean rowHasQid = false;
            if (i + 4 <= e && b[i] == 'q' && b[i + 1] == 'i' && b[i + 2] == 'd' && b[i + 3] == ':') {
                t = tokenEnd(b, i, e);
                long q = digits(b, i + 4, t);
                if (q < 0 || q > Integer.MAX_VALUE) {
                    throw error(line, "'" + text(b, i, t) + "', expected qid:N with N a whole number ≤ "
                            + Integer.MAX_VALUE);
                }
                qid[row] = (int) q;
                rowHasQid = true;
                i = skipSpace(b, t, e);
            }
            if (firstRow) {
                hasQid = rowHasQid;
            } else if (rowHasQid != hasQid) {
                throw error(line, rowHasQid ? "a qid, expected none (the rows before it have none)"
                        : "no qid, expected one (the rows before it have one)");
            }
            int previous = 0;
            while (i < e && b[i] != '#') {
                t = tokenEnd(b, i, e);
                int colon = -1;
                for (int c = i; c < t; c++) {
                    if (b[c] == ':') {
                        colon = c;
                        break;
                    }
                }
                if (colon < 0) {
                    throw error(line, "token '" + text(b, i, t) + "', expected INDEX:VALUE");
                }
                long index = digits(b, i, colon);
                if (index < 0 || index > Integer.MAX_VALUE) {
                    throw error(line, "index '" + text(b, i, colon) + "' in '" + text(b, i, t)
                            + "', expected a whole number from 1 to " + Integer.MAX_VALUE);
                }
                if (index == 0) {
                    throw error(line, "index 0 in '" + text(b, i, t) + "', expected indices ≥ 1 (LIBSVM indices "
                            + "are 1-based)");
                }
                if (index <= previous) {
                    throw error(line, "index " + index + " after " + previous + ", expected increasing indices ("
                            + (index == previous ? "a duplicate" : "unsorted") + ")");
                }
                if (columns > 0 && index > columns) {
                    throw error(line, "index " + index + ", expected at most " + columns + " (the column count)");
                }
                double v = DecimalParser.parse(b, colon + 1, t, end);
                if (DecimalParser.isSyntaxError(v) || end[0] != t || colon + 1 == t || !Double.isFinite(v)) {
                    throw error(line, "value '" + text(b, colon + 1, t) + "' of index " + index
                            + ", expected a finite number");
                }
                previous = (int) index;
                indices[k] = previous - 1;
                values[k++] = v;
                i = skipSpace(b, t, e);
            }
            maxIndex = Math.max(maxIndex, previous);
            return k;
        }

        private IllegalArgumentException error(long line, String what) {
            return new IllegalArgumentException(name + ": line " + line + ": " + what);
        }

        interface LineVisitor {
            void line(byte[] b, int from, int to);
        }

        /** Calls the visitor on each line of [from, to), without its newline. */
        void forEachLine(LineVisitor v) throws IOException {
            byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(16, to - from))];
            int have = 0; // bytes of a partial line at the start of buf
            long pos = from;
            while (pos < to || have > 0) {
                int n = 0;
                if (pos < to) {
                    if (have == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                    }
                    n = src.read(pos, buf, have, (int) Math.min(buf.length - have, to - pos));
                    pos += n;
                }
                int limit = have + n;
                int start = 0;
                for (int i = 0; i < limit; i++) {
                    if (buf[i] == '\n') {
                        v.line(buf, start, i);
                        start = i + 1;
                    }
                }
                if (pos >= to) {
                    if (start < limit) {
                        v.line(buf, start, limit); // the last line has no newline
                    }
                    return;
                }
                have = limit - start;
                System.arraycopy(buf, start, buf, 0, have);
            }
        }
    }

    private static int skipSpace(byte[] b, int i, int e) {
        while (i < e && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(byte[] b, int i, int e) {
        while (i < e && b[i] != ' ' && b[i] != '\t' && b[i] != '#') {
            i++;
        }
        return i;
    }

    /** The whole number of the ASCII digits {@code b[from, to)}, or −1 when empty, not digits or past 2^40. */
    private static long digits(byte[] b, int from, int to) {
        if (from == to || to - from > 12) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = 10 * v + d;
        }
        return v;
    }

    private static String text(byte[] b, int from, int to) {
        String s = new String(b, from, Math.min(to - from, 40), StandardCharsets.UTF_8);
        return to - from > 40 ? s + "…" : s;
    }

    private interface Source {
        long size() throws IOException;

        int read(long pos, byte[] b, int off, int len) throws IOException;
    }

    private record FileSource(FileChannel ch) implements Source {
        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public int read(long pos, byte[] b, int off, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            int total = 0;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }
    }

    private record BytesSource(byte[] bytes) implements Source {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(long pos, byte[] b, int off, int len) {
            int n = (int) Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, (int) pos, b, off, n);
            return n;
        }
    }
}
