package io.ovsworkers.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures slf4j-simple, the one logging backend of the node: the launcher and every bundle log
 * through the slf4j API that the system bundle exports, and java.util.logging (FileInstall, JLine) is
 * bridged into it. On a console the node logs WARN and up to stderr, so command output stays clean.
 * As a service it logs INFO and up to {@code data/log/ovs.log}, appending; stderr goes there too, so
 * what bundles print there themselves (Declarative Services does) is kept with the rest.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final String OUR_BUNDLES = PREFIX + "log.io.ovsworkers";

    private Logging() {
    }

    /** Must run before the first logger is created: slf4j-simple reads these properties once. */
    static void configure(Mode mode, NodeHome home, boolean verbose) throws LaunchException {
        if (mode == Mode.SERVICE) {
            try {
                System.setErr(new PrintStream(new FileOutputStream(home.logFile().toFile(), true), true,
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot open the log " + home.logFile() + ": " + e, e);
            }
            System.setProperty(PREFIX + "defaultLogLevel", "info");
            System.setProperty(PREFIX + "showDateTime", "true");
            System.setProperty(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            if (verbose) {
                System.setProperty(OUR_BUNDLES, "debug");
            }
        } else {
            System.setProperty(PREFIX + "defaultLogLevel", "warn");
            System.setProperty(PREFIX + "showThreadName", "false");
            if (verbose) {
                System.setProperty(OUR_BUNDLES, "info");
            }
        }
        System.setProperty(PREFIX + "logFile", "System.err");
        System.setProperty(PREFIX + "showShortLogName", "true");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
