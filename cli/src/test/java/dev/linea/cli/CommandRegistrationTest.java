package dev.linea.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import static org.assertj.core.api.Assertions.assertThat;

/** Main registers only the command it runs; help, no command and typos still see every command. */
class CommandRegistrationTest {

    @Test
    void versionIsTheProjectVersion() {
        CliTest.Run r = CliTest.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).matches("linea \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpListsEveryCommand() {
        CliTest.Run r = CliTest.run("help");
        assertThat(r.code()).isZero();
        for (Class<?> c : Main.COMMANDS) {
            assertThat(r.out()).contains(c.getAnnotation(Command.class).name());
        }
    }

    @Test
    void aNamedCommandRunsAndHasItsOwnHelp() {
        CliTest.Run r = CliTest.run("fit", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: linea fit");
    }

    @Test
    void aMistypedCommandIsAUsageErrorNamingTheCommands() {
        CliTest.Run r = CliTest.run("fitt", "diabetes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fitt").contains("fit");
    }
}
