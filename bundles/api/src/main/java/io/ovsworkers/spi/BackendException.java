package io.ovsworkers.spi;

import io.ovsworkers.api.OvsWorkersException;

/** A backend (broker, store, result backend) could not do what was asked. */
public class BackendException extends OvsWorkersException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
