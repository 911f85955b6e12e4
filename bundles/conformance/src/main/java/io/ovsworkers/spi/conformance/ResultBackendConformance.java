package io.ovsworkers.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ResultBackend}, for every implementation to run.
 *
 * <p>Subclass it in the implementation's tests, implement {@link #createBackend()} and
 * {@link #closeBackend(ResultBackend)}, and, for a backend that persists, {@link #supportsRestart()} and
 * {@link #restart(ResultBackend)}. Task ids are random UUIDs, so the suite can run against a shared server. A
 * backend may add Celery meta fields of its own to {@link TaskResult#extra()}; the suite checks only that what it
 * stored comes back.
 */
public abstract class ResultBackendConformance {

    private static final Instant DONE = Instant.parse("2026-05-06T07:08:09.123456Z");

    private final ExecutorService waiters = Executors.newCachedThreadPool();
    private ResultBackend backend;

    /** A result backend for one test. */
    protected abstract ResultBackend createBackend() throws Exception;

    /** Releases the backend after a test (and after {@link #restart(ResultBackend)}, the one it returned). */
    protected abstract void closeBackend(ResultBackend backend) throws Exception;

    /** Whether {@link #restart(ResultBackend)} is supported: the backend keeps results across a stop. */
    protected boolean supportsRestart() {
        return false;
    }

    /** Stops the backend as a node stop does and returns a new one on the same storage. */
    protected ResultBackend restart(ResultBackend backend) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " does not support restart");
    }

    @BeforeEach
    final void openBackend() throws Exception {
        backend = createBackend();
    }

    @AfterEach
    final void releaseBackend() throws Exception {
        waiters.shutdownNow();
        closeBackend(backend);
    }

    @Test
    void unknownTaskHasNoResult() {
        assertEquals(Optional.empty(), backend.get(newTaskId()));
    }

    @Test
    void successIsReadBackWithEveryField() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", "ovs.generic.snapshot_all");
        extra.put("args", List.of("pool-1", 3));
        extra.put("kwargs", Map.of("force", true));
        extra.put("worker", "node-1");
        extra.put("retries", 0);
        extra.put("queue", "ovs_generic");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("snapshots", List.of(1, 2, 3));
        value.put("ratio", 0.5);
        value.put("note", null);
        TaskResult stored = new TaskResult(newTaskId(), TaskState.SUCCESS, value, null, DONE, extra);

        backend.store(stored);

        assertSameResult(stored, backend.get(stored.taskId()).orElseThrow());
    }

    @Test
    void failureKeepsExceptionAndTraceback() {
        TaskResult stored = new TaskResult(newTaskId(), TaskState.FAILURE,
                Map.of("exc_type", "ValueError", "exc_message", List.of("bad vpool"), "exc_module", "builtins"),
                "Traceback (most recent call last):\n  ...\nValueError: bad vpool\n", DONE, Map.of());

        backend.store(stored);

        assertSameResult(stored, backend.get(stored.taskId()).orElseThrow());
    }

    @Test
    void laterStateReplacesEarlier() {
        String taskId = newTaskId();
        backend.store(new TaskResult(taskId, TaskState.STARTED, Map.of("pid", 42), null, null, Map.of()));
        TaskResult done = new TaskResult(taskId, TaskState.SUCCESS, "done", null, DONE, Map.of());

        backend.store(done);

        assertSameResult(done, backend.get(taskId).orElseThrow());
    }

    @Test
    void awaitReturnsAFinalStateAtOnce() throws Exception {
        TaskResult done = new TaskResult(newTaskId(), TaskState.REVOKED, null, null, DONE, Map.of());
        backend.store(done);

        assertSameResult(done, backend.await(done.taskId(), Deadline.WAIT));
    }

    @Test
    void awaitOfUnknownTaskTimesOutPending() throws Exception {
        String taskId = newTaskId();

        TaskResult result = backend.await(taskId, Duration.ofMillis(50));

        assertEquals(taskId, result.taskId());
        assertEquals(TaskState.PENDING, result.state());
    }

    @Test
    void awaitTimesOutWithTheLastKnownState() throws Exception {
        TaskResult started = new TaskResult(newTaskId(), TaskState.STARTED, null, null, null, Map.of());
        backend.store(started);

        assertSameResult(started, backend.await(started.taskId(), Duration.ofMillis(50)));
    }

    @Test
    void awaitWakesWhenAnotherThreadStoresTheFinalState() throws Exception {
        String taskId = newTaskId();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<TaskResult> awaited = waiters.submit(() -> {
            waiter.set(Thread.currentThread());
            return backend.await(taskId, Deadline.WAIT.multipliedBy(10));
        });
        Deadline.awaitCondition("the caller waits in await", () -> waiter.get() != null
                && (waiter.get().getState() == Thread.State.WAITING
                || waiter.get().getState() == Thread.State.TIMED_WAITING));

        backend.store(new TaskResult(taskId, TaskState.STARTED, null, null, null, Map.of()));
        TaskResult done = new TaskResult(taskId, TaskState.SUCCESS, 7, null, DONE, Map.of());
        backend.store(done);

        assertSameResult(done, awaited.get(Deadline.WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void eachOfManyWaitersGetsItsOwnTasksResult() throws Exception {
        List<String> taskIds = IntStream.range(0, 20).mapToObj(i -> newTaskId()).toList();
        List<Future<TaskResult>> awaited = new ArrayList<>();
        for (String taskId : taskIds) {
            awaited.add(waiters.submit(() -> backend.await(taskId, Deadline.WAIT.multipliedBy(10))));
        }

        for (int i = 0; i < taskIds.size(); i++) {
            backend.store(new TaskResult(taskIds.get(i), TaskState.SUCCESS, i, null, DONE, Map.of()));
        }

        for (int i = 0; i < taskIds.size(); i++) {
            TaskResult result = awaited.get(i).get(Deadline.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(taskIds.get(i), result.taskId());
            assertEquals(i, result.result());
        }
    }

    @Test
    void awaitIsInterruptible() throws Exception {
        String taskId = newTaskId();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<TaskResult> awaited = waiters.submit(() -> {
            waiter.set(Thread.currentThread());
            return backend.await(taskId, Deadline.WAIT.multipliedBy(10));
        });
        Deadline.awaitCondition("the caller waits in await", () -> waiter.get() != null
                && (waiter.get().getState() == Thread.State.WAITING
                || waiter.get().getState() == Thread.State.TIMED_WAITING));

        waiter.get().interrupt();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> awaited.get(Deadline.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(failure.getCause() instanceof InterruptedException, "await ended with " + failure.getCause());
    }

    @Test
    void forgetRemovesTheResult() throws Exception {
        TaskResult done = new TaskResult(newTaskId(), TaskState.SUCCESS, 1, null, DONE, Map.of());
        backend.store(done);

        backend.forget(done.taskId());

        assertEquals(Optional.empty(), backend.get(done.taskId()));
        assertEquals(TaskState.PENDING, backend.await(done.taskId(), Duration.ofMillis(10)).state());
    }

    @Test
    void forgetOfUnknownTaskIsHarmless() {
        String taskId = newTaskId();

        backend.forget(taskId);

        assertEquals(Optional.empty(), backend.get(taskId));
    }

    @Test
    void resultsSurviveRestart() throws Exception {
        assumeTrue(supportsRestart(), "the backend keeps nothing across a stop");
        TaskResult done = new TaskResult(newTaskId(), TaskState.SUCCESS, List.of("kept"), null, DONE,
                Map.of("name", "conformance.task"));
        TaskResult forgotten = new TaskResult(newTaskId(), TaskState.SUCCESS, 1, null, DONE, Map.of());
        backend.store(done);
        backend.store(forgotten);
        backend.forget(forgotten.taskId());

        backend = restart(backend);

        assertSameResult(done, backend.get(done.taskId()).orElseThrow());
        assertEquals(Optional.empty(), backend.get(forgotten.taskId()));
    }

    private static String newTaskId() {
        return UUID.randomUUID().toString();
    }

    private static void assertSameResult(TaskResult expected, TaskResult actual) {
        assertEquals(expected.taskId(), actual.taskId());
        assertEquals(expected.state(), actual.state());
        assertEquals(expected.result(), actual.result());
        assertEquals(expected.traceback(), actual.traceback());
        assertEquals(expected.dateDone(), actual.dateDone());
        assertTrue(actual.extra().entrySet().containsAll(expected.extra().entrySet()),
                "extra " + actual.extra() + " holds " + expected.extra());
    }
}
