package dev.linea.models.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads a numeric CSV file on all cores straight into exact-size arrays: the file is split into byte ranges at
 * newlines; a first pass counts each range's rows (and finds quotes), the arrays are allocated once at their final
 * size (row-major x of rows × features, y, weights), and a second pass parses every range into its own rows with
 * {@link DecimalParser}. Nothing grows and nothing is trimmed: peak memory is the arrays themselves plus one read
 * buffer of about 1 MB per thread (the file is read with positional reads, not mapped or held).
 *
 * <p>Plain CSV only: a file with a quote character anywhere, or a carriage return not followed by a line feed,
 * gets {@code null} back, and the caller reads it with the general (FastCSV) reader. Errors are those of the
 * general reader, and the first one in file order wins whatever the thread that met it.
 */
final class ParallelCsvFile {
    private ParallelCsvFile() {
    }

    /** The arrays read: x row-major of exactly rows × features, y and w of exactly rows (null when not asked). */
    record Parsed(int rows, double[] x, double[] y, double[] w, CsvLayout layout) {
    }

    static final int BLOCK = 1 << 20;
    /** Below this many bytes of data the file is read in the calling thread. */
    private static final long PARALLEL_FROM = 4L << 20;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The number of threads: {@code -Dlinea.csv.threads=N}, else Linea's thread count
     * ({@link dev.linea.kernels.Threads#count()}: the CLI's {@code --threads}, {@code -Dlinea.threads}, else all
     * cores).
     */
    static int threads() {
        Integer n = Integer.getInteger("linea.csv.threads");
        return Math.max(1, n != null ? n : dev.linea.kernels.Threads.count());
    }

    /**
     * @param layoutOf what each column becomes, from the header's fields
     * @return the arrays, or null when the file needs the general reader (quotes, lone carriage returns)
     */
    static Parsed read(FileChannel ch, String source, Function<List<String>, CsvLayout> layoutOf, int threads)
            throws IOException {
        long size = ch.size();
        byte[] head = new byte[(int) Math.min(size, CsvText.HEAD)];
        int n = CsvText.readFully(ch, 0, head, 0, head.length);
        CsvText.requireUtf8Text(head, n, n == size, source);
        // BOM, then blank lines, then the header line
        long pos = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        long line = 1;
        byte[] buf = new byte[Math.max(BLOCK, 1024)];
        List<String> header;
        int got = CsvText.readFully(ch, pos, buf, 0, buf.length);
        int off = 0; // where the current line starts in buf (buf holds the file from pos)
        while (true) {
            if (off == got) {
                throw new IllegalArgumentException(source + ": empty file, expected a header line and data rows");
            }
            int nl = indexOf(buf, off, got, (byte) '\n');
            if (nl < 0 && pos + got < size) { // the line goes on past the buffer: read from its start, more if needed
                pos += off;
                if (off == 0) {
                    buf = Arrays.copyOf(buf, 2 * buf.length);
                }
                got = CsvText.readFully(ch, pos, buf, 0, buf.length);
                off = 0;
                continue;
            }
            int end = nl < 0 ? got : nl;
            int contentEnd = end > off && buf[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd == off) { // a blank line before the header
                if (nl < 0) {
                    throw new IllegalArgumentException(source + ": empty file, expected a header line and data "
                            + "rows");
                }
                off = nl + 1;
                line++;
                continue;
            }
            if (indexOf(buf, off, contentEnd, (byte) '"') >= 0 || indexOf(buf, off, contentEnd, (byte) '\r') >= 0) {
                return null;
            }
            header = fields(buf, off, contentEnd, source, line);
            pos += nl < 0 ? got : nl + 1;
            break;
        }
        CsvLayout layout = layoutOf.apply(header);
        long firstLine = line + 1;
        long[] bounds = chunks(ch, pos, size, threads);
        int chunks = bounds.length - 1;
        ExecutorService pool = chunks > 1 ? Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
            Thread t = new Thread(r, "linea-csv");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Count[] counts = run(pool, chunks, k -> count(ch, bounds[k], bounds[k + 1]));
            long rows = 0;
            for (Count c : counts) {
                if (c.plainCsvOnly) {
                    return null;
                }
                rows += c.rows;
            }
            if (rows == 0) {
                throw new IllegalArgumentException(source + ": no data rows after the header, expected at least "
                        + "one");
            }
            int p = layout.features();
            if (rows * Math.max(p, 1) > MAX_ARRAY) {
                throw new IllegalArgumentException(source + ": " + rows + " rows × " + p + " features = "
                        + rows * p + " values, more than one Java array holds (" + MAX_ARRAY + "): read fewer "
                        + "rows or columns");
            }
            double[] x = new double[(int) rows * p];
            double[] y = hasRole(layout, CsvLayout.TARGET) ? new double[(int) rows] : null;
            double[] w = layout.hasWeights() ? new double[(int) rows] : null;
            long[] rowStart = new long[chunks];
            long[] lineStart = new long[chunks];
            lineStart[0] = firstLine;
            for (int k = 1; k < chunks; k++) {
                rowStart[k] = rowStart[k - 1] + counts[k - 1].rows;
                lineStart[k] = lineStart[k - 1] + counts[k - 1].lines;
            }
            AtomicInteger failed = new AtomicInteger(Integer.MAX_VALUE);
            Sink sink = new Sink(layout, x, y, w, source);
            IllegalArgumentException[] errors = run(pool, chunks, k -> sink.parse(ch, bounds[k], bounds[k + 1],
                    (int) rowStart[k], lineStart[k], k, failed), IllegalArgumentException[]::new);
            for (IllegalArgumentException e : errors) {
                if (e != null) {
                    throw e;
                }
            }
            return new Parsed((int) rows, x, y, w, layout);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static boolean hasRole(CsvLayout layout, int role) {
        for (int r : layout.role) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    /** The header's fields, decoded as UTF-8 (its bytes were checked to be plain CSV: no quotes). */
    private static List<String> fields(byte[] b, int from, int end, String source, long line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, end - from))
                    .toString();
        } catch (CharacterCodingException e) {
            int bad = CsvText.firstInvalidUtf8(b, from, end, true);
            throw CsvText.notUtf8(source, line, bad < 0 ? "?" : String.format("%02X", b[bad] & 0xFF));
        }
        return List.of(text.split(",", -1));
    }

