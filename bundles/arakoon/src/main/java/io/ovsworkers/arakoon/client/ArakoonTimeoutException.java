package io.ovsworkers.arakoon.client;

/** No reply came within the request timeout; the connection was dropped. A write may still take effect later. */
public class ArakoonTimeoutException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    public ArakoonTimeoutException(String message) {
        super(message);
    }
}
