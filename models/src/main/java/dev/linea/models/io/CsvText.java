package dev.linea.models.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Why a file is not UTF-8 CSV text, said in words: a directory, a compressed file or archive, UTF-16 or UTF-32 (by
 * byte-order mark, or by the NUL bytes of ASCII text in UTF-16), other binary content (a NUL byte), or bytes that
 * are not valid UTF-8 (with the 1-based line and the bytes found). These replace FastCSV's "Exception when
 * reading first record", which named none of them.
 */
final class CsvText {
    private CsvText() {
    }

    /** How much of the start of a file is examined for binary content and encoding. */
    static final int HEAD = 1 << 16;

    /** Rejects a path that is not a regular file. */
    static void requireFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, expected a CSV file");
        }
    }

    /**
     * Rejects the start of a file ({@code head[0, n)}, the whole file when {@code whole}) that is not UTF-8 text.
     * Not modified: head.
     */
    static void requireUtf8Text(byte[] head, int n, boolean whole, String source) {
        if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            throw new IllegalArgumentException(source + " is gzip-compressed, expected CSV text: decompress it "
                    + "first (gunzip)");
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new IllegalArgumentException(source + " is a zip archive (or a spreadsheet), expected CSV text: "
                    + "extract or export the CSV first");
        }
        if (n >= 4 && (bom(head, 0xFF, 0xFE, 0, 0) || bom(head, 0, 0, 0xFE, 0xFF))) {
            throw new IllegalArgumentException(source + " is UTF-32 text (byte-order mark), expected UTF-8: "
                    + "convert it, e.g. iconv -f UTF-32 -t UTF-8 " + source);
        }
        if (n >= 2 && (bom(head, 0xFF, 0xFE) || bom(head, 0xFE, 0xFF))) {
            throw new IllegalArgumentException(source + " is UTF-16 text (byte-order mark " + hex(head, 0, 2)
                    + "), expected UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8 " + source + " > out.csv");
        }
        int nul = -1;
        int nulEven = 0;
        int nulOdd = 0;
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                nul = nul < 0 ? i : nul;
                if ((i & 1) == 0) {
                    nulEven++;
                } else {
                    nulOdd++;
                }
            }
        }
        if (nul >= 0) {
            if (Math.max(nulEven, nulOdd) > n / 4) {
                throw new IllegalArgumentException(source + " looks like UTF-16 text without a byte-order mark "
                        + "(every other byte is NUL), expected UTF-8: convert it, e.g. iconv -f UTF-16"
                        + (nulOdd > nulEven ? "LE" : "BE") + " -t UTF-8 " + source + " > out.csv");
            }
            throw new IllegalArgumentException(source + " looks binary (a NUL byte on line " + line(head, nul)
                    + ", byte offset " + nul + "), expected UTF-8 CSV text");
        }
        int bad = firstInvalidUtf8(head, 0, n, whole);
        if (bad >= 0) {
            throw notUtf8(source, line(head, bad), hex(head, bad, Math.min(n, bad + 4)));
        }
    }

    static IllegalArgumentException notUtf8(String source, long line, String bytes) {
        return new IllegalArgumentException(source + ": line " + line + " is not valid UTF-8 (bytes " + bytes
                + "), expected UTF-8 text: convert the file, e.g. iconv -f LATIN1 -t UTF-8 (or the encoding it "
                + "was written in)");
    }

    /**
     * Finds the first byte sequence of a file that is not UTF-8, for a message when a decoder has failed.
     *
     * @return the message, or null if the file is valid UTF-8
     */
    static IllegalArgumentException findNotUtf8(Path file, String source) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] buf = new byte[1 << 20];
            long line = 1;
            long pos = 0;
            while (true) {
                int n = readFully(ch, pos, buf, 0, buf.length);
                boolean end = pos + n >= ch.size();
                int bad = firstInvalidUtf8(buf, 0, n, end);
                if (bad >= 0) {
                    return notUtf8(source, line + line(buf, bad) - 1, hex(buf, bad, Math.min(n, bad + 4)));
                }
                if (end) {
                    return null;
                }
                int keep = Math.max(0, n - 3); // an incomplete sequence at the end is read again
                for (int i = 0; i < keep; i++) {
                    if (buf[i] == '\n') {
                        line++;
                    }
                }
                pos += keep;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The offset of the first byte of {@code b[from, to)} that does not start a valid UTF-8 sequence (overlong
     * forms and surrogates included), or −1. An incomplete sequence at {@code to} counts only when {@code whole}.
     */
    static int firstInvalidUtf8(byte[] b, int from, int to, boolean whole) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + len > to) {
                return whole ? i : -1;
            }
            int cp = c & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                int d = b[i + k] & 0xFF;
                if ((d & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (d & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /** Reads up to {@code len} bytes at {@code pos} into {@code buf[off, off + len)}; fewer only at the end. */
    static int readFully(FileChannel ch, long pos, byte[] buf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int k = ch.read(ByteBuffer.wrap(buf, off + n, len - n), pos + n);
            if (k < 0) {
                break;
            }
            n += k;
        }
        return n;
    }

    private static boolean bom(byte[] b, int... marks) {
        for (int i = 0; i < marks.length; i++) {
            if ((b[i] & 0xFF) != marks[i]) {
                return false;
            }
        }
        return true;
    }

    /** The 1-based line of byte offset {@code at} of {@code b} (from its start). */
    static long line(byte[] b, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(i > from ? " " : "").append(String.format("%02X", b[i] & 0xFF));
        }
        return s.toString();
    }
}
