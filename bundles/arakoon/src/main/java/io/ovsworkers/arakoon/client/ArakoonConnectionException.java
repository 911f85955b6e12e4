package io.ovsworkers.arakoon.client;

/** A node could not be reached, or its connection broke or closed. */
public class ArakoonConnectionException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    private final boolean requestSent;

    public ArakoonConnectionException(String message, boolean requestSent, Throwable cause) {
        super(message, cause);
        this.requestSent = requestSent;
    }

    /** Whether the request may have reached the server before the failure (so a write may have taken effect). */
    public boolean requestSent() {
        return requestSent;
    }
}
