package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.TaskEvent;
import io.ovsworkers.api.monitor.TaskEventType;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code celery inspect} / {@code celery control} (Debian python3-celery) against a Java worker's remote
 * control, a Python worker answering the Java broadcast, and a Python events receiver seeing a Java worker's events;
 * all on the local RabbitMQ in a virtual host of this run. The core's monitoring services are test doubles
 * ({@link MonitorDoubles}).
 */
class RemoteControlInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE = "java@m1";

    private static RabbitMqVirtualHost vhost;
    private static RabbitMqBroker broker;
    private static RemoteControl control;
    private static final MonitorDoubles.FixedStatus STATUS = new MonitorDoubles.FixedStatus();
    private static final MonitorDoubles.RecordingRevocations REVOCATIONS = new MonitorDoubles.RecordingRevocations();

    @BeforeAll
    static void start() throws Exception {
        vhost = new RabbitMqVirtualHost();
        try (RabbitMqFixture fixture = new RabbitMqFixture()) {
            broker = new RabbitMqBroker(fixture.config(vhost.uri()));
        }
        control = new RemoteControl();
        control.broker = broker;
        control.status = STATUS;
        control.revocations = REVOCATIONS;
        control.node = MonitorDoubles.node("m1");
        control.activate();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (control != null) {
                control.deactivate();
            }
            if (broker != null) {
                broker.close();
            }
        } finally {
            vhost.close();
        }
    }

    @Test
    void inspectPingRegisteredActiveAndStatsSeeTheJavaWorker() throws Exception {
        STATUS.active.add(new ActiveTask("task-1", "ovs.test.sleep", List.of(5), Map.of("unit", "s"), Instant.now(), "generic.default", false));
        try {
            assertEquals(Map.of(NODE, Map.of("ok", "pong")), inspect("ping"));
            assertEquals(Map.of(NODE, List.of("ovs.test.add", "ovs.test.sleep")), inspect("registered"));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> active = (List<Map<String, Object>>) inspect("active").get(NODE);
            assertEquals(1, active.size());
            assertEquals("task-1", active.get(0).get("id"));
            assertEquals("ovs.test.sleep", active.get(0).get("name"));
            assertEquals(List.of(5), active.get(0).get("args"));
            assertEquals(Map.of("unit", "s"), active.get(0).get("kwargs"));
            assertEquals(NODE, active.get(0).get("hostname"));

            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) inspect("stats").get(NODE);
            assertEquals(Map.of("ovs.test.add", 4), stats.get("total"));
            assertEquals((int) ProcessHandle.current().pid(), stats.get("pid"));
        } finally {
            STATUS.active.clear();
        }
    }

    @Test
    void controlRevokeAndTerminateReachTheRevocations() throws Exception {
        String revoked = UUID.randomUUID().toString();
        String terminated = UUID.randomUUID().toString();
        Map<String, Object> reply = celery("control", "revoke", revoked);
        assertEquals(Map.of(NODE, Map.of("ok", "tasks " + revoked + " flagged as revoked")), reply);
        celery("control", "terminate", "SIGTERM", terminated);
        assertTrue(REVOCATIONS.revoked.contains(revoked), REVOCATIONS.revoked::toString);
        assertTrue(REVOCATIONS.revoked.contains(terminated + " terminate"), REVOCATIONS.revoked::toString);
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) inspect("revoked").get(NODE);
        assertTrue(listed.containsAll(List.of(revoked, terminated)), listed::toString);
    }

    @Test
    void javaBroadcastPingsPythonAndJavaWorkers() throws Exception {
        String pythonNode = "py_" + vhost.name + "@interop";
        File log = Path.of("target", "python-control-worker-" + vhost.name + ".log").toFile();
        Process worker = python(ProcessBuilder.Redirect.to(log), "-m", "celery", "-b", vhost.uri(), "worker", "-n", pythonNode,
                "-P", "solo", "-Q", "ovs_rc_" + vhost.name, "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info");
        try {
            RabbitMqFixture.await("pong from " + pythonNode + " and " + NODE, Duration.ofSeconds(30), () -> {
                Map<String, Object> replies = control.broadcast("ping", Map.of(), Duration.ofMillis(500));
                return replies.containsKey(pythonNode) && replies.containsKey(NODE);
            });
        } finally {
            PythonCelery.stop(worker);
        }
    }

    @Test
    void pythonEventsReceiverSeesJavaTaskEventsAndHeartbeats() throws Exception {
        CeleryEvents events = new CeleryEvents();
        events.broker = broker;
        events.status = STATUS;
        events.node = MonitorDoubles.node("m1");
        events.activate(eventsConfig());
        Process receiver = python(ProcessBuilder.Redirect.PIPE, Path.of(PythonCelery.class.getResource("/interop/events_receiver.py").toURI()).toString(),
                vhost.uri(), NODE, "worker-heartbeat", "task-sent", "task-received", "task-started", "task-succeeded");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            RabbitMqFixture.await("the receiver to be ready", Duration.ofSeconds(20), () -> lines.contains("ready") || !receiver.isAlive());
            String taskId = UUID.randomUUID().toString();
            RabbitMqFixture.await("the receiver to see every event", Duration.ofSeconds(20), () -> {
                events.onTaskEvent(new TaskEvent(TaskEventType.SENT, taskId, "ovs.test.add", Instant.now(), Map.of("args", List.of(2, 3), "routing_key", "generic.default")));
                events.onTaskEvent(new TaskEvent(TaskEventType.RECEIVED, taskId, "ovs.test.add", Instant.now(), Map.of("args", List.of(2, 3), "kwargs", Map.of(), "retries", 0)));
                events.onTaskEvent(new TaskEvent(TaskEventType.STARTED, taskId, "ovs.test.add", Instant.now(), Map.of()));
                events.onTaskEvent(new TaskEvent(TaskEventType.SUCCEEDED, taskId, "ovs.test.add", Instant.now(), Map.of("result", 5, "runtime", 0.01)));
                return !receiver.isAlive();
            });
            assertEquals(0, receiver.waitFor(), () -> String.join("\n", lines));
            reader.join(5000);
            List<Map<String, Object>> seen = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("{")) {
                    seen.add(JSON.readValue(line, new TypeReference<>() { }));
                }
            }
            Map<String, Object> succeeded = seen.stream().filter(e -> "task-succeeded".equals(e.get("type"))).findFirst().orElseThrow();
            assertEquals(taskId, succeeded.get("uuid"));
            assertEquals("5", succeeded.get("result"));
            Map<String, Object> received = seen.stream().filter(e -> "task-received".equals(e.get("type"))).findFirst().orElseThrow();
            assertEquals("ovs.test.add", received.get("name"));
            assertEquals("[2,3]", received.get("args"));
        } finally {
            PythonCelery.stop(receiver);
            events.deactivate();
        }
    }

    private static CeleryEventsConfiguration eventsConfig() {
        return new CeleryEventsConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CeleryEventsConfiguration.class;
            }

            @Override
            public double heartbeatSeconds() {
                return 0.2;
            }

            @Override
            public boolean taskSentEvents() {
                return true;
            }
        };
    }

    private static Map<String, Object> inspect(String command) throws Exception {
        return celery("inspect", command);
    }

    /** Runs the celery CLI with JSON output against this node only, and returns the replies. */
    private static Map<String, Object> celery(String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-m", "celery", "-b", vhost.uri()));
        arguments.addAll(List.of(command));
        arguments.addAll(List.of("-j", "-t", "5", "-d", NODE));
        Process process = python(ProcessBuilder.Redirect.PIPE, arguments.toArray(String[]::new));
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "celery " + String.join(" ", command) + " did not end");
            assertEquals(0, process.exitValue(), () -> "celery " + String.join(" ", command) + ":\n" + output);
            return JSON.readValue(output.substring(output.indexOf('{')), new TypeReference<>() { });
        } finally {
            PythonCelery.stop(process);
        }
    }

    private static Process python(ProcessBuilder.Redirect output, String... arguments) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return builder.start();
    }
}
