package io.ovsworkers.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.feature.ID;

/**
 * The built distribution: {@code lib/} (the launcher's class path), {@code system/} (the bundles, in
 * Maven repository layout) and {@code features/} (the feature files).
 */
record Distribution(Path root) {

    /** The distribution this launcher runs from: the parent of the {@code lib/} folder holding its jar. */
    static Distribution ofRunningLauncher() throws LaunchException {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot locate the launcher jar: " + e, e);
        }
        Path lib = jar.getParent();
        if (!Files.isRegularFile(jar) || lib == null || !lib.getFileName().toString().equals("lib")) {
            throw new LaunchException(ExitStatus.BOOT_FAILED,
                    "the launcher must run from a distribution's lib/ folder, not from " + jar);
        }
        return new Distribution(lib.getParent());
    }

    Path system() {
        return root.resolve("system");
    }

    Path features() {
        return root.resolve("features");
    }

    /** Where {@code id} lies in {@code system/}: {@code group/as/path/artifact/version/artifact-version[-classifier].type}. */
    Path artifact(ID id) {
        String file = id.getArtifactId() + "-" + id.getVersion()
                + id.getClassifier().map(classifier -> "-" + classifier).orElse("")
                + "." + id.getType().orElse("jar");
        return system().resolve(id.getGroupId().replace('.', '/'))
                .resolve(id.getArtifactId()).resolve(id.getVersion()).resolve(file);
    }
}
