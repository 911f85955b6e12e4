package io.ovsworkers.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static LaunchOptions parse(String... args) throws LaunchException {
        return LaunchOptions.parse(args, null);
    }

    private static String usageError(String featuresProperty, String... args) {
        LaunchException e = assertThrows(LaunchException.class, () -> LaunchOptions.parse(args, featuresProperty));
        assertEquals(ExitStatus.USAGE, e.status());
        return e.getMessage();
    }

    @Test
    void defaultsToAnInteractiveNodeInTheCurrentDirectory() throws LaunchException {
        LaunchOptions options = parse();
        assertEquals(Mode.INTERACTIVE, options.mode());
        assertEquals(Path.of("").toAbsolutePath(), options.home());
        assertEquals(Optional.empty(), options.features());
        assertTrue(options.commands().isEmpty());
        assertFalse(options.verbose());
        assertFalse(options.help());
    }

    @Test
    void readsEveryOption() throws LaunchException {
        LaunchOptions options = parse("--home", "/srv/ovs/../node", "--features", "core, rabbitmq,,arakoon",
                "--verbose", "-c", "lb; ovs:tasks");
        assertEquals(Path.of("/srv/node"), options.home());
        assertEquals(Optional.of(List.of("core", "rabbitmq", "arakoon")), options.features());
        assertEquals(Mode.COMMANDS, options.mode());
        assertEquals(List.of("lb", "ovs:tasks"), options.commands());
        assertTrue(options.verbose());

        assertEquals(Mode.SERVICE, parse("--no-console").mode());
        assertTrue(parse("--help").help());
        assertTrue(parse("-h").help());
        assertEquals(List.of("lb"), parse("--command", "lb").commands());
    }

    @Test
    void theLastHomeWinsSoTheScriptsDefaultCanBeOverridden() throws LaunchException {
        assertEquals(Path.of("/b"), parse("--home", "/a", "--home", "/b").home());
    }

    @Test
    void featuresComeFromTheSystemPropertyUnlessGivenOnTheCommandLine() throws LaunchException {
        assertEquals(Optional.of(List.of("core", "arakoon")),
                LaunchOptions.parse(new String[0], "core,arakoon").features());
        assertEquals(Optional.of(List.of("rabbitmq")),
                LaunchOptions.parse(new String[] {"--features", "rabbitmq"}, "core,arakoon").features());
    }

    @Test
    void refusesBadUsageNamingTheArgument() {
        assertTrue(usageError(null, "--bogus").contains("unknown option --bogus"));
        assertTrue(usageError(null, "lb").contains("unexpected argument lb"));
        assertTrue(usageError(null, "--home").contains("--home needs a value"));
        assertTrue(usageError(null, "-c").contains("-c needs a value"));
        assertTrue(usageError(null, "-c", " ; ").contains("-c needs at least one command"));
        assertTrue(usageError(null, "-c", "echo 'x").contains("-c: unterminated ' quote"));
        assertTrue(usageError(null, "-c", "lb", "--no-console").contains("-c and --no-console exclude each other"));
        assertTrue(usageError(null, "--bogus").endsWith("(ovs --help prints the usage)"));
    }
}
