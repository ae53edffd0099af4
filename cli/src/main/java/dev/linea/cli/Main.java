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

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
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
        return cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(Main::handle).execute(args);
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
