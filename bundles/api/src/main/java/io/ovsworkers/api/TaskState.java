package io.ovsworkers.api;

/** Celery's task states, and PROGRESS: the custom state by which a running task reports progress ({@code update_state}). */
public enum TaskState {
    PENDING(false),
    RECEIVED(false),
    STARTED(false),
    RETRY(false),
    PROGRESS(false),
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
