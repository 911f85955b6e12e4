package io.ovsworkers.arakoon.client;

/** Result code 0x81 USERFUNCTION_FAILURE: a user function raised an error. */
public class ArakoonUserFunctionFailureException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonUserFunctionFailureException(byte[] serverMessage) {
        super(0x81, serverMessage);
    }
}
