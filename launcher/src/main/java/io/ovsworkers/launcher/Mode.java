package io.ovsworkers.launcher;

/** How the node talks to its operator. */
enum Mode {
    /** The Gogo console on the terminal; leaving the shell stops the node. */
    INTERACTIVE,
    /** {@code -c}: boot, run the commands, stop. */
    COMMANDS,
    /** {@code --no-console}: run until SIGTERM/SIGINT, log to a file. */
    SERVICE
}
