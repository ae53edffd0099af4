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

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::handle).execute(args);
    }

    /**
     * Exit codes: 2 for bad input or usage (the message names what was wrong), 1 for a fit whose result is not
     * usable (the message says why), 3 for a backend that cannot run here.
     */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        java.io.PrintWriter err = cmd.getErr();
        if (e instanceof dev.linea.models.FitException fe) {
            err.println("linea " + cmd.getCommandName() + ": fit failed: " + fe.getMessage());
            if (fe.report() != null) {
                err.println("  " + fe.report());
            }
            return 1;
        }
        if (e instanceof dev.linea.kernels.BackendUnavailableException be) {
            err.println("linea " + cmd.getCommandName() + ": " + be.getMessage());
            return 3;
        }
        if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
            err.println("linea " + cmd.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw new IllegalStateException(e);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
