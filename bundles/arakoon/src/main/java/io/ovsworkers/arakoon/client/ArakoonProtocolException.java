package io.ovsworkers.arakoon.client;

/** A reply did not follow the protocol; the connection that carried it is dropped. */
public class ArakoonProtocolException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    public ArakoonProtocolException(String message) {
        super(message);
    }
}
