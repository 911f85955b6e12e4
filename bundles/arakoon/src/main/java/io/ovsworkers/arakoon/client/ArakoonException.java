package io.ovsworkers.arakoon.client;

/** An Arakoon operation failed. Subclasses say how: a result code from the server, or trouble reaching it. */
public class ArakoonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArakoonException(String message) {
        super(message);
    }

    public ArakoonException(String message, Throwable cause) {
        super(message, cause);
    }
}
