package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Retry;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.core.internal.single.GateListener;
import io.ovsworkers.embedded.internal.EmbeddedBackends;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker does after a task, on the real embedded broker and result store: retries a task asked for, time
 * limits from the message's {@code timelimit} header, and the callbacks, chains and errbacks of Celery signatures.
 */
class WorkerRuntimeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private EmbeddedBackends backends;
    private TestNode node;
    private final Tasks plugin = new Tasks();

    /** Tasks that retry, overrun their limits, and record what callbacks receive. */
    public static final class Tasks {
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        final CountDownLatch stubbornRelease = new CountDownLatch(1);

        @OvsTask(name = "w.flaky")
        public Map<String, Object> flaky(String key, int failures) {
            int attempt = attempts.merge(key, 1, Integer::sum);
            if (attempt <= failures) {
                throw new Retry(Duration.ZERO, 5, new IllegalStateException("attempt " + attempt));
            }
            return Map.of("attempts", attempt);
        }

        @OvsTask(name = "w.never")
        public void never(String key) {
            throw new Retry(Duration.ZERO, 2, null);
        }

        @OvsTask(name = "w.nap")
        public String nap() throws InterruptedException {
            new CountDownLatch(1).await();
            return "woke up";
        }

        /** Ignores interrupts until the test releases it. */
        @OvsTask(name = "w.stubborn")
        public String stubborn() {
            while (true) {
                try {
                    stubbornRelease.await();
                    return "released";
                } catch (InterruptedException ignored) {
                    // a hard time limit cannot stop this task; that is the point
                }
            }
        }

        @OvsTask(name = "w.last")
        public String last() {
            return "chain ended";
        }

        @OvsTask(name = "w.pair")
        public List<Object> pair(Object first, Object second) {
            return Arrays.asList(first, second);
        }

        @OvsTask(name = "w.fail")
        public void fail() {
            throw new IllegalStateException("broken");
        }
    }

    @BeforeEach
    void start() {
        backends = new EmbeddedBackends(folder);
        node = new TestNode("worker-runtime", backends.store(), backends.broker(), backends.results(), Duration.ofSeconds(10),
                GateListener.LOGGING, 1, plugin);
    }

    @AfterEach
    void stop() {
        plugin.stubbornRelease.countDown();
        node.close();
        backends.close();
    }

    private TaskMessage message(String task, List<Object> args, Map<String, Object> headers) {
        return new TaskMessage(UUID.randomUUID().toString(), task, args, Map.of(), Dispatcher.DEFAULT_ROUTING_KEY, null, null, null, 0,
                null, headers);
    }

    private TaskResult run(TaskMessage message) throws InterruptedException {
        backends.broker().publish(message);
        return backends.results().await(message.id(), WAIT);
    }

    private static Map<String, Object> signature(String task, List<Object> args, boolean immutable) {
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("task", task);
        signature.put("args", args);
        signature.put("kwargs", Map.of());
        signature.put("options", Map.of());
        signature.put("subtask_type", null);
        signature.put("immutable", immutable);
        return signature;
    }

    @Test
    void aRetryRunsTheSameTaskIdAgainUntilItSucceeds() throws Exception {
        TaskMessage flaky = message("w.flaky", List.of("a", 2), Map.of());
        TaskResult done = run(flaky);
        assertEquals(TaskState.SUCCESS, done.state(), String.valueOf(done.result()));
        assertEquals(Map.of("attempts", 3), done.result());
        assertEquals(2, done.extra().get("retries"));
    }

    @Test
    void retriesBeyondTheMaximumFailWithCeleryMaxRetriesExceededError() throws Exception {
        TaskResult failed = run(message("w.never", List.of("k"), Map.of()));
        assertEquals(TaskState.FAILURE, failed.state());
        assertEquals(Map.of("exc_type", "MaxRetriesExceededError", "exc_module", "celery.exceptions",
                "exc_message", List.of("Can't retry w.never[" + failed.taskId() + "] args:('k',) kwargs:{}")), failed.result());
    }

    @Test
    void aRetryOfAMessageThatAlreadyRetriedCountsFromItsRetriesHeader() throws Exception {
        TaskMessage third = new TaskMessage(UUID.randomUUID().toString(), "w.flaky", List.of("b", 1), Map.of(),
                Dispatcher.DEFAULT_ROUTING_KEY, null, null, null, 5, null, Map.of());
        TaskResult failed = run(third);
        assertEquals(TaskState.FAILURE, failed.state());
        assertEquals("IllegalStateException", ((Map<?, ?>) failed.result()).get("exc_type"));
    }

    @Test
    void theSoftLimitInterruptsAndTheTaskFailsWithSoftTimeLimitExceeded() throws Exception {
        TaskResult failed = run(message("w.nap", List.of(), Map.of(TimeLimits.HEADER, Arrays.asList(null, 0.2))));
        assertEquals(TaskState.FAILURE, failed.state());
        assertEquals("SoftTimeLimitExceeded", ((Map<?, ?>) failed.result()).get("exc_type"));
    }

    @Test
    void theHardLimitFailsTheTaskAndItsSlotGoesToTheNextTask() throws Exception {
        TaskResult failed = run(message("w.stubborn", List.of(), Map.of(TimeLimits.HEADER, Arrays.asList(0.2, null))));
        assertEquals(TaskState.FAILURE, failed.state());
        assertEquals(Map.of("exc_type", "TimeLimitExceeded", "exc_module", "billiard.exceptions", "exc_message", List.of(0.2)),
                failed.result());
        // concurrency is 1 and the stubborn thread still runs: the next task gets the slot it gave up
        TaskResult next = run(message("w.pair", List.of(1, 2), Map.of()));
        assertEquals(List.of(1, 2), next.result());
    }

    /** A group among the callbacks is not sent by a Java worker; the plain callback still is. */
    @Test
    void linkedCallbacksAndChainsGetTheResultPrepended() throws Exception {
        Map<String, Object> group = signature("celery.group", List.of(), false);
        group.put("subtask_type", "group");
        TaskMessage first = message("w.pair", List.of("x", "y"), Map.of(
                Signatures.CALLBACKS, List.of(group, signature("w.pair", List.of("cb"), false)),
                Signatures.CHAIN, List.of(signature("w.last", List.of(), true), signature("w.pair", List.of("next"), false))));
        assertEquals(List.of("x", "y"), run(first).result());
        awaitResult(List.of(List.of("x", "y"), "cb"));
        awaitResult(List.of(List.of("x", "y"), "next"));
        awaitResult("chain ended");
    }

    @Test
    void errbacksGetTheFailedTaskId() throws Exception {
        TaskMessage failing = message("w.fail", List.of(), Map.of(Signatures.ERRBACKS, List.of(signature("w.pair", List.of("eb"), false))));
        assertEquals(TaskState.FAILURE, run(failing).state());
        awaitResult(List.of(failing.id(), "eb"));
    }

    @Test
    void argumentsThatDoNotFitFailTheTaskAndDeadLetterTheMessage() throws Exception {
        TaskResult failed = run(message("w.pair", List.of("only one"), Map.of()));
        assertEquals(TaskState.FAILURE, failed.state());
        assertEquals("TaskArgumentException", ((Map<?, ?>) failed.result()).get("exc_type"));
        BlockingQueue<Delivery> dead = new LinkedBlockingQueue<>();
        try (Subscription deadLetters = backends.broker().subscribe(Broker.DEAD_LETTER_QUEUE, 1, dead::add)) {
            Delivery poison = dead.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(failed.taskId(), poison.message().id());
            poison.ack();
        }
        assertEquals(List.of(1, 2), run(message("w.pair", List.of(1, 2), Map.of())).result());
    }

    @Test
    void aTaskThatRetriesInlineFailsWithTheRetryAsCause() {
        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> node.tasks().task("w.never").call("k"));
        assertEquals(Retry.class, failure.getCause().getClass());
    }

    /** Waits for a task that succeeded with this value: a linked task has a new id, so the stored results are scanned. */
    private void awaitResult(Object value) throws InterruptedException {
        String prefix = "ovs_tasks_celery-task-meta-";
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (String key : backends.store().keys(prefix, 1000)) {
                TaskResult result = backends.results().get(key.substring(prefix.length())).orElse(null);
                if (result != null && result.state() == TaskState.SUCCESS && value.equals(result.result())) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No linked task succeeded with " + value);
    }
}
