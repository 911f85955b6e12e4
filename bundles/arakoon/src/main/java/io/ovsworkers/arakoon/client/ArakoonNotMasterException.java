package io.ovsworkers.arakoon.client;

import java.util.Optional;

/**
 * Result code 0x04 NOT_MASTER: a write or a consistent read reached a node that is not master. The server closes the
 * connection; the request was not executed.
 */
public class ArakoonNotMasterException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonNotMasterException(byte[] serverMessage) {
        super(0x04, serverMessage);
    }

    /** The master the refusing node believes in, if it names one (it sends "None" when it knows none). */
    public Optional<String> believedMaster() {
        String name = serverMessageText();
        return name.isEmpty() || name.equals("None") ? Optional.empty() : Optional.of(name);
    }
}