    /**
     * Chunk boundaries: {@code threads × 4} ranges of about equal size (at least {@link #BLOCK} each), each
     * moved forward to the start of a line.
     */
    private static long[] chunks(FileChannel ch, long from, long to, int threads) throws IOException {
        long len = to - from;
        int k = len < PARALLEL_FROM || threads == 1 ? 1 : (int) Math.min(4L * threads, len / BLOCK);
        long[] b = new long[k + 1];
        b[0] = from;
        b[k] = to;
        byte[] probe = new byte[4096];
        for (int i = 1; i < k; i++) {
            long at = Math.max(from + len * i / k, b[i - 1]);
            long start = to;
            for (long q = at; q < to; q += probe.length) {
                int got = CsvText.readFully(ch, q, probe, 0, probe.length);
                int nl = indexOf(probe, 0, got, (byte) '\n');
                if (nl >= 0) {
                    start = q + nl + 1;
                    break;
                }
            }
            b[i] = start;
        }
        return b;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Whether one of the eight bytes of v is a line feed, a carriage return or a quote. */
    private static boolean special(long v) {
        long lf = v ^ (ONES * '\n');
        long cr = v ^ (ONES * '\r');
        long quote = v ^ (ONES * '"');
        return ((((lf - ONES) & ~lf) | ((cr - ONES) & ~cr) | ((quote - ONES) & ~quote)) & HIGHS) != 0;
    }

    /** What a first pass learns of a chunk: its lines, its non-blank lines (rows), whether it is plain CSV. */
    private record Count(long lines, long rows, boolean plainCsvOnly) {
    }

    private static Count count(FileChannel ch, long from, long to) throws IOException {
        long lines = 0;
        long rows = 0;
        boolean content = false;
        byte[] buf = new byte[BLOCK];
        long pos = from;
        while (pos < to) {
            int got = CsvText.readFully(ch, pos, buf, 0, (int) Math.min(buf.length, to - pos));
            int use = got;
            if (pos + got < to) {
                int nl = lastIndexOf(buf, got, (byte) '\n');
                if (nl < 0) {
                    buf = Arrays.copyOf(buf, 2 * buf.length);
                    continue;
                }
                use = nl + 1;
            }
            for (int i = 0; i < use; i++) {
                if (i + 8 <= use && !special((long) LONGS.get(buf, i))) { // most of a line: eight bytes at a time
                    content = true;
                    i += 7;
                    continue;
                }
                byte c = buf[i];
                if (c == '\n') {
                    lines++;
                    if (content) {
                        rows++;
                    }
                    content = false;
                } else if (c == '"' || c == '\r' && (i + 1 == use || buf[i + 1] != '\n')) {
                    return new Count(0, 0, true);
                } else if (c != '\r') {
                    content = true;
                }
            }
            pos += use;
        }
        return new Count(lines, content ? rows + 1 : rows, false);
    }

    /** The arrays being filled and the layout; the second pass, one chunk per call. */
    private record Sink(CsvLayout layout, double[] x, double[] y, double[] w, String source) {

        /** Parses a chunk's lines into rows from {@code row}; returns the chunk's first error, or null. */
        IllegalArgumentException parse(FileChannel ch, long from, long to, int row, long line, int chunk,
                                       AtomicInteger failed) throws IOException {
            byte[] buf = new byte[BLOCK];
            long pos = from;
            int[] state = {row, 0};
            while (pos < to) {
                if (failed.get() < chunk) {
                    return null; // an earlier chunk failed: its error comes first
                }
                int got = CsvText.readFully(ch, pos, buf, 0, (int) Math.min(buf.length, to - pos));
                int use = got;
                if (pos + got < to) {
                    int nl = lastIndexOf(buf, got, (byte) '\n');
                    if (nl < 0) {
                        buf = Arrays.copyOf(buf, 2 * buf.length);
                        continue;
                    }
                    use = nl + 1;
                }
                IllegalArgumentException e = lines(buf, use, state, line);
                if (e != null) {
                    failed.accumulateAndGet(chunk, Math::min);
                    return e;
                }
                line += state[1];
                pos += use;
            }
            return null;
        }

        /**
         * Parses the complete lines of {@code b[0, end)}; {@code state} holds the next row and, on return, the
         * number of lines consumed.
         */
        private IllegalArgumentException lines(byte[] b, int end, int[] state, long firstLine) {
            int[] role = layout.role;
            int columns = role.length;
            int p = layout.features();
            int row = state[0];
            long line = firstLine;
            int[] stop = new int[1];
            int i = 0;
            while (i < end) {
                byte first = b[i];
                if (first == '\n') {
                    i++;
                    line++;
                    continue;
                }
                if (first == '\r') { // "\r\n": a blank line (a lone \r sent the file to the general reader)
                    i += 2;
                    line++;
                    continue;
                }
                int base = row * p;
                int lineStart = i;
                int c = 0;
                while (true) {
                    int r = c < columns ? role[c] : CsvLayout.SKIP;
                    if (r == CsvLayout.SKIP) {
                        i = fieldEnd(b, i, end);
                    } else {
                        int f = i;
                        double v = DecimalParser.parse(b, f, end, stop);
                        byte t;
                        if (!(Math.abs(v) <= Double.MAX_VALUE) || r == CsvLayout.WEIGHTS && v < 0
                                || stop[0] < end && (t = b[stop[0]]) != ',' && t != '\n' && t != '\r') {
                            int fields = fieldsOf(b, lineStart, end);
                            if (fields != columns) { // as the general reader: the row's shape first
                                return layout.fieldCount(source, line, fields);
                            }
                            i = fieldEnd(b, f, end);
                            return layout.badCell(source, line, c, text(b, f, i), DecimalParser.parse(b, f, i));
                        }
                        i = stop[0];
                        if (r >= 0) {
                            x[base + r] = v;
                        } else if (r == CsvLayout.TARGET) {
                            y[row] = v;
                        } else {
                            w[row] = v;
                        }
                    }
                    c++;
                    if (i >= end || b[i] != ',') {
                        break;
                    }
                    i++;
                }
                if (c != columns) {
                    return layout.fieldCount(source, line, c);
                }
                if (i < end && b[i] == '\r') {
                    i++;
                }
                if (i < end && b[i] == '\n') {
                    i++;
                }
                row++;
                line++;
            }
            state[1] = (int) (line - firstLine);
            state[0] = row;
            return null;
        }
    }

    /** The number of fields of the line starting at {@code i}. */
    private static int fieldsOf(byte[] b, int i, int end) {
        int fields = 1;
        for (; i < end && b[i] != '\n' && b[i] != '\r'; i++) {
            if (b[i] == ',') {
                fields++;
            }
        }
        return fields;
    }

    /** The end of the field starting at {@code i}: the next comma, line feed or carriage return, or {@code end}. */
    private static int fieldEnd(byte[] b, int i, int end) {
        while (i < end) {
            byte ch = b[i];
            if (ch == ',' || ch == '\n' || ch == '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    static int indexOf(byte[] b, int from, int to, byte v) {
        for (int i = from; i < to; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int to, byte v) {
        for (int i = to - 1; i >= 0; i--) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** A chunk's task. */
    private interface ChunkTask<T> {
        T run(int chunk) throws IOException;
    }

    private static Count[] run(ExecutorService pool, int chunks, ChunkTask<Count> task) throws IOException {
        return run(pool, chunks, task, Count[]::new);
    }

    private static <T> T[] run(ExecutorService pool, int chunks, ChunkTask<T> task,
                               java.util.function.IntFunction<T[]> array) throws IOException {
        T[] out = array.apply(chunks);
        if (pool == null) {
            for (int k = 0; k < chunks; k++) {
                out[k] = task.run(k);
            }
            return out;
        }
        List<Future<T>> futures = new ArrayList<>();
        for (int k = 0; k < chunks; k++) {
            int kk = k;
            futures.add(pool.submit(() -> task.run(kk)));
        }
        try {
            for (int k = 0; k < chunks; k++) {
                out[k] = futures.get(k).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the file", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
        return out;
    }
}
