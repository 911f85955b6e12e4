package io.ovsworkers.core.internal;

/** A declared task that cannot be registered, with the reason. */
final class InvalidTaskDefinition extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidTaskDefinition(String reason) {
        super(reason, null, false, false);
    }
}
