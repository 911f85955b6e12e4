package io.ovsworkers.arakoon.client;

/** Result code 0x80 INCONSISTENT_READ: an at-least read reached a node whose store is older than the txid asked for. */
public class ArakoonInconsistentReadException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonInconsistentReadException(byte[] serverMessage) {
        super(0x80, serverMessage);
    }
}
