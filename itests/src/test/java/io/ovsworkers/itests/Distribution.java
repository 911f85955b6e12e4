package io.ovsworkers.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * Provisions Pax Exam with the real features: each bundle a feature file names, taken from the built distribution's
 * {@code system/} folder, exactly as the launcher installs them.
 */
final class Distribution {
    static final Path DIST = Path.of(System.getProperty("ovs.dist", "../launcher/target/ovs"));
    static final Path FEATURES = Path.of(System.getProperty("ovs.features", "../features"));
    static final Path WORK = Path.of(System.getProperty("ovs.test.work", "target/itest-work"));

    private Distribution() {
    }

    /** The framework, logging and test plumbing every in-framework test needs, plus the given features' bundles. */
    static Option[] withFeatures(String dataDirectory, String... features) {
        List<Option> options = new ArrayList<>();
        options.add(systemPackages("org.slf4j;version=2.0.17", "org.slf4j;version=1.7.36", "org.slf4j.spi;version=2.0.17",
                "org.slf4j.event;version=2.0.17", "org.slf4j.helpers;version=2.0.17"));
        options.add(frameworkProperty("ovs.data.dir").value(WORK.resolve(dataDirectory).toAbsolutePath().toString()));
        options.add(junitBundles());
        for (String feature : features) {
            for (Path jar : bundlesOf(feature)) {
                options.add(bundle(jar.toUri().toString()).start());
            }
        }
        return options.toArray(Option[]::new);
    }

    /** The jar files of one feature, in the order the feature lists them. */
    static List<Path> bundlesOf(String feature) {
        try {
            JsonNode json = new ObjectMapper().readTree(FEATURES.resolve(feature + ".json").toFile());
            List<Path> jars = new ArrayList<>();
            for (JsonNode bundle : json.get("bundles")) {
                String[] gav = bundle.get("id").asText().split(":");
                Path jar = DIST.resolve("system").resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                        .resolve(gav[1] + "-" + gav[2] + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("Feature " + feature + " names " + bundle.get("id").asText()
                            + " but the distribution has no " + jar + "; build it with mvn install");
                }
                jars.add(jar);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read feature " + feature + " from " + FEATURES, e);
        }
    }

    /** The jar of one of our bundles in the distribution. */
    static Path ourBundle(String artifactId) {
        Path folder = DIST.resolve("system/io/ovsworkers").resolve(artifactId);
        try (var versions = Files.list(folder)) {
            Path version = versions.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The distribution has no " + artifactId + " in " + folder));
            return version.resolve(artifactId + "-" + version.getFileName() + ".jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
