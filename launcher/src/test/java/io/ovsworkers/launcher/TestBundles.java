package io.ovsworkers.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes bundles that hold nothing but a manifest. */
final class TestBundles {

    private TestBundles() {
    }

    /**
     * @param extraHeaders headers beside the symbolic name, version and name, e.g. an Import-Package
     * @return {@code jar}
     */
    static Path write(Path jar, String symbolicName, Map<String, String> extraHeaders) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Bundle-ManifestVersion", "2");
        attributes.putValue("Bundle-SymbolicName", symbolicName);
        attributes.putValue("Bundle-Name", "Deployed " + symbolicName);
        attributes.putValue("Bundle-Version", "1.0.0");
        extraHeaders.forEach(attributes::putValue);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }
}
