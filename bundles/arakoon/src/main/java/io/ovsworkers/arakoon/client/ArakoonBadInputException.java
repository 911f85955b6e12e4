package io.ovsworkers.arakoon.client;

/** Result code 0x26 BAD_INPUT: an unknown user function, or an update larger than the server's buffer limit. Nothing was applied. */
public class ArakoonBadInputException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonBadInputException(byte[] serverMessage) {
        super(0x26, serverMessage);
    }
}
