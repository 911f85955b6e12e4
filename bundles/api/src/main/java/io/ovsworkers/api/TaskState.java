package io.ovsworkers.api;

/** Celery's task states. */
public enum TaskState {
    PENDING(false),
    RECEIVED(false),
    STARTED(false),
    RETRY(false),
    SUCCESS(true),
    FAILURE(true),
    REVOKED(true);

    private final boolean ready;

    TaskState(boolean ready) {
        this.ready = ready;
    }

    /** Whether the state is final. */
    public boolean ready() {
        return ready;
    }
}
