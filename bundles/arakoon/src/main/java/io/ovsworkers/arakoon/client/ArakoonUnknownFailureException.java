package io.ovsworkers.arakoon.client;

/** Result code 0xff UNKNOWN_FAILURE: anything else, such as a value at or above the size limit or a wrong cluster id in PING. */
public class ArakoonUnknownFailureException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonUnknownFailureException(byte[] serverMessage) {
        super(0xff, serverMessage);
    }
}
