package io.ovsworkers.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureService;

/**
 * The OSGi R8 features of a distribution, one {@code <name>.json} per feature with the id
 * {@code <group>:<name>:<version>}, read with the Feature Service found on the launcher's class path.
 * Configuration belongs in the node's {@code config/} folder, so a feature that declares
 * configurations, variables or extensions is refused rather than half applied.
 */
final class FeatureCatalog {

    static final String CORE = "core";
    static final String SHELL = "shell";
    static final String CONSOLE = "console";
    static final List<String> DEFAULT_FEATURES = List.of(CORE, "embedded", SHELL, "examples");

    private static final String START_ORDER = "start-order";

    private final Map<String, Feature> features;

    private FeatureCatalog(Map<String, Feature> features) {
        this.features = features;
    }

    /** Reads every {@code *.json} of {@code dir}. */
    static FeatureCatalog load(Path dir) throws LaunchException {
        FeatureService service = ServiceLoader.load(FeatureService.class, FeatureCatalog.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new LaunchException(ExitStatus.BOOT_FAILED,
                        "no OSGi Feature Service implementation on the launcher's class path"));
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot list the features in " + dir + ": " + e, e);
        }
        Map<String, Feature> features = new TreeMap<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - ".json".length());
            features.put(name, read(service, file, name));
        }
        return new FeatureCatalog(features);
    }

    private static Feature read(FeatureService service, Path file, String name) throws LaunchException {
        Feature feature;
        try (Reader reader = Files.newBufferedReader(file)) {
            feature = service.readFeature(reader);
        } catch (IOException | RuntimeException e) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "cannot read feature " + file + ": " + e, e);
        }
        if (!feature.getID().getArtifactId().equals(name)) {
            throw new LaunchException(ExitStatus.BOOT_FAILED,
                    "feature " + file + " has the id " + feature.getID() + ", whose artifact id should be " + name);
        }
        if (!feature.getConfigurations().isEmpty() || !feature.getVariables().isEmpty()
                || !feature.getExtensions().isEmpty()) {
            throw new LaunchException(ExitStatus.BOOT_FAILED, "feature " + name
                    + " declares configurations, variables or extensions, which this launcher does not apply:"
                    + " put configuration in the node's config/ folder, one <pid>.cfg per PID");
        }
        return feature;
    }

    /** The feature names, sorted. */
    Set<String> names() {
        return features.keySet();
    }

    /**
     * The features a node boots before it is ready: {@code requested} (or the default set), always
     * {@code core}, and {@code shell} where Gogo is needed. The console comes later, see
     * {@link #CONSOLE}.
     */
    static List<String> bootFeatures(Mode mode, Optional<List<String>> requested) {
        Set<String> names = new LinkedHashSet<>();
        names.add(CORE);
        names.addAll(requested.orElse(DEFAULT_FEATURES));
        if (mode != Mode.SERVICE) {
            names.add(SHELL);
        }
        names.remove(CONSOLE);
        return List.copyOf(names);
    }

    /**
     * The bundles of the named features, each once, ordered by start order (then by feature and listing
     * order), each resolved to its file in the distribution.
     *
     * @throws LaunchException naming the feature when it is unknown, and the feature and bundle when a
     *     bundle has no valid start order or is missing from the distribution
     */
    List<FeatureArtifact> bundles(List<String> names, Distribution distribution) throws LaunchException {
        Map<String, FeatureArtifact> bundles = new LinkedHashMap<>();
        for (String name : names) {
            Feature feature = features.get(name);
            if (feature == null) {
                throw new LaunchException(ExitStatus.USAGE,
                        "unknown feature " + name + "; the distribution has " + String.join(", ", names()));
            }
            for (FeatureBundle bundle : feature.getBundles()) {
                Path file = distribution.artifact(bundle.getID());
                if (!Files.isRegularFile(file)) {
                    throw new LaunchException(ExitStatus.BOOT_FAILED, "feature " + name + ": bundle "
                            + bundle.getID() + " is missing from the distribution (expected " + file + ")");
                }
                bundles.putIfAbsent(bundle.getID().toString(),
                        new FeatureArtifact(name, bundle.getID(), startOrder(name, bundle), file));
            }
        }
        List<FeatureArtifact> ordered = new ArrayList<>(bundles.values());
        ordered.sort(Comparator.comparingInt(FeatureArtifact::startOrder));
        return ordered;
    }

    private static int startOrder(String feature, FeatureBundle bundle) throws LaunchException {
        Object value = bundle.getMetadata().get(START_ORDER);
        if (value instanceof Number number && number.intValue() >= 1) {
            return number.intValue();
        }
        throw new LaunchException(ExitStatus.BOOT_FAILED, "feature " + feature + ": bundle " + bundle.getID()
                + " needs a \"" + START_ORDER + "\" number of 1 or more, not " + value);
    }
}
