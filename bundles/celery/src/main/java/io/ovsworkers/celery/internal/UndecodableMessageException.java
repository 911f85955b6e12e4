package io.ovsworkers.celery.internal;

/**
 * A message that is not a Celery task message this node may read: not JSON, or JSON of the wrong shape. Its body
 * was never deserialized beyond what JSON parsing needs to find out.
 */
public final class UndecodableMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UndecodableMessageException(String reason) {
        super(reason);
    }

    public UndecodableMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Why the message was refused, fit for the dead-letter reason header. */
    public String reason() {
        return getMessage();
    }
}
