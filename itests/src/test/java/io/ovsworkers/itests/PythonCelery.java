package io.ovsworkers.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Python Celery 5.2 (Debian's python3-celery, /usr/bin/python3) with the app in src/test/resources/celery, on
 * one test's virtual host and the node's machine id.
 */
final class PythonCelery {
    private static final Path APP = Path.of("src", "test", "resources", "celery").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String brokerUri;
    private final String machineId;
    private final Path workerLog;

    PythonCelery(String brokerUri, String machineId, String name) {
        this.brokerUri = brokerUri;
        this.machineId = machineId;
        this.workerLog = Distribution.WORK.resolve("python-worker-" + name + ".log").toAbsolutePath();
    }

    /** Sends the calls with a Celery client and returns each one's outcome (see ovs_call.py). */
    JsonNode call(Object calls) throws IOException, InterruptedException {
        return run(List.of("/usr/bin/python3", "ovs_call.py", JSON.writeValueAsString(calls)));
    }

    /** Sends the calls with a Celery client without waiting for them; returns their {@code {"id"}}. */
    JsonNode send(Object calls) throws IOException, InterruptedException {
        return run(List.of("/usr/bin/python3", "ovs_call.py", JSON.writeValueAsString(calls), "--send-only"));
    }

    private JsonNode run(List<String> command) throws IOException, InterruptedException {
        Process process = start(command, ProcessBuilder.Redirect.PIPE);
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("ovs_call.py failed:\n" + output);
            }
            return JSON.readTree(output.lines().reduce((first, last) -> last).orElse("null"));
        } finally {
            stop(process);
        }
    }

    /** Starts a worker consuming the Python-only queue python_itest; its log goes to the test work folder. */
    Process worker() throws IOException {
        Files.createDirectories(workerLog.getParent());
        return start(List.of("/usr/bin/python3", "-m", "celery", "-A", "ovs_itest", "worker", "-Q", "python_itest", "-c", "1",
                "-P", "prefork", "-n", "itest@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"),
                ProcessBuilder.Redirect.to(workerLog.toFile()));
    }

    String workerLog() throws IOException {
        return Files.exists(workerLog) ? Files.readString(workerLog) : "";
    }

    /** Stops the process and its pool children, forcibly if it does not stop within seconds. */
    static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private Process start(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        File appDir = APP.toFile();
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(appDir).redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().put("OVS_BROKER", brokerUri);
        builder.environment().put("OVS_MACHINE_ID", machineId);
        builder.environment().put("PYTHONPATH", appDir.toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return builder.start();
    }
}
