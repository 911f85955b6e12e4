package io.ovsworkers.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's folders: {@code config/} (configuration files, watched), {@code deploy/} (plugin jars,
 * watched) and {@code data/} (framework cache, logs, state kept by bundles).
 */
record NodeHome(Path root) {

    Path config() {
        return root.resolve("config");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path data() {
        return root.resolve("data");
    }

    Path frameworkCache() {
        return data().resolve("felix-cache");
    }

    Path logFile() {
        return data().resolve("log").resolve("ovs.log");
    }

    /** Creates the folders that are missing. */
    void prepare() throws LaunchException {
        if (root.toString().contains(",")) {
            // FileInstall takes its watched folders as one comma-separated framework property
            throw new LaunchException(ExitStatus.USAGE, "the node home must not contain ',': " + root);
        }
        try {
            Files.createDirectories(config());
            Files.createDirectories(deploy());
            Files.createDirectories(logFile().getParent());
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot prepare the node home " + root + ": " + e, e);
        }
    }
}
