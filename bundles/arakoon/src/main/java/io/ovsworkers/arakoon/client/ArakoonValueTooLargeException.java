package io.ovsworkers.arakoon.client;

/**
 * Refused before sending: a value at or above the cluster's value size limit (8 MiB by default), or a sequence
 * above its buffer limit (32 MiB by default). The server would answer the first with 0xff and drop the connection.
 */
public class ArakoonValueTooLargeException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    public ArakoonValueTooLargeException(String message) {
        super(message);
    }
}
