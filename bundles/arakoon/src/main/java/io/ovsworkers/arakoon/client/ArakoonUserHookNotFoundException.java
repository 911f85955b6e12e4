package io.ovsworkers.arakoon.client;

/** Result code 0x82 USERHOOK_NOT_FOUND: a user hook of that name is not registered. */
public class ArakoonUserHookNotFoundException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonUserHookNotFoundException(byte[] serverMessage) {
        super(0x82, serverMessage);
    }
}
