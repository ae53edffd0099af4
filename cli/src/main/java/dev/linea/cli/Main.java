package dev.linea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code linea} command. */
@Command(name = "linea", mixinStandardHelpOptions = true, version = "linea 0.1.0",
        description = "Linear models on fast numerical kernels.",
        subcommands = {BackendsCommand.class, FitCommand.class, PredictCommand.class, SummaryCommand.class,
                NistCommand.class, PathCommand.class, CvCommand.class, PlotCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code of an unexpected exception: a defect in Linea (the stack trace only with {@link #DEBUG}). */
    static final int INTERNAL_ERROR = 4;

    /** Set (to anything but 0 or false) to print the stack trace of an unexpected exception. */
    static final String DEBUG = "LINEA_DEBUG";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (for tests). Whatever happens, the user sees one line per
     * problem on stderr and a documented exit code, never a stack trace (unless {@value #DEBUG} is set); output
     * that could not be written to stdout (a full disk, a closed pipe) fails the run.
     */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::handle);
        CommandLine fit = cl.getSubcommands().get("fit");
        fit.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> ((FitCommand) fit.getCommand()).optionList(help));
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            code = report(cl.getErr(), "linea: out of memory (this JVM's maximum heap is "
                    + MemoryBudget.size(Runtime.getRuntime().maxMemory()) + "): the data or the requested sizes are "
                    + "too large for it; raise it with LINEA_JAVA_OPTS=-Xmx… or ask for less", e, 1);
        } catch (RuntimeException | Error e) {
            code = internal(cl.getErr(), "linea", e);
        }
        System.out.flush();
        if (System.out.checkError()) {
            cl.getErr().println("linea: cannot write to standard output (disk full, or the reader closed the pipe):"
                    + " the output is incomplete");
            cl.getErr().flush();
            return code == 0 ? 2 : code;
        }
        return code;
    }

    /**
     * Exit codes: 2 for bad input or usage (the message names what was wrong; files that cannot be read or
     * written included), 1 for a fit or result that is not usable (the message says why), 3 for a backend that
     * cannot run here, 4 for a defect in Linea.
     */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        java.io.PrintWriter err = cmd.getErr();
        String who = "linea " + cmd.getCommandName() + ": ";
        if (e instanceof dev.linea.models.FitException fe) {
            err.println(who + "fit failed: " + fe.getMessage());
            if (fe.report() != null) {
                err.println("  " + fe.report());
            }
            return 1;
        }
        if (e instanceof FiniteOutput.UnusableResultException u) {
            err.println(who + "result not usable: " + u.getMessage());
            return 1;
        }
        if (e instanceof dev.linea.models.scoring.NonFiniteScoreException n) {
            // a numerical failure of a valid model on this row, not misuse: exit 1 as an unusable result
            err.println(who + "result not usable: " + n.getMessage() + "; nothing was written");
            return 1;
        }
        if (e instanceof dev.linea.kernels.BackendUnavailableException be) {
            err.println(who + be.getMessage());
            return 3;
        }
        if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
            err.println(who + e.getMessage());
            return 2;
        }
        if (e instanceof java.io.IOException io) {
            err.println(who + "I/O error: " + UserFiles.reason(io));
            return 2;
        }
        return internal(err, "linea " + cmd.getCommandName(), e);
    }

    private static int internal(java.io.PrintWriter err, String who, Throwable e) {
        return report(err, who + ": internal error (a defect in Linea, please report it with the command line): "
                + e + (debug() ? "" : " (set " + DEBUG + "=1 for the stack trace)"), e, INTERNAL_ERROR);
    }

    private static int report(java.io.PrintWriter err, String line, Throwable e, int code) {
        err.println(line);
        if (debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean debug() {
        String v = System.getenv(DEBUG);
        if (v == null) {
            v = System.getProperty("linea.debug");
        }
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
