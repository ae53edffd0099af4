package dev.linea.cli;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on stderr for long work (fits, paths, cross-validation, the demo): the task, what it is doing now
 * and the time so far, redrawn in place four times a second. Only when stderr is a terminal (never in pipes, logs
 * or CI) and not with {@code --quiet}. The line is cleared when the work ends, so it never mixes with the output.
 */
final class Progress {
    /** The option every long-running command mixes in. */
    static final class Option {
        @picocli.CommandLine.Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
        boolean quiet;

        Progress start(String task) {
            return new Progress(task, !quiet && terminal());
        }
    }

    private final String task;
    private final boolean on;
    private final long t0 = System.nanoTime();
    private volatile String step = "";
    private final Thread painter;

    private Progress(String task, boolean on) {
        this.task = task;
        this.on = on;
        if (on) {
            painter = Thread.ofPlatform().daemon().name("linea-progress").start(this::paint);
        } else {
            painter = null;
        }
    }

    private static boolean terminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** Says what is being done now (shown after the task). */
    void step(String what) {
        step = what;
    }

    private void paint() {
        PrintStream err = System.err;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String s = String.format(Locale.ROOT, "\r%s%s … %.1f s", task, step.isEmpty() ? "" : ": " + step,
                        (System.nanoTime() - t0) / 1e9);
                err.print(s.length() > 100 ? s.substring(0, 100) : s);
                err.print("\u001b[K");
                err.flush();
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the line (clears it). */
    void done() {
        if (on) {
            painter.interrupt();
            try {
                painter.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.err.print("\r\u001b[K");
            System.err.flush();
        }
    }
}
