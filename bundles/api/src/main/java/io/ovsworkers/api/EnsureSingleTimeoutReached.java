package io.ovsworkers.api;

/** A DEDUPED or CHAINED call could not start within its timeout; the text is the original's. */
public class EnsureSingleTimeoutReached extends OvsWorkersException {
    private static final long serialVersionUID = 1L;

    public EnsureSingleTimeoutReached(String prefix, String taskName, long timeoutSeconds) {
        super(text(prefix, taskName, Long.toString(timeoutSeconds)));
    }

    /**
     * For a fractional timeout, such as a caller's {@code ensure_single_timeout=0.1}; the number reads as Python
     * prints a float ({@code 0.1}, {@code 10.0}).
     */
    public EnsureSingleTimeoutReached(String prefix, String taskName, double timeoutSeconds) {
        super(text(prefix, taskName, Double.toString(timeoutSeconds)));
    }

    private static String text(String prefix, String taskName, String timeout) {
        return prefix + " - Task " + taskName + " could not be started within timeout of " + timeout + "s";
    }
}
