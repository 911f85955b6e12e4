package io.ovsworkers.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the repository's own features/ folder, and small feature files written for the refusals. */
class FeatureCatalogTest {

    private static final Path SOURCE_FEATURES = Path.of(System.getProperty("ovs.features.source", "../features"));

    @TempDir
    Path dist;

    private Path writeFeature(String name, String json) throws IOException {
        Path features = Files.createDirectories(dist.resolve("features"));
        return Files.writeString(features.resolve(name + ".json"), json);
    }

    /** Puts an empty file where the distribution keeps the artifact. */
    private void provide(String group, String artifact, String version) throws IOException {
        Path dir = Files.createDirectories(dist.resolve("system").resolve(group.replace('.', '/'))
                .resolve(artifact).resolve(version));
        Files.createFile(dir.resolve(artifact + "-" + version + ".jar"));
    }

    private LaunchException bootFailure(FeatureCatalog catalog, String... names) {
        return assertThrows(LaunchException.class, () -> catalog.bundles(List.of(names), new Distribution(dist)));
    }

    @Test
    void theRepositoryFeaturesAllReadAndCoverTheDefaultSet() throws LaunchException {
        FeatureCatalog catalog = FeatureCatalog.load(SOURCE_FEATURES);
        assertEquals(Set.of("arakoon", "console", "core", "embedded", "examples", "rabbitmq", "shell"), catalog.names());
        assertTrue(catalog.names().containsAll(FeatureCatalog.DEFAULT_FEATURES));
    }

    @Test
    void bundlesComeOnceInStartOrderFromTheSystemFolder() throws Exception {
        writeFeature("base", """
                {"feature-resource-version": "1.0", "id": "t:base:1",
                 "bundles": [{"id": "t:late:1", "start-order": 3}, {"id": "t:early:2", "start-order": 1}]}
                """);
        writeFeature("extra", """
                {"feature-resource-version": "1.0", "id": "t:extra:1",
                 "bundles": [{"id": "t:early:2", "start-order": 1}, {"id": "t:middle:1", "start-order": 2}]}
                """);
        provide("t", "late", "1");
        provide("t", "early", "2");
        provide("t", "middle", "1");
        FeatureCatalog catalog = FeatureCatalog.load(dist.resolve("features"));

        List<FeatureArtifact> bundles = catalog.bundles(List.of("base", "extra"), new Distribution(dist));

        assertEquals(List.of("t:early:2", "t:middle:1", "t:late:1"),
                bundles.stream().map(bundle -> bundle.id().toString()).toList());
        assertEquals(List.of(1, 2, 3), bundles.stream().map(FeatureArtifact::startOrder).toList());
        assertEquals(dist.resolve("system/t/early/2/early-2.jar"), bundles.get(0).file());
        assertEquals("base", bundles.get(0).feature());
    }

    @Test
    void aMissingBundleNamesTheFeatureAndTheBundle() throws Exception {
        writeFeature("base", """
                {"feature-resource-version": "1.0", "id": "t:base:1", "bundles": [{"id": "t:gone:1", "start-order": 1}]}
                """);
        LaunchException e = bootFailure(FeatureCatalog.load(dist.resolve("features")), "base");
        assertEquals(ExitStatus.BOOT_FAILED, e.status());
        assertTrue(e.getMessage().startsWith("feature base: bundle t:gone:1 is missing from the distribution"),
                e.getMessage());
    }

    @Test
    void anUnknownFeatureIsAUsageErrorListingTheKnownOnes() throws Exception {
        writeFeature("base", """
                {"feature-resource-version": "1.0", "id": "t:base:1", "bundles": []}
                """);
        LaunchException e = bootFailure(FeatureCatalog.load(dist.resolve("features")), "base", "nope");
        assertEquals(ExitStatus.USAGE, e.status());
        assertEquals("unknown feature nope; the distribution has base", e.getMessage());
    }

    @Test
    void aBundleNeedsAStartOrder() throws Exception {
        writeFeature("base", """
                {"feature-resource-version": "1.0", "id": "t:base:1", "bundles": [{"id": "t:a:1"}]}
                """);
        provide("t", "a", "1");
        LaunchException e = bootFailure(FeatureCatalog.load(dist.resolve("features")), "base");
        assertEquals("feature base: bundle t:a:1 needs a \"start-order\" number of 1 or more, not null", e.getMessage());
    }

    @Test
    void refusesConfigurationsAndMismatchedIdsAndBadJson() throws Exception {
        Path features = dist.resolve("features");
        writeFeature("base", """
                {"feature-resource-version": "1.0", "id": "t:base:1", "bundles": [],
                 "configurations": {"some.pid": {"key": "value"}}}
                """);
        assertTrue(assertThrows(LaunchException.class, () -> FeatureCatalog.load(features)).getMessage()
                .startsWith("feature base declares configurations, variables or extensions"));

        writeFeature("base", """
                {"feature-resource-version": "1.0", "id": "t:other:1", "bundles": []}
                """);
        assertTrue(assertThrows(LaunchException.class, () -> FeatureCatalog.load(features)).getMessage()
                .endsWith("has the id t:other:1, whose artifact id should be base"));

        writeFeature("base", "{\"id\": ");
        assertTrue(assertThrows(LaunchException.class, () -> FeatureCatalog.load(features)).getMessage()
                .startsWith("cannot read feature " + features.resolve("base.json")));
    }

    @Test
    void bootFeaturesAlwaysHoldCoreAndTheShellWhereGogoIsUsed() {
        assertEquals(List.of("core", "embedded", "shell", "examples"),
                FeatureCatalog.bootFeatures(Mode.INTERACTIVE, Optional.empty()));
        assertEquals(List.of("core", "embedded", "shell", "examples"),
                FeatureCatalog.bootFeatures(Mode.SERVICE, Optional.empty()));
        assertEquals(List.of("core", "rabbitmq", "shell"),
                FeatureCatalog.bootFeatures(Mode.COMMANDS, Optional.of(List.of("rabbitmq"))));
        assertEquals(List.of("core", "arakoon"),
                FeatureCatalog.bootFeatures(Mode.SERVICE, Optional.of(List.of("arakoon", "core"))));
        assertEquals(List.of("core", "shell"),
                FeatureCatalog.bootFeatures(Mode.INTERACTIVE, Optional.of(List.of("console"))));
    }
}
