package io.ovsworkers.core.internal;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.TaskContext;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Interrupts the task's thread unless it has finished; returns whether it did. */
    synchronized boolean terminate() {
        if (finished) {
            return false;
        }
        terminated = true;
        thread.interrupt();
        return true;
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
