package io.ovsworkers.arakoon.client;

/** Result code 0x20 NOT_SUPPORTED: the operation is not allowed on this node. */
public class ArakoonNotSupportedException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonNotSupportedException(byte[] serverMessage) {
        super(0x20, serverMessage);
    }
}
