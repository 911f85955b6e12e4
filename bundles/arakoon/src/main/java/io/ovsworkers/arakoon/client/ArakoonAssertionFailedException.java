package io.ovsworkers.arakoon.client;

/** Result code 0x07 ASSERTION_FAILED: an assert (alone or as a sequence step) did not hold; nothing was applied. */
public class ArakoonAssertionFailedException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonAssertionFailedException(byte[] serverMessage) {
        super(0x07, serverMessage);
    }
}
