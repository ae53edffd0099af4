package dev.linea.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files a user names on the command line (data, model, --out, --save): checked before any work, and every
 * I/O failure turned into one line that names the option, the path and the reason (exit 2), never a stack trace.
 */
final class UserFiles {
    private UserFiles() {
    }

    /**
     * @param role what the file is, e.g. "DATA.csv" or "--model"
     * @throws IllegalArgumentException when p is missing, a directory or unreadable
     */
    static void requireReadable(Path p, String role) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(role + " " + p + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(role + " " + p + " is a directory, expected a file");
        }
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(role + " " + p + ": permission denied, expected a readable file");
        }
    }

    /**
     * Checks before the work that {@code p} can be created or replaced: not a directory, in an existing directory.
     *
     * @param option "--out" or "--save"
     */
    static void requireWritable(Path p, String option) {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + " " + p + " is a directory, expected a file name");
        }
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + p + ": no such directory " + parent);
        }
        if (Files.exists(p) ? !Files.isWritable(p) : parent != null && !Files.isWritable(parent)) {
            throw new IllegalArgumentException(option + " " + p + ": permission denied");
        }
    }

    /** Opens {@code p} for writing (UTF-8), or fails with the reason. */
    static Writer open(Path p, String option) {
        requireWritable(p, option);
        try {
            return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failed(p, option, e);
        }
    }

    /** Writes {@code text} to {@code p}, or fails with the reason. */
    static void write(Path p, String option, CharSequence text) {
        try (Writer w = open(p, option)) {
            w.append(text);
        } catch (IOException e) {
            throw failed(p, option, e);
        }
    }

    /** @return the failure to write {@code p} as a one-line message (exit 2) */
    static IllegalArgumentException failed(Path p, String option, IOException e) {
        return new IllegalArgumentException("cannot write " + option + " " + p + ": " + reason(e));
    }

    /** @return what went wrong, without the exception's class name */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A writer of standard output that is flushed, never closed (write errors surface in Main's check). */
    static BufferedWriter stdout() {
        return new BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Rethrows an I/O failure inside a stream of output as unchecked, for {@link Main}. */
    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException("cannot write " + what + ": " + reason(e), e);
    }
}
