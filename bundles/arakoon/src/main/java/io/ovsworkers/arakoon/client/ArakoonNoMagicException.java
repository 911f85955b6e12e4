package io.ovsworkers.arakoon.client;

/** Result code 0x01 NO_MAGIC: a command word lacked the magic. The server sends no message with it and closes the connection. */
public class ArakoonNoMagicException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonNoMagicException(byte[] serverMessage) {
        super(0x01, serverMessage);
    }
}
