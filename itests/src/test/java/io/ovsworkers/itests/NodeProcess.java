package io.ovsworkers.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node run as the operator runs it: the distribution's launcher in its own JVM, on a home folder. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer err = new StringBuffer();

    private NodeProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out::add);
        pump(process.getErrorStream(), line -> err.append(line).append('\n'));
    }

    /** Boots a node on {@code home} with the given features and runs the commands; returns at once. */
    static NodeProcess start(Path home, String features, String commands) throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("deploy"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", Distribution.DIST.resolve("lib").toAbsolutePath() + "/*",
                "io.ovsworkers.launcher.Main", "--home", home.toAbsolutePath().toString(), "--features", features, "-c", commands);
        return new NodeProcess(builder.start());
    }

    /** Runs the commands on a fresh boot and waits for the node to stop; fails with its output if it exits non-zero. */
    static List<String> run(Path home, String features, String commands, Duration deadline) throws Exception {
        try (NodeProcess node = start(home, features, commands)) {
            int exit = node.waitFor(deadline);
            if (exit != 0) {
                throw new AssertionError("Node exited with " + exit + " for: " + commands + "\nstdout: " + node.out + "\nstderr: " + node.err);
            }
            return node.output();
        }
    }

    int waitFor(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Node still running after " + deadline + "\nstdout: " + out + "\nstderr: " + err);
        }
        return process.exitValue();
    }

    /** What the commands printed on standard output, as far as they got (the launcher's ready line left out). */
    List<String> output() {
        synchronized (out) {
            return out.stream().filter(line -> !line.startsWith("OVS Workers ready in ")).toList();
        }
    }

    /** What the node printed on standard error (log lines and command failures). */
    String errors() {
        return err.toString();
    }

    /** Kills the JVM as {@code kill -9} does: no shutdown hook, no clean close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void pump(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                lines.lines().forEach(sink);
            } catch (IOException closed) {
                // the process is gone; what it printed was kept
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }
}
