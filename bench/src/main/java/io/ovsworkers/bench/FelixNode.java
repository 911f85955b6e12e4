package io.ovsworkers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import io.ovsworkers.api.Tasks;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A Felix node booted from the built distribution for benchmarks. Unlike the launcher, the API packages come from
 * this class path (exported by the system bundle), so that a benchmark can hold the {@code Tasks} service with its own
 * classes and measure real bundle code.
 */
final class FelixNode implements AutoCloseable {
    private static final Pattern BUNDLE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+:[^\"]+:[^\"]+)\"\\s*,\\s*\"start-order\"");
    private static final String SLF4J = "org.slf4j;version=2.0.17,org.slf4j;version=1.7.36,org.slf4j.spi;version=2.0.17,"
            + "org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17";

    private final Framework framework;

    FelixNode(Path dist, Path storage, String... features) throws Exception {
        this(dist, storage, Set.of(), features);
    }

    /** A node without the bundles whose artifact ids {@code skipped} names, for example the core's own bundles. */
    FelixNode(Path dist, Path storage, Set<String> skipped, String... features) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", storage.toString());
        properties.put("org.osgi.framework.storage.clean", "onFirstInit");
        properties.put("org.osgi.framework.system.packages.extra", apiExports() + "," + SLF4J);
        properties.put("ovs.data.dir", storage.resolveSibling(storage.getFileName() + "-data").toString());
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("felix.fileinstall.")) {
                properties.put(key, System.getProperty(key));
            }
        }
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(properties);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        for (String feature : features) {
            for (String id : bundleIds(dist.resolve("features").resolve(feature + ".json"))) {
                if (!id.startsWith("io.ovsworkers:io.ovsworkers.api:") && !skipped.contains(id.split(":")[1])) {
                    installed.add(framework.getBundleContext().installBundle(jar(dist, id).toUri().toString()));
                }
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get("Fragment-Host") == null) {
                bundle.start();
            }
        }
    }

    /** The API bundle's own Export-Package header, so that the class path's API stands in for it at its versions. */
    private static String apiExports() throws IOException {
        java.util.Enumeration<java.net.URL> manifests = Tasks.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            try (var in = manifests.nextElement().openStream()) {
                java.util.jar.Attributes main = new java.util.jar.Manifest(in).getMainAttributes();
                if ("io.ovsworkers.api".equals(main.getValue("Bundle-SymbolicName"))) {
                    return main.getValue("Export-Package");
                }
            }
        }
        throw new IllegalStateException("io.ovsworkers.api is not on the class path");
    }

    <T> T service(Class<T> type, long timeoutMillis) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(framework.getBundleContext(), type, null);
        tracker.open();
        T service = tracker.waitForService(timeoutMillis);
        if (service == null) {
            throw new IllegalStateException("No " + type.getName() + " service after " + timeoutMillis + " ms");
        }
        return service;
    }

    private static List<String> bundleIds(Path feature) throws IOException {
        List<String> ids = new ArrayList<>();
        Matcher matcher = BUNDLE_ID.matcher(Files.readString(feature));
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static Path jar(Path dist, String id) {
        String[] gav = id.split(":");
        return dist.resolve("system").resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]).resolve(gav[1] + "-" + gav[2] + ".jar");
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(30_000);
    }
}
