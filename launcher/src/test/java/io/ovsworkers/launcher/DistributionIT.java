package io.ovsworkers.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the assembled distribution ({@code target/ovs}) as a child process, the way {@code ./ovs} does,
 * in a fresh node home.
 */
class DistributionIT {

    private static final Path DIST = Path.of(System.getProperty("ovs.dist", "target/ovs"));
    private static final Path SOURCE_FEATURES = Path.of(System.getProperty("ovs.features.source", "../features"));
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path home;

    private record Run(int exitCode, String out, String err) {
    }

    private ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", DIST.resolve("lib") + "/*", Main.class.getName(), "--home", home.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private Run run(String... args) throws Exception {
        Path out = home.resolveSibling(home.getFileName() + ".out");
        Path err = home.resolveSibling(home.getFileName() + ".err");
        Process process = launcher(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not exit within " + DEADLINE_SECONDS + " s: "
                    + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A bundle with nothing but a manifest, as a plugin dropped into deploy/. */
    private void deployPlugin(String symbolicName) throws IOException {
        TestBundles.write(home.resolve("deploy").resolve(symbolicName + ".jar"), symbolicName, Map.of());
    }

    @Test
    void everyBundleOfEveryFeatureIsInTheSystemFolder() throws Exception {
        FeatureCatalog catalog = FeatureCatalog.load(DIST.resolve("features"));
        List<FeatureArtifact> bundles = catalog.bundles(List.copyOf(catalog.names()), new Distribution(DIST));
        assertTrue(bundles.size() > 20, "bundles: " + bundles);
        try (Stream<Path> sources = Files.list(SOURCE_FEATURES)) {
            for (Path source : sources.toList()) {
                assertEquals(Files.readString(source), Files.readString(DIST.resolve("features").resolve(source.getFileName())),
                        "the distribution's copy of " + source);
            }
        }
    }

    @Test
    void commandsRunAfterReadyAndTheExitCodeTellsWhetherOneFailed() throws Exception {
        deployPlugin("launcher.test.plugin");

        Run listing = run("-c", "lb");
        assertEquals(0, listing.exitCode(), listing.err());
        assertTrue(listing.out().startsWith("OVS Workers ready in "), listing.out());
        assertTrue(listing.out().contains(" bundles, home " + home + ")"), listing.out());
        assertTrue(listing.out().contains("OVS Workers core"), listing.out());
        assertTrue(listing.out().contains("|Active     |    1|Deployed launcher.test.plugin (1.0.0)"), listing.out());
        assertEquals("", listing.err());
        assertTrue(Files.isDirectory(home.resolve("config")));
        assertTrue(Files.isDirectory(home.resolve("data/felix-cache")));

        Run failing = run("-c", "nosuch; lb");
        assertEquals(1, failing.exitCode(), failing.err());
        assertEquals("ovs: nosuch: CommandNotFoundException: Command not found: nosuch\n", failing.err());
        assertTrue(failing.out().contains("OVS Workers core"), "the command after the failed one ran: " + failing.out());
    }

    @Test
    void badUsageAndUnknownFeaturesExitBeforeBooting() throws Exception {
        Run bogus = run("--bogus");
        assertEquals(2, bogus.exitCode());
        assertEquals("ovs: unknown option --bogus (ovs --help prints the usage)\n", bogus.err());

        Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: ovs "), help.out());

        Run unknown = run("--features", "nope", "-c", "lb");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("ovs: unknown feature nope; the distribution has arakoon, console, core"),
                unknown.err());
    }

    @Test
    void aServiceWatchesDeployKeepsItsHomeLogsToItsFileAndStopsCleanlyOnSigterm() throws Exception {
        Process process = launcher("--no-console").redirectErrorStream(true).start();
        // reading the first line blocks: the deadline kills the process, which ends the read
        CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(DEADLINE_SECONDS, TimeUnit.SECONDS));
        Path log = home.resolve("data/log/ovs.log");
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("OVS Workers ready in "), "first line: " + line);

            Path staged = home.resolve("hot.jar");
            deployPlugin("launcher.hot.plugin");
            Files.move(home.resolve("deploy/launcher.hot.plugin.jar"), staged);
            Files.move(staged, home.resolve("deploy/launcher.hot.plugin.jar"), StandardCopyOption.ATOMIC_MOVE);
            awaitLogLine(log, "INFO fileinstall - Started bundle: file:" + home.resolve("deploy/launcher.hot.plugin.jar"));

            Run second = run("-c", "lb");
            assertEquals(3, second.exitCode(), second.err());
            assertEquals("ovs: another node runs in " + home + " (it holds " + home.resolve("data/ovs.lock") + ")\n",
                    second.err());

            process.destroy();
            assertTrue(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "the service did not stop on SIGTERM");
        } finally {
            process.destroyForcibly();
        }
        String written = Files.readString(log);
        assertTrue(written.contains("INFO Node - OVS Workers ready in "), written);
        assertTrue(written.contains("INFO Node - OVS Workers stopped"), written);
    }

    /** Polls the log until the line shows up, failing at the deadline. */
    private static void awaitLogLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line with '" + text + "' within " + DEADLINE_SECONDS + " s:\n"
                        + Files.readString(log));
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
