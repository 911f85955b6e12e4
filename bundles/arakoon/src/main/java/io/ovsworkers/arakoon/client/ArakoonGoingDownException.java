package io.ovsworkers.arakoon.client;

/** Result code 0x10 GOING_DOWN: the node is shutting down. A write's outcome is unknown. */
public class ArakoonGoingDownException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonGoingDownException(byte[] serverMessage) {
        super(0x10, serverMessage);
    }
}
