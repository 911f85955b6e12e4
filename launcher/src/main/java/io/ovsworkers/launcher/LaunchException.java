package io.ovsworkers.launcher;

/** A failure the launcher reports as one line on stderr before it exits with {@link #status()}. */
final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitStatus status;

    LaunchException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    LaunchException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    ExitStatus status() {
        return status;
    }
}
