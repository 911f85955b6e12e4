package io.ovsworkers.core.internal;

import io.ovsworkers.api.EnsureSingleTimeoutReached;
import io.ovsworkers.api.Retry;
import io.ovsworkers.api.TaskArgumentException;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.core.internal.single.Caller;
import io.ovsworkers.core.internal.single.WorkerSlot;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 *
 * <p>After the task, as Celery's worker: a {@link Retry} it threw sends its message again, one retry further; a
 * success sends its {@code link} callbacks and the next step of its chain, a failure its {@code link_error}
 * errbacks (see {@link Signatures}). Time limits (see {@link TimeLimits}): at the soft limit the task's thread is
 * interrupted, and a task that then ends by throwing the interruption fails with Celery's
 * {@code SoftTimeLimitExceeded}; at the hard limit the worker fails the task with {@code TimeLimitExceeded},
 * acknowledges it and gives its slot to the next task. A Java thread cannot be killed: the task's thread is
 * interrupted and abandoned, and whatever it does afterwards is ignored.
 */
final class TaskExecution {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);
    private static final Duration UNKNOWN_TASK_REQUEUE_DELAY = Duration.ofMillis(500);

    private final TaskRegistry registry;
    private final TaskInvoker invoker;
    private final Supplier<ResultBackend> results;
    private final Supplier<Broker> broker;
    private final Supplier<String> workerName;
    private final WorkerPool.Settings settings;
    private final TaskObserver observer;
    private final ThreadPoolExecutor workers;
    private final Semaphore slots;
    private final ScheduledExecutorService timers;
    private final Instant started = Instant.now();
    private volatile boolean draining;

    TaskExecution(TaskRegistry registry, TaskInvoker invoker, Supplier<ResultBackend> results, Supplier<Broker> broker,
                  Supplier<String> workerName, WorkerPool.Settings settings, TaskObserver observer) {
        this.registry = registry;
        this.invoker = invoker;
        this.results = results;
        this.broker = broker;
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
        store(message, TaskState.STARTED, Map.of("pid", ProcessHandle.current().pid(), "hostname", workerName.get()), null);
        observer.started(delivery);
        Attempt attempt = new Attempt(delivery, slot);
        List<ScheduledFuture<?>> alarms = alarms(attempt, TimeLimits.of(message, settings.softTimeLimitSeconds(), settings.hardTimeLimitSeconds()));
        Object value = null;
        RuntimeException thrown = null;
        try {
            value = invoker.invoke(task.get(), message.args().toArray(), message.kwargs(), Caller.worker(message.id(), slot));
        } catch (RuntimeException e) {
            thrown = e;
        } catch (LinkageError pluginGone) {
            if (attempt.end()) {
                LOG.warn("Task {} [{}] lost its plugin's classes mid-run (plugin updated or removed); requeued", message.task(), message.id(), pluginGone);
                delivery.requeue();
            }
            return;
        } finally {
            alarms.forEach(alarm -> alarm.cancel(false));
        }
        if (!attempt.end()) {
            LOG.warn("Task {} [{}] ended after its hard time limit; its outcome is ignored", message.task(), message.id());
            return;
        }
        if (draining && thrown instanceof TaskFailedException failure && failure.getCause() instanceof InterruptedException) {
            LOG.info("Task {} [{}] interrupted by the node stopping; it will be delivered again", message.task(), message.id());
            return;
        }
        Optional<TaskMessage> again = Optional.empty();
        TaskResult outcome;
        if (thrown == null) {
            outcome = succeeded(message, value);
        } else if (thrown instanceof TaskFailedException failure && failure.getCause() instanceof Retry retry) {
            again = Retries.next(message, retry, Instant.now());
            outcome = again.isPresent()
                    ? result(message, TaskState.RETRY, Retries.meta(message, retry), TaskFailures.traceback(retry))
                    : failed(message, Retries.exceeded(message, retry));
        } else {
            outcome = failed(message, thrown, attempt.softLimitReached());
        }
        outcome = observer.finished(message, outcome);
        // arguments that cannot fit the task never will: the caller gets the FAILURE, the message goes to the dead letters
        String poison = thrown instanceof TaskArgumentException wrongArguments ? wrongArguments.getMessage() : null;
        if (finish(delivery, outcome, again.isPresent() ? List.of(again.get()) : followUps(message, outcome), poison)) {
            LOG.info("Task {} [{}] {} in {} ms", message.task(), message.id(), outcome.state(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private TaskResult succeeded(TaskMessage message, Object value) {
        try {
            return result(message, TaskState.SUCCESS, Json.toJsonShape(value), null);
        } catch (IllegalArgumentException notJson) {
            return failed(message, new TaskFailedException(message.task(), "EncodeError", "kombu.exceptions", notJson.getMessage(), notJson));
        }
    }

    /** The FAILURE of a task that threw; a throwable that says nothing about the task propagates. */
    private TaskResult failed(TaskMessage message, RuntimeException thrown, boolean softLimitReached) {
        if (thrown instanceof TaskFailedException failure) {
            if (softLimitReached && interruption(failure.getCause())) {
                return failed(message, new TaskFailedException(message.task(), "SoftTimeLimitExceeded", "billiard.exceptions",
                        "soft time limit exceeded", failure.getCause()));
            }
            return failed(message, failure);
        }
        if (thrown instanceof TaskArgumentException || thrown instanceof EnsureSingleTimeoutReached || thrown instanceof BackendException) {
            TaskFailedException failure = TaskFailures.failed(message.task(), thrown);
            return result(message, TaskState.FAILURE, TaskFailures.celeryForm(failure), thrown.getMessage());
        }
        throw thrown;
    }

    private TaskResult failed(TaskMessage message, TaskFailedException failure) {
        return result(message, TaskState.FAILURE, TaskFailures.celeryForm(failure), TaskFailures.traceback(failure.getCause() == null ? failure : failure.getCause()));
    }

    /** Whether the task ended by throwing what an interrupt makes blocking calls throw. */
    private static boolean interruption(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof InterruptedIOException || cause instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    private List<ScheduledFuture<?>> alarms(Attempt attempt, TimeLimits limits) {
        List<ScheduledFuture<?>> alarms = new ArrayList<>();
        limits.softLimit().ifPresent(soft -> alarms.add(timers.schedule(attempt::interruptSoftly, soft.toNanos(), TimeUnit.NANOSECONDS)));
        limits.hardLimit().ifPresent(hard -> alarms.add(timers.schedule(() -> abandon(attempt, hard), hard.toNanos(), TimeUnit.NANOSECONDS)));
        return alarms;
    }

    /** The hard time limit: fails the task as Celery does, settles its message and frees its slot while its thread runs on. */
    private void abandon(Attempt attempt, Duration hard) {
        if (!attempt.abandon()) {
            return;
        }
        TaskMessage message = attempt.delivery.message();
        double seconds = hard.toNanos() / 1e9;
        LOG.error("Task {} [{}] exceeded its hard time limit of {} s: it fails, and its thread {} is interrupted and abandoned",
                message.task(), message.id(), seconds, attempt.thread.getName());
        Map<String, Object> exceeded = new LinkedHashMap<>();
        exceeded.put("exc_type", "TimeLimitExceeded");
        exceeded.put("exc_message", List.of(seconds));
        exceeded.put("exc_module", "billiard.exceptions");
        TaskResult outcome = observer.finished(message, result(message, TaskState.FAILURE, exceeded,
                "TimeLimitExceeded: hard time limit (" + seconds + " s) exceeded; thread " + attempt.thread.getName() + " abandoned"));
        finish(attempt.delivery, outcome, followUps(message, outcome));
    }

    /** The messages a final outcome sends: callbacks and chain on success, errbacks on failure. */
    private static List<TaskMessage> followUps(TaskMessage message, TaskResult outcome) {
        return switch (outcome.state()) {
            case SUCCESS -> Signatures.onSuccess(message, outcome.result());
            case FAILURE -> Signatures.onFailure(message);
            default -> List.of();
        };
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

    private boolean finish(Delivery delivery, TaskResult outcome) {
        return finish(delivery, outcome, List.of());
    }

    private boolean finish(Delivery delivery, TaskResult outcome, List<TaskMessage> followUps) {
        return finish(delivery, outcome, followUps, null);
    }

    /**
     * Sends the messages that follow the outcome (a retry, callbacks, errbacks), stores the outcome, then acknowledges
     * the message, or dead-letters it when a reason is given; a message whose follow-ups could not be sent or whose
     * outcome could not be stored is requeued.
     */
    private boolean finish(Delivery delivery, TaskResult outcome, List<TaskMessage> followUps, String deadLetterReason) {
        try {
            if (!followUps.isEmpty()) {
                Broker target = broker.get();
                if (target == null) {
                    throw new BackendException("no broker to send " + followUps.size() + " follow-up message(s) with");
                }
                followUps.forEach(target::publish);
            }
            ResultBackend backend = results.get();
            if (backend != null) {
                backend.store(outcome);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not send the follow-ups or store the result of task {}; requeueing it", outcome.taskId(), e);
            delivery.requeue();
            return false;
        }
        if (deadLetterReason == null) {
            delivery.ack();
        } else {
            LOG.error("Task {} [{}] moved to the dead-letter queue: {}", delivery.message().task(), outcome.taskId(), deadLetterReason);
            delivery.deadLetter(deadLetterReason);
        }
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
            extra.put(TaskResult.REPLY_TO, message.replyTo());
        }
        return new TaskResult(message.id(), state, value, traceback, state.ready() ? Instant.now() : null, extra);
    }

    /** A worker slot, held by one delivery's thread at a time, and given up for good when its task is abandoned. */
    private final class Slot implements WorkerSlot {
        private boolean held;
        private boolean abandoned;

        @Override
        public synchronized void release() {
            if (held) {
                held = false;
                slots.release();
            }
        }

        @Override
        public void reacquire() throws InterruptedException {
            synchronized (this) {
                if (held) {
                    return;
                }
                refuseIfAbandoned();
            }
            slots.acquire();
            synchronized (this) {
                if (abandoned) {
                    slots.release();
                    refuseIfAbandoned();
                }
                held = true;
            }
        }

        synchronized void abandon() {
            abandoned = true;
            release();
        }

        private void refuseIfAbandoned() throws InterruptedException {
            if (abandoned) {
                throw new InterruptedException("the task passed its hard time limit; its worker slot went to another task");
            }
        }
    }

    /** One run of a task on its delivery's thread, which a time limit may interrupt or abandon. */
    private static final class Attempt {
        final Delivery delivery;
        final Thread thread = Thread.currentThread();
        private final Slot slot;
        private boolean ended;
        private boolean abandoned;
        private boolean softLimitReached;

        Attempt(Delivery delivery, Slot slot) {
            this.delivery = delivery;
            this.slot = slot;
        }

        synchronized void interruptSoftly() {
            if (!ended && !abandoned) {
                softLimitReached = true;
                LOG.warn("Task {} [{}] reached its soft time limit; interrupting thread {}", delivery.message().task(),
                        delivery.message().id(), thread.getName());
                thread.interrupt();
            }
        }

        synchronized boolean softLimitReached() {
            return softLimitReached;
        }

        /**
         * Called on the task's thread when the task is over; false when the hard limit abandoned it first. Clears the
         * soft limit's interrupt, so that storing the outcome is not cut short by it.
         */
        synchronized boolean end() {
            if (abandoned) {
                return false;
            }
            ended = true;
            if (softLimitReached) {
                Thread.interrupted();
            }
            return true;
        }

        /** Gives the task up at its hard limit; false when it ended first. */
        boolean abandon() {
            synchronized (this) {
                if (ended || abandoned) {
                    return false;
                }
                abandoned = true;
            }
            thread.interrupt();
            slot.abandon();
            return true;
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
