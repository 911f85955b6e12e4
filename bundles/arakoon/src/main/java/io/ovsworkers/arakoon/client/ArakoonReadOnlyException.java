package io.ovsworkers.arakoon.client;

/** Result code 0x08 READ_ONLY: a write to a read-only cluster. */
public class ArakoonReadOnlyException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonReadOnlyException(byte[] serverMessage) {
        super(0x08, serverMessage);
    }
}
