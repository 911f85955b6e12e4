package io.ovsworkers.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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

    Path lockFile() {
        return data().resolve("ovs.lock");
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

    /**
     * Takes the home for this process: a second node on the same home would wipe the first one's
     * framework cache. Closing the lock (or the process ending) lets the home go.
     *
     * @throws LaunchException when another process holds the home
     */
    FileLock lock() throws LaunchException {
        try {
            FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            channel.close();
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot lock " + lockFile() + ": " + e, e);
        }
        throw new LaunchException(ExitStatus.BOOT_FAILED,
                "another node runs in " + root + " (it holds " + lockFile() + ")");
    }
}
