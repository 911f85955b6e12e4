package io.ovsworkers.arakoon.client;

/** Result code 0x06 WRONG_CLUSTER: defined by the protocol; a 1.9 server answers a wrong cluster id with 0xff instead. */
public class ArakoonWrongClusterException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonWrongClusterException(byte[] serverMessage) {
        super(0x06, serverMessage);
    }
}
