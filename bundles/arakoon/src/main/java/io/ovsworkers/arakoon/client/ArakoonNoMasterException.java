package io.ovsworkers.arakoon.client;

/** No node confirmed itself as master within the failover deadline. */
public class ArakoonNoMasterException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    public ArakoonNoMasterException(String message, Throwable cause) {
        super(message, cause);
    }
}
