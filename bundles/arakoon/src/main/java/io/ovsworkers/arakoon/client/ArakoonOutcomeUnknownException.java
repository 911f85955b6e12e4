package io.ovsworkers.arakoon.client;

/**
 * A write that is not idempotent was sent, but no answer came (timeout, broken connection, node going down, master
 * lost). It may or may not have been applied, and it was not retried. Read the state back before acting on it.
 */
public class ArakoonOutcomeUnknownException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    public ArakoonOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
