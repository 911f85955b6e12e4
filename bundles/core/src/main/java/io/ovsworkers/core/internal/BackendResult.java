package io.ovsworkers.core.internal;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.OvsWorkersException;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The result of an asynchronous call, read from whichever result backend serves when asked. */
final class BackendResult implements AsyncResult {
    private final String id;
    private final String taskName;
    private final Supplier<ResultBackend> backend;

    BackendResult(String id, String taskName, Supplier<ResultBackend> backend) {
        this.id = id;
        this.taskName = taskName;
        this.backend = backend;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TaskState state() {
        return current().state();
    }

    @Override
    public boolean ready() {
        return state().ready();
    }

    @Override
    public boolean successful() {
        return state() == TaskState.SUCCESS;
    }

    @Override
    public Object result() {
        return current().result();
    }

    @Override
    public Object get(Duration timeout) throws TimeoutException {
        TaskResult outcome;
        try {
            outcome = requireBackend().await(id, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsWorkersException("Interrupted while waiting for the result of " + taskName + " (" + id + ")", e);
        }
        return switch (outcome.state()) {
            case SUCCESS -> outcome.result();
            case FAILURE, REVOKED -> throw TaskFailures.fromCeleryForm(taskName, outcome.result());
            default -> throw new TimeoutException("Task " + taskName + " (" + id + ") is still " + outcome.state() + " after " + timeout);
        };
    }

    private TaskResult current() {
        ResultBackend results = backend.get();
        return results == null ? TaskResult.pending(id) : results.get(id).orElseGet(() -> TaskResult.pending(id));
    }

    private ResultBackend requireBackend() {
        ResultBackend results = backend.get();
        if (results == null) {
            throw new OvsWorkersException("No result backend is available on this node to wait for " + taskName + " (" + id + ")");
        }
        return results;
    }

    @Override
    public String toString() {
        return "AsyncResult[" + id + "]";
    }
}
