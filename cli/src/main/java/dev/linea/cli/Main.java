package dev.linea.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code linea} command. */
@Command(name = "linea", mixinStandardHelpOptions = true, version = "linea 0.1.0",
        description = "Linear models on fast numerical kernels.",
        subcommands = {BackendsCommand.class, NistCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
