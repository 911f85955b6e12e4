package io.ovsworkers.launcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Constants;

/** The framework configuration of a node. */
final class FrameworkProperties {

    /** The node home, for bundles and for {@code ${ovs.home}} in configuration files. */
    static final String HOME = "ovs.home";
    /** Where bundles keep their state. */
    static final String DATA_DIR = "ovs.data.dir";

    /**
     * slf4j lives on the launcher's class path, so every bundle shares its one backend; 1.7.36 is the
     * second version slf4j-api 2 exports as a bundle, which importers of {@code [1.7,2)} need.
     */
    private static final String SLF4J_PACKAGES = "org.slf4j;version=2.0.17,org.slf4j;version=1.7.36,"
            + "org.slf4j.spi;version=2.0.17,org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17";

    private FrameworkProperties() {
    }

    /**
     * @param features the booted features, published as {@code ovs.features}
     * @param startLevel the framework's beginning start level: the highest start order to start
     */
    static Map<String, Object> of(NodeHome home, List<String> features, int startLevel) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, home.frameworkCache().toString());
        // every launch installs the distribution afresh, so a rebuilt bundle always takes effect
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(startLevel));
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SLF4J_PACKAGES);
        properties.put("felix.log.logger", new FelixLogBridge());
        properties.put("felix.log.level", "3");
        properties.put(HOME, home.root().toString());
        properties.put(DATA_DIR, home.data().toString());
        properties.put(LaunchOptions.FEATURES_PROPERTY, String.join(",", features));

        // FileInstall: one watcher per folder of the comma-separated list, all with these settings
        properties.put("felix.fileinstall.dir", home.config() + "," + home.deploy());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|config|jar)");
        properties.put("felix.fileinstall.poll", "100");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        // the files in config/ are the operator's: never write configuration changes back into them
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.default", "jul");
        properties.put("felix.fileinstall.log.level", "3");
        return properties;
    }
}
