package dev.linea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code linea} command. */
@Command(name = "linea", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Linear models on fast numerical kernels.")
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. Registered in {@link #run}, not in the annotation: picocli
     * builds a command's whole model (reflection over every option of every class) when it is registered, and
     * doing that for all of them made each start pay for commands it did not run.
     */
    static final List<Class<?>> COMMANDS = List.of(BackendsCommand.class, FitCommand.class, PredictCommand.class,
            SummaryCommand.class, NistCommand.class, PathCommand.class, CvCommand.class, PlotCommand.class,
            DemoCommand.class);

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
        try {
            CliThreads.defaultToAllCores();
        } catch (IllegalArgumentException e) { // a bad -Dlinea.threads in LINEA_JAVA_OPTS: usage, exit 2
            System.err.println("linea: " + e.getMessage());
            return 2;
        }
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        if (!first.equals("--version") && !first.equals("-V")) {
            Class<?> named = commandNamed(first);
            // A named command gets only itself; anything else (help, no command, a typo) gets them all, so help
            // lists every command and picocli can suggest the nearest name.
            for (Class<?> c : named != null ? List.<Class<?>>of(named) : COMMANDS) {
                cl.addSubcommand(c);
            }
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(Main::handle);
        CommandLine fit = cl.getSubcommands().get("fit");
        if (fit != null) {
            fit.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                    help -> ((FitCommand) fit.getCommand()).optionList(help));
        }
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

    private static Class<?> commandNamed(String name) {
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The project version, filtered into version.txt by the build, so it never disagrees with the artifact. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.txt")) {
                String v = in == null ? "(unknown: version.txt missing)"
                        : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                return new String[] {"linea " + v};
            }
        }
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

    /**
     * {@code --threads N}, a global option (before or after the command name): the threads of the row-splitting
     * kernels and of OpenBLAS for this run (docs/threads.md).
     */
    @CommandLine.Option(names = "--threads", paramLabel = "N", scope = CommandLine.ScopeType.INHERIT,
            description = "Threads for the large kernels and fits, 1 to 256 (default: all cores, ${sys:linea.cli.cores});"
                    + " results are the same bits on any count (docs/threads.md).")
    void threads(int n) {
        if (n < 1 || n > dev.linea.kernels.Threads.MAX) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads is " + n
                    + ", expected a whole number from 1 to " + dev.linea.kernels.Threads.MAX);
        }
        CliThreads.set(n);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
