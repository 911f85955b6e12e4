package io.ovsworkers.api;

/** A DEDUPED or CHAINED call could not start within its timeout; the text is the original's. */
public class EnsureSingleTimeoutReached extends OvsWorkersException {
    private static final long serialVersionUID = 1L;

    public EnsureSingleTimeoutReached(String prefix, String taskName, long timeoutSeconds) {
        super(prefix + " - Task " + taskName + " could not be started within timeout of " + timeoutSeconds + "s");
    }
}
