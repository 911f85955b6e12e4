package io.ovsworkers.core.internal;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.TaskContext;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A task running on a worker thread: what {@code active} shows, what terminate interrupts, what the task sees of itself. */
final class RunningTask implements TaskContext {
    final ActiveTask info;
    final long startNanos = System.nanoTime();
    private final TaskMessage message;
    private final String worker;
    private final Supplier<ResultBackend> results;
    private final Thread thread = Thread.currentThread();
    private final TaskContext.Binding binding;
    private boolean finished;
    private boolean terminated;
    /** How deep the thread is in the plugin's own code (a task may call another inline); only there is it interrupted. */
    private int pluginDepth;

    RunningTask(ActiveTask info, TaskMessage message, String worker, Supplier<ResultBackend> results) {
        this.info = info;
        this.message = message;
        this.worker = worker;
        this.results = results;
        this.binding = TaskContext.bind(this);
    }

    @Override
    public String taskId() {
        return info.id();
    }

    @Override
    public String taskName() {
        return info.name();
    }

    @Override
    public void updateState(String state, Map<String, Object> meta) {
        TaskState parsed;
        try {
            parsed = TaskState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown task state '" + state + "'; a running task may report PROGRESS, STARTED or RETRY", e);
        }
        if (parsed.ready() || parsed == TaskState.PENDING) {
            throw new IllegalArgumentException("A running task cannot report state " + state + "; the worker records its outcome");
        }
        ResultBackend backend = results.get();
        if (backend == null) {
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", message.task());
        extra.put("args", message.args());
        extra.put("kwargs", message.kwargs());
        extra.put("worker", worker);
        extra.put("retries", message.retries());
        if (message.replyTo() != null) {
            extra.put("reply_to", message.replyTo());
        }
        backend.store(new TaskResult(message.id(), parsed, Json.toJsonShape(meta), null, null, extra));
    }

    /** The running task of the current thread, when a worker runs one here. */
    static Optional<RunningTask> onThisThread() {
        return TaskContext.current().filter(RunningTask.class::isInstance).map(RunningTask.class::cast);
    }

    /**
     * Terminates the task unless it has finished: interrupts its thread now if it runs the plugin's code, or as soon as
     * it enters it. The worker's own backend calls are never interrupted, because an interrupt closes the channel an
     * NIO write or read is on (the embedded store's file, for every user). Returns whether the task was still running.
     */
    synchronized boolean terminate() {
        if (finished) {
            return false;
        }
        terminated = true;
        if (pluginDepth > 0) {
            thread.interrupt();
        }
        return true;
    }

    /** The thread enters the plugin's code; a task terminated before is interrupted now. */
    synchronized void enterPluginCode() {
        pluginDepth++;
        if (terminated && !finished) {
            thread.interrupt();
        }
    }

    /** The thread leaves the plugin's code. */
    synchronized void leavePluginCode() {
        pluginDepth--;
    }

    /** Marks the task finished, so that it is no longer interrupted; returns whether it was terminated. */
    synchronized boolean finish() {
        finished = true;
        if (terminated) {
            Thread.interrupted();
        }
        return terminated;
    }

    /** Drops the task's binding to its thread. */
    void unbind() {
        binding.close();
    }
}
