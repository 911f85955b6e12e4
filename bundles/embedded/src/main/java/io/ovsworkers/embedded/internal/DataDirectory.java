package io.ovsworkers.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Where the embedded files live: {@code <dataDir>/embedded}, created when missing. */
final class DataDirectory {

    /** Framework property the launcher sets to {@code <home>/data}. */
    static final String FRAMEWORK_PROPERTY = "ovs.data.dir";

    private static final String FALLBACK = "data";
    private static final String SUBFOLDER = "embedded";

    private DataDirectory() {
    }

    /**
     * The writable folder for the embedded files.
     *
     * @param configured the configured {@code dataDir}, empty when not set
     * @param frameworkProperty the value of {@value #FRAMEWORK_PROPERTY}, or null
     * @throws IllegalArgumentException naming the PID and key when the folder cannot be created or written
     */
    static Path embeddedFolder(String configured, String frameworkProperty) {
        String source;
        String dataDir;
        if (!configured.isBlank()) {
            source = "";
            dataDir = configured;
        } else if (frameworkProperty != null && !frameworkProperty.isBlank()) {
            source = " (from framework property " + FRAMEWORK_PROPERTY + ")";
            dataDir = frameworkProperty;
        } else {
            source = " (default)";
            dataDir = FALLBACK;
        }
        try {
            Path folder = Path.of(dataDir).resolve(SUBFOLDER).toAbsolutePath();
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw refused(dataDir, source, folder + " is not writable");
            }
            return folder;
        } catch (IOException | InvalidPathException e) {
            throw refused(dataDir, source, e.toString());
        }
    }

    private static IllegalArgumentException refused(String dataDir, String source, String reason) {
        return new IllegalArgumentException("Configuration " + EmbeddedConfig.PID + ": dataDir '" + dataDir + "'"
                + source + " is not a usable data folder: " + reason);
    }
}
