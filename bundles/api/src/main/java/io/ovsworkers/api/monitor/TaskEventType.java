package io.ovsworkers.api.monitor;

/** The task events of Celery, as a worker or a client emits them. */
public enum TaskEventType {
    SENT("task-sent"),
    RECEIVED("task-received"),
    STARTED("task-started"),
    SUCCEEDED("task-succeeded"),
    FAILED("task-failed"),
    RETRIED("task-retried"),
    REVOKED("task-revoked");

    private final String celeryType;

    TaskEventType(String celeryType) {
        this.celeryType = celeryType;
    }

    /** Celery's name of the event, e.g. {@code task-succeeded}. */
    public String celeryType() {
        return celeryType;
    }
}
