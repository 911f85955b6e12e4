package io.ovsworkers.launcher;

/** The launcher's process exit codes. */
enum ExitStatus {
    OK(0),
    /** {@code -c}: at least one command failed. */
    COMMAND_FAILED(1),
    /** Bad command line. */
    USAGE(2),
    /** The node could not boot or did not become ready. */
    BOOT_FAILED(3);

    final int code;

    ExitStatus(int code) {
        this.code = code;
    }
}
