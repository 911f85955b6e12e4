package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.monitor.TaskContext;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.TaskEvent;
import io.ovsworkers.api.monitor.TaskEventType;
import io.ovsworkers.core.internal.single.GateListener;
import io.ovsworkers.embedded.internal.EmbeddedBackends;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker monitor on a real worker runtime with the embedded broker, store and result backend: counters and
 * events of each outcome, revocations kept in the store (a revoked task never runs, also after a restart), terminate,
 * progress reported through {@link TaskContext}, and the JMX MBean.
 */
class WorkerMonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private EmbeddedBackends backends;
    private TestNode node;
    private final Plugin plugin = new Plugin();
    private final List<TaskEvent> events = new CopyOnWriteArrayList<>();

    /** Tasks that succeed, fail, block until interrupted, and report progress. */
    public static final class Plugin {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> ran = new CopyOnWriteArrayList<>();

        @OvsTask(name = "m.add")
        public int add(int a, int b) {
            ran.add("m.add");
            return a + b;
        }

        @OvsTask(name = "m.fail")
        public void fail() {
            throw new IllegalStateException("broken");
        }

        @OvsTask(name = "m.block")
        public String block() throws InterruptedException {
            new CountDownLatch(1).await();
            return "never";
        }

        @OvsTask(name = "m.progress")
        public String progress() throws InterruptedException {
            TaskContext task = TaskContext.current().orElseThrow();
            task.reportProgress(Map.of("done", 1, "total", 2));
            release.await();
            return "done " + task.taskName();
        }
    }

    @BeforeEach
    void start() {
        backends = new EmbeddedBackends(folder);
        node = new TestNode("monitored", backends.store(), backends.broker(), backends.results(), Duration.ofSeconds(10),
                GateListener.LOGGING, 2, plugin);
        node.monitor.listeners.add(events::add);
    }

    @AfterEach
    void stop() {
        plugin.release.countDown();
        node.close();
        backends.close();
    }

    private TaskMessage send(String task, Object... args) {
        TaskMessage message = new TaskMessage(UUID.randomUUID().toString(), task, List.of(args), Map.of(),
                Dispatcher.DEFAULT_ROUTING_KEY, null, null, null, 0, null, Map.of());
        backends.broker().publish(message);
        return message;
    }

    private TaskResult outcome(TaskMessage message) throws InterruptedException {
        return backends.results().await(message.id(), WAIT);
    }

    @Test
    void countsOutcomesPerTaskAndTellsListenersEachEvent() throws Exception {
        TaskMessage added = send("m.add", 2, 3);
        assertEquals(TaskState.SUCCESS, outcome(added).state());
        assertEquals(TaskState.FAILURE, outcome(send("m.fail")).state());
        Probe.await("the failure to be counted", () -> node.monitor.counters().failed() == 1);

        TaskCounters counters = node.monitor.counters();
        assertEquals(2, counters.received());
        assertEquals(1, counters.succeeded());
        assertEquals(1, counters.failed());
        assertEquals(1, counters.byName().get("m.add").runs());
        assertEquals(0, counters.byName().get("m.add").failed());
        assertEquals(1, counters.byName().get("m.fail").failed());

        List<TaskEventType> ofAdd = events.stream().filter(e -> e.taskId().equals(added.id())).map(TaskEvent::type).toList();
        assertEquals(List.of(TaskEventType.RECEIVED, TaskEventType.STARTED, TaskEventType.SUCCEEDED), ofAdd);
        TaskEvent succeeded = events.stream().filter(e -> e.type() == TaskEventType.SUCCEEDED).findFirst().orElseThrow();
        assertEquals(5, succeeded.fields().get("result"));
        assertTrue(succeeded.fields().get("runtime") instanceof Double);
        TaskEvent failed = events.stream().filter(e -> e.type() == TaskEventType.FAILED).findFirst().orElseThrow();
        assertTrue(String.valueOf(failed.fields().get("exception")).contains("broken"), failed.toString());
    }

    @Test
    void aTaskSentFromThisNodeIsASentEvent() throws Exception {
        String id = node.tasks().task("m.add").delay(1, 2).id();
        TaskEvent sent = events.stream().filter(e -> e.taskId().equals(id) && e.type() == TaskEventType.SENT).findFirst().orElseThrow();
        assertEquals(List.of(1, 2), sent.fields().get("args"));
        assertEquals(Dispatcher.DEFAULT_ROUTING_KEY, sent.fields().get("routing_key"));
    }

    @Test
    void aRevokedTaskIsNotRunAndTheRevocationOutlivesTheNode() throws Exception {
        String id = UUID.randomUUID().toString();
        node.monitor.revoke(id, false);
        TaskMessage message = new TaskMessage(id, "m.add", List.of(1, 1), Map.of(), Dispatcher.DEFAULT_ROUTING_KEY, null, null, null,
                0, null, Map.of());
        backends.broker().publish(message);

        TaskResult revoked = outcome(message);
        assertEquals(TaskState.REVOKED, revoked.state());
        assertEquals(List.of("revoked"), ((Map<?, ?>) revoked.result()).get("exc_message"));
        assertTrue(plugin.ran.isEmpty());
        assertEquals(List.of(id), node.monitor.revokedIds(10));

        WorkerMonitor restarted = new WorkerMonitor();
        restarted.store = backends.store();
        assertTrue(restarted.revoked(id), "a new monitor on the same store sees the revocation");
        assertFalse(restarted.revoked(UUID.randomUUID().toString()));
    }

    @Test
    void terminateInterruptsTheRunningTaskWhichEndsRevoked() throws Exception {
        TaskMessage blocked = send("m.block");
        Probe.await("the task to run", () -> node.monitor.active().stream().anyMatch(t -> t.id().equals(blocked.id())));
        assertEquals("m.block", node.monitor.active().get(0).name());

        assertTrue(node.monitor.revoke(blocked.id(), true));

        TaskResult terminated = outcome(blocked);
        assertEquals(TaskState.REVOKED, terminated.state());
        assertEquals(List.of("terminated"), ((Map<?, ?>) terminated.result()).get("exc_message"));
        Probe.await("the task to leave the active list", () -> node.monitor.active().isEmpty());
        TaskEvent revokedEvent = events.stream().filter(e -> e.type() == TaskEventType.REVOKED).findFirst().orElseThrow();
        assertEquals(true, revokedEvent.fields().get("terminated"));
        assertFalse(node.monitor.terminateLocal(blocked.id()), "nothing is left to terminate");
    }

    @Test
    void aRunningTaskReportsProgressThatCallersRead() throws Exception {
        TaskMessage message = send("m.progress");
        Probe.await("the PROGRESS state", () -> backends.results().get(message.id())
                .filter(r -> r.state() == TaskState.PROGRESS).isPresent());
        assertEquals(Map.of("done", 1, "total", 2), backends.results().get(message.id()).orElseThrow().result());
        plugin.release.countDown();
        TaskResult done = outcome(message);
        assertEquals("done m.progress", done.result());
        assertTrue(TaskContext.current().isEmpty(), "no task is bound to the test's thread");
    }

    @Test
    void aFinalStateCannotBeReportedAsProgress() {
        RunningTask task = new RunningTask(new io.ovsworkers.api.monitor.ActiveTask("t", "n", List.of(), Map.of(), java.time.Instant.now(), null, false),
                new TaskMessage("t", "n", List.of(), Map.of(), "k", null, null, null, 0, null, Map.of()), "w", backends::results);
        try {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> task.updateState("SUCCESS", Map.of()));
            assertTrue(refused.getMessage().contains("SUCCESS"), refused.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> task.updateState("HALFWAY", Map.of()));
            assertTrue(unknown.getMessage().contains("HALFWAY"), unknown.getMessage());
        } finally {
            task.unbind();
        }
    }

    @Test
    void terminateInterruptsOnlyThePluginsOwnCode() {
        RunningTask task = new RunningTask(new io.ovsworkers.api.monitor.ActiveTask("t", "n", List.of(), Map.of(), java.time.Instant.now(), null, false),
                new TaskMessage("t", "n", List.of(), Map.of(), "k", null, null, null, 0, null, Map.of()), "w", backends::results);
        try {
            assertTrue(task.terminate());
            assertFalse(Thread.currentThread().isInterrupted(), "the worker's own calls (storing STARTED, the gate) are not interrupted");
            task.enterPluginCode();
            assertTrue(Thread.interrupted(), "entering the plugin's code, the terminated task is interrupted");
            task.leavePluginCode();
            assertTrue(task.finish());
            assertFalse(task.terminate(), "a finished task is not terminated");
        } finally {
            task.unbind();
        }
    }

    @Test
    void theCountersAreAJmxMBean() throws Exception {
        node.monitor.activate(Map.of());
        try {
            assertEquals(TaskState.SUCCESS, outcome(send("m.add", 1, 2)).state());
            Probe.await("the success to be counted", () -> node.monitor.counters().succeeded() == 1);
            Object succeeded = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(WorkerMonitor.MBEAN_NAME), "TasksSucceeded");
            assertEquals(1L, succeeded);
        } finally {
            node.monitor.deactivate();
        }
    }
}
