package io.ovsworkers.api;

/** Base of every exception OVS Workers raises to callers. */
public class OvsWorkersException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OvsWorkersException(String message) {
        super(message);
    }

    public OvsWorkersException(String message, Throwable cause) {
        super(message, cause);
    }
}
