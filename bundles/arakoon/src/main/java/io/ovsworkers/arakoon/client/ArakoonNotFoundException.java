package io.ovsworkers.arakoon.client;

/** Result code 0x05 NOT_FOUND: a key that must exist does not; the message is "Not_found" (GET) or the key. */
public class ArakoonNotFoundException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonNotFoundException(byte[] serverMessage) {
        super(0x05, serverMessage);
    }
}
