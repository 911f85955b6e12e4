package io.ovsworkers.core.internal;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskFailedException;
import io.ovsworkers.api.TaskState;
import java.time.Duration;

/** The already known outcome of an inline {@code apply}, as Celery's {@code EagerResult}. */
final class EagerResult implements AsyncResult {
    private final String id;
    private final TaskState state;
    private final Object value;
    private final TaskFailedException failure;

    private EagerResult(String id, TaskState state, Object value, TaskFailedException failure) {
        this.id = id;
        this.state = state;
        this.value = value;
        this.failure = failure;
    }

    static EagerResult success(String id, Object value) {
        return new EagerResult(id, TaskState.SUCCESS, value, null);
    }

    static EagerResult failure(String id, TaskFailedException failure) {
        return new EagerResult(id, TaskState.FAILURE, TaskFailures.celeryForm(failure), failure);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public TaskState state() {
        return state;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public boolean successful() {
        return state == TaskState.SUCCESS;
    }

    @Override
    public Object result() {
        return value;
    }

    @Override
    public Object get(Duration timeout) {
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    @Override
    public String toString() {
        return "EagerResult[" + id + ", " + state + "]";
    }
}
