package io.ovsworkers.core.internal;

import io.ovsworkers.api.EnsureSingleTimeoutReached;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.core.internal.single.Caller;
import io.ovsworkers.core.internal.single.WorkerSlot;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs delivered task messages: honours expiry and eta, resolves the task, records STARTED, invokes it through the
 * {@link TaskInvoker} (the inline path), stores the outcome and only then acknowledges, so that a message whose
 * execution was cut short is delivered again.
 *
 * <p>Each delivery runs on its own thread (at most the prefetched ones), and at most {@code concurrency} of them hold
 * a worker slot at once. A task waiting for its ensure-single turn gives its slot back while it waits, so that the
 * slots go to tasks that can run.
 */
final class TaskExecution {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);
    private static final Duration UNKNOWN_TASK_REQUEUE_DELAY = Duration.ofMillis(500);

    private final TaskRegistry registry;
    private final TaskInvoker invoker;
    private final Supplier<ResultBackend> results;
    private final Supplier<String> workerName;
    private final WorkerPool.Settings settings;
    private final TaskObserver observer;
    private final ThreadPoolExecutor workers;
    private final Semaphore slots;
    private final ScheduledExecutorService timers;
    private final Instant started = Instant.now();
    private volatile boolean draining;

    TaskExecution(TaskRegistry registry, TaskInvoker invoker, Supplier<ResultBackend> results, Supplier<String> workerName,
                  WorkerPool.Settings settings, TaskObserver observer) {
        this.registry = registry;
        this.invoker = invoker;
        this.results = results;
        this.workerName = workerName;
        this.settings = settings;
        this.observer = observer;
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> daemon(task, "ovs-worker-" + count.incrementAndGet()));
        slots = new Semaphore(settings.concurrency(), true);
        timers = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "ovs-worker-timer"));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Takes a delivery from the broker; never blocks the broker's thread. */
    void accept(Delivery delivery) {
        if (draining) {
            delivery.requeue();
            return;
        }
        TaskMessage message = delivery.message();
        Instant now = Instant.now();
        if (message.expiredAt(now)) {
            revoke(delivery, "expired", true);
            return;
        }
        observer.received(delivery);
        Optional<Instant> eta = message.etaInstant().filter(now::isBefore);
        if (eta.isPresent()) {
            timers.schedule(() -> workers.execute(() -> run(delivery)), Duration.between(now, eta.get()).toMillis(), TimeUnit.MILLISECONDS);
        } else {
            workers.execute(() -> run(delivery));
        }
    }

    private void run(Delivery delivery) {
        Slot slot = new Slot();
        try {
            slot.reacquire();
        } catch (InterruptedException stopping) {
            delivery.requeue();
            Thread.currentThread().interrupt();
            return;
        }
        try {
            run(delivery, slot);
        } finally {
            observer.settled(delivery.message());
            slot.release();
        }
    }

    private void run(Delivery delivery, Slot slot) {
        if (draining) {
            delivery.requeue();
            return;
        }
        TaskMessage message = delivery.message();
        if (message.expiredAt(Instant.now())) {
            revoke(delivery, "expired", true);
            return;
        }
        if (observer.revoked(message.id())) {
            revoke(delivery, "revoked", false);
            return;
        }
        Optional<TaskDefinition> task = registry.lookup(message.task());
        if (task.isEmpty()) {
            handleUnknown(delivery);
            return;
        }
        long start = System.nanoTime();
        observer.started(delivery);
        store(message, TaskState.STARTED, Map.of("pid", ProcessHandle.current().pid(), "hostname", workerName.get()), null);
        TaskResult outcome;
        try {
            Object value = invoker.invoke(task.get(), message.args().toArray(), message.kwargs(), Caller.worker(message.id(), slot));
            outcome = result(message, TaskState.SUCCESS, Json.toJsonShape(value), null);
        } catch (TaskFailedException failure) {
            if (draining && failure.getCause() instanceof InterruptedException) {
                LOG.info("Task {} [{}] interrupted by the node stopping; it will be delivered again", message.task(), message.id());
                return;
            }
            outcome = result(message, TaskState.FAILURE, TaskFailures.celeryForm(failure), TaskFailures.traceback(failure.getCause() == null ? failure : failure.getCause()));
        } catch (TaskArgumentException wrongArguments) {
            TaskFailedException failure = TaskFailures.failed(message.task(), wrongArguments);
            outcome = result(message, TaskState.FAILURE, TaskFailures.celeryForm(failure), wrongArguments.getMessage());
        } catch (EnsureSingleTimeoutReached | BackendException notStarted) {
            TaskFailedException failure = TaskFailures.failed(message.task(), notStarted);
            outcome = result(message, TaskState.FAILURE, TaskFailures.celeryForm(failure), notStarted.getMessage());
        } catch (IllegalArgumentException notJson) {
            TaskFailedException failure = new TaskFailedException(message.task(), "EncodeError", "kombu.exceptions", notJson.getMessage(), notJson);
            outcome = result(message, TaskState.FAILURE, TaskFailures.celeryForm(failure), notJson.getMessage());
        } catch (LinkageError pluginGone) {
            LOG.warn("Task {} [{}] lost its plugin's classes mid-run (plugin updated or removed); requeued", message.task(), message.id(), pluginGone);
            delivery.requeue();
            return;
        }
        outcome = observer.finished(message, outcome);
        if (finish(delivery, outcome)) {
            LOG.info("Task {} [{}] {} in {} ms", message.task(), message.id(), outcome.state(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void handleUnknown(Delivery delivery) {
        TaskMessage message = delivery.message();
        Instant graceStart = registry.removedAt(message.task()).filter(started::isBefore).orElse(started);
        if (Duration.between(graceStart, Instant.now()).getSeconds() < settings.unknownTaskGraceSeconds()) {
            LOG.debug("No plugin provides {} now; requeueing {} while one may come back", message.task(), message.id());
            timers.schedule(delivery::requeue, UNKNOWN_TASK_REQUEUE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            String reason = "No plugin on node " + workerName.get() + " provides task '" + message.task() + "'";
            LOG.error("{}; task {} moved to the dead-letter queue", reason, message.id());
            delivery.deadLetter(reason);
        }
    }

    private void revoke(Delivery delivery, String reason, boolean expired) {
        TaskMessage message = delivery.message();
        Map<String, Object> revoked = new LinkedHashMap<>();
        revoked.put("exc_type", "TaskRevokedError");
        revoked.put("exc_message", List.of(reason));
        revoked.put("exc_module", "celery.exceptions");
        if (finish(delivery, result(message, TaskState.REVOKED, revoked, null))) {
            observer.notRun(message, expired);
            LOG.info("Task {} [{}] REVOKED: {}", message.task(), message.id(), expired ? "expired at " + message.expires() : reason);
        }
    }

    /** Stores the outcome, then acknowledges; a message whose outcome could not be stored is requeued. */
    private boolean finish(Delivery delivery, TaskResult outcome) {
        try {
            ResultBackend backend = results.get();
            if (backend != null) {
                backend.store(outcome);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not store the result of task {}; requeueing it", outcome.taskId(), e);
            delivery.requeue();
            return false;
        }
        delivery.ack();
        return true;
    }

    private void store(TaskMessage message, TaskState state, Object meta, String traceback) {
        ResultBackend backend = results.get();
        if (backend == null) {
            return;
        }
        try {
            backend.store(result(message, state, meta, traceback));
        } catch (RuntimeException e) {
            LOG.warn("Could not record state {} of task {}", state, message.id(), e);
        }
    }

    private TaskResult result(TaskMessage message, TaskState state, Object value, String traceback) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", message.task());
        extra.put("args", message.args());
        extra.put("kwargs", message.kwargs());
        extra.put("worker", workerName.get());
        extra.put("retries", message.retries());
        if (message.replyTo() != null) {
            extra.put("reply_to", message.replyTo());
        }
        return new TaskResult(message.id(), state, value, traceback, state.ready() ? Instant.now() : null, extra);
    }

    /** A worker slot, held by one delivery's thread at a time. */
    private final class Slot implements WorkerSlot {
        private boolean held;

        @Override
        public void release() {
            if (held) {
                held = false;
                slots.release();
            }
        }

        @Override
        public void reacquire() throws InterruptedException {
            if (!held) {
                slots.acquire();
                held = true;
            }
        }
    }

    /** Stops taking work, lets running tasks finish for a while, then interrupts them; unsettled messages return to their queue. */
    void shutdown(int timeoutSeconds) {
        draining = true;
        timers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeoutSeconds, TimeUnit.SECONDS)) {
                LOG.warn("Interrupting {} task(s) still running after {} s; their messages will be delivered again", workers.getActiveCount(), timeoutSeconds);
                workers.shutdownNow();
                workers.awaitTermination(timeoutSeconds, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
