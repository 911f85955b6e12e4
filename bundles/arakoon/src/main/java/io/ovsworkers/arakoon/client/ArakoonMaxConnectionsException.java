package io.ovsworkers.arakoon.client;

/** Result code 0xfe MAX_CONNECTIONS: the node has too many clients and refused this connection. */
public class ArakoonMaxConnectionsException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonMaxConnectionsException(byte[] serverMessage) {
        super(0xfe, serverMessage);
    }
}
