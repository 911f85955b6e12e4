package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The interactive console of the built distribution on a real pseudo-terminal: a tmux server of its own runs the
 * node, keys are typed with {@code send-keys} and the screen read with {@code capture-pane}. Tab completes an
 * {@code ovs:} command, a known command is shown in colour, the command's output appears, and Ctrl-D stops the
 * node; Tab also completes a task name after {@code ovs:call}. The tmux server is killed whatever happens.
 */
public class ConsoleTerminalIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ESC = "\u001b[";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** The tmux server's socket, in the test's folder: the server is this test's alone and leaves no file behind. */
    private Path socket;

    @Test
    public void tabCompletesCommandsAndTaskNamesInColourAndCtrlDStopsTheNode() throws Exception {
        Path home = folder.newFolder("home").toPath();
        socket = folder.getRoot().toPath().resolve("tmux.sock");
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("deploy"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String node = "'" + java + "' -cp '" + Distribution.DIST.toAbsolutePath().resolve("lib") + "/*' io.ovsworkers.launcher.Main --home '"
                + home.toAbsolutePath() + "'";
        try {
            tmux("new-session", "-d", "-x", "160", "-y", "50", node);
            Await.until("the console prompt", DEADLINE, () -> screen().contains("g!"));

            tmux("send-keys", "ovs:sta", "Tab");
            Await.until("Tab to complete ovs:status", DEADLINE, () -> screen().contains("g! ovs:status"));
            String typed = Await.until("the typed command in colour", DEADLINE,
                    () -> colouredScreen().lines().filter(line -> line.contains("ovs:status")).findFirst().orElse(null));
            assertTrue("no colour on the command line: " + typed, typed.contains(ESC));

            tmux("send-keys", "Enter");
            Await.until("the status screen", DEADLINE, () -> screen().contains("BACKEND") && screen().contains("EmbeddedBroker"));

            tmux("send-keys", "ovs:call ovs.examples.ad", "Tab");
            Await.until("Tab to complete the task name", DEADLINE, () -> screen().contains("g! ovs:call ovs.examples.add"));
            tmux("send-keys", " 2 3", "Enter");
            Await.until("the task's result", DEADLINE, () -> screen().lines().anyMatch(line -> line.strip().equals("5")));

            tmux("send-keys", "C-d");
            Await.until("the node to stop and its tmux session to end", DEADLINE, () -> !sessionAlive());
        } finally {
            killServer();
        }
    }

    private String screen() {
        return tmuxOutput("capture-pane", "-p");
    }

    private String colouredScreen() {
        return tmuxOutput("capture-pane", "-p", "-e");
    }

    private boolean sessionAlive() {
        try {
            return run(List.of("has-session")).exitCode == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tmux(String... arguments) throws IOException {
        Result result = run(List.of(arguments));
        assertEquals("tmux " + String.join(" ", arguments) + ": " + result.output, 0, result.exitCode);
    }

    private String tmuxOutput(String... arguments) {
        try {
            return run(List.of(arguments)).output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void killServer() throws IOException {
        run(List.of("kill-server"));
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("tmux " + arguments + " did not end");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running tmux " + arguments, e);
        }
    }
}
