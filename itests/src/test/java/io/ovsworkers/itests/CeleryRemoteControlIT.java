package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A node of the built distribution on RabbitMQ, seen and steered by the real Celery command line (Debian
 * python3-celery): {@code celery inspect ping/registered/active} list the Java worker and the task it runs, and
 * {@code celery control terminate} interrupts that task, which ends REVOKED; a Python events receiver sees the
 * worker's heartbeats and the task's received, started and revoked events. In a virtual host of this test.
 */
public class CeleryRemoteControlIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE_ID = "it" + UUID.randomUUID().toString().substring(0, 8);
    private static final String WORKER = "java@" + MACHINE_ID;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void celeryInspectsAndTerminatesAJavaWorkersTask() throws Exception {
        try (RabbitMqVirtualHost vhost = new RabbitMqVirtualHost("ovs_it_rc_" + MACHINE_ID)) {
            Path home = folder.newFolder("home").toPath();
            Files.createDirectories(home.resolve("config"));
            Files.writeString(home.resolve("config/io.ovsworkers.broker.rabbitmq.cfg"), "uris=" + vhost.uri() + "\n");
            Files.writeString(home.resolve("config/io.ovsworkers.node.cfg"), "machineId=" + MACHINE_ID + "\n");
            Files.writeString(home.resolve("config/io.ovsworkers.celery.events.cfg"), "heartbeatSeconds=1\n");
            Path receiverScript = Path.of(CeleryRemoteControlIT.class.getResource("/events_receiver.py").toURI());
            Process receiver = new ProcessBuilder("/usr/bin/python3", receiverScript.toString(), vhost.uri(), WORKER,
                    "worker-online", "worker-heartbeat", "task-received", "task-started", "task-revoked")
                    .redirectErrorStream(true).redirectOutput(folder.newFile("events.txt")).start();
            Path events = folder.getRoot().toPath().resolve("events.txt");
            try (NodeProcess node = startAfter(receiver, events, home)) {
                Map<String, Object> active = Await.until("the sleep task in celery inspect active", DEADLINE, () -> {
                    Map<String, Object> replies = celery(vhost, "inspect", "active");
                    return replies.get(WORKER) instanceof List<?> tasks && !tasks.isEmpty() ? castMap(tasks.get(0)) : null;
                });
                assertEquals("ovs.examples.sleep", active.get("name"));
                assertEquals(List.of(30), active.get("args"));

                assertEquals(Map.of(WORKER, Map.of("ok", "pong")), celery(vhost, "inspect", "ping"));
                assertTrue(String.valueOf(celery(vhost, "inspect", "registered").get(WORKER)).contains("ovs.examples.add"));

                String taskId = String.valueOf(active.get("id"));
                Map<String, Object> terminated = celery(vhost, "control", "terminate", "SIGTERM", taskId);
                assertEquals(Map.of(WORKER, Map.of("ok", "terminate: " + taskId)), terminated);
                assertEquals("the -c command fails: its task was revoked", 1, node.waitFor(DEADLINE));
                assertTrue(node.errors(), node.errors().contains("TaskRevokedError"));

                assertTrue("the Python receiver did not see every event: " + read(events), receiver.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
                assertEquals(read(events), 0, receiver.exitValue());
                String revoked = read(events).lines().filter(line -> line.contains("\"task-revoked\"")).findFirst().orElseThrow();
                assertTrue(revoked, revoked.contains("\"uuid\": \"" + taskId + "\"") && revoked.contains("\"terminated\": true"));
            } finally {
                receiver.destroyForcibly();
            }
        }
    }

    /** Starts the node once the receiver's queue is bound, so that it sees worker-online; stops the receiver if that fails. */
    private static NodeProcess startAfter(Process receiver, Path events, Path home) throws Exception {
        try {
            Await.until("the events receiver to be ready", DEADLINE, () -> read(events).contains("ready"));
            return NodeProcess.start(home, "core,embedded,shell,examples,rabbitmq", "ovs:send -w 60 ovs.examples.sleep 30");
        } catch (Exception | AssertionError e) {
            receiver.destroyForcibly();
            throw e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** Runs the celery command line against this node with JSON output and returns the replies. */
    private static Map<String, Object> celery(RabbitMqVirtualHost vhost, String... command) {
        List<String> arguments = new ArrayList<>(List.of("/usr/bin/python3", "-m", "celery", "-b", vhost.uri()));
        arguments.addAll(List.of(command));
        arguments.addAll(List.of("-j", "-t", "5", "-d", WORKER));
        try {
            Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("celery " + String.join(" ", command) + " did not end");
            }
            int start = output.indexOf('{');
            return start < 0 ? Map.of() : JSON.readValue(output.substring(start), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("celery " + String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
