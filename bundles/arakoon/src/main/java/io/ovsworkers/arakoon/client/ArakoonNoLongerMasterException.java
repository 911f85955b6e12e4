package io.ovsworkers.arakoon.client;

/** Result code 0x21 NO_LONGER_MASTER: the master lost its role while the update was in flight; its outcome is unknown. */
public class ArakoonNoLongerMasterException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonNoLongerMasterException(byte[] serverMessage) {
        super(0x21, serverMessage);
    }
}
