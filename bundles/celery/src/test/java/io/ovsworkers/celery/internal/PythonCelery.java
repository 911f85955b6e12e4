package io.ovsworkers.celery.internal;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Python Celery 5.2 (Debian's python3-celery, /usr/bin/python3) running the app in
 * src/test/resources/interop, with the original's queue layout under this run's names.
 */
final class PythonCelery {
    static final String MACHINE_ID = "a1b2c3d4e5f6";

    private final String run;
    private final Path appDir;

    PythonCelery(String run) {
        this.run = run;
        try {
            appDir = Path.of(PythonCelery.class.getResource("/interop/ovs_interop.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String generic() {
        return "ovs_generic_" + run;
    }

    String masters() {
        return "ovs_masters_" + run;
    }

    String node() {
        return "ovs_" + MACHINE_ID + "_" + run;
    }

    List<String> queues() {
        return List.of(generic(), masters(), node());
    }

    /** Runs one of the app's scripts to its end and returns what it printed; fails on a non-zero exit. */
    String script(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", name));
        command.addAll(List.of(args));
        Process process = start(command, ProcessBuilder.Redirect.PIPE);
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(name + " failed:\n" + output);
            }
            return output;
        } finally {
            stop(process);
        }
    }

    /** Starts a worker consuming the three queues; its log goes to target/python-worker-&lt;run&gt;.log. */
    Process worker() throws IOException {
        File log = Path.of("target", "python-worker-" + run + ".log").toFile();
        return start(List.of("/usr/bin/python3", "-m", "celery", "-A", "ovs_interop", "worker",
                "-Q", String.join(",", queues()), "-c", "1", "-P", "prefork", "-n", "interop_" + run + "@%h",
                "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"),
                ProcessBuilder.Redirect.to(log));
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

    String log() throws IOException {
        Path log = Path.of("target", "python-worker-" + run + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Process start(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(appDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().put("OVS_RUN", run);
        builder.environment().put("OVS_BROKER", "amqp://guest:guest@127.0.0.1:5672//");
        builder.environment().put("PYTHONPATH", appDir.toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return builder.start();
    }

    /** The rpc backend's configuration: Celery's defaults. */
    static RpcResultsConfiguration rpcConfig() {
        return new RpcResultsConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RpcResultsConfiguration.class;
            }

            @Override
            public int resultExpires() {
                return 86400;
            }

            @Override
            public boolean persistent() {
                return false;
            }

            @Override
            public int maxKept() {
                return 1000;
            }
        };
    }
}
