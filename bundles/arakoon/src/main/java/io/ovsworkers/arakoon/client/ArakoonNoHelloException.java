package io.ovsworkers.arakoon.client;

/** Result code 0x03 NO_HELLO: defined by the protocol, not sent by a 1.9 server. */
public class ArakoonNoHelloException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonNoHelloException(byte[] serverMessage) {
        super(0x03, serverMessage);
    }
}
