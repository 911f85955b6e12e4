package io.ovsworkers.core.internal;

/**
 * Where a plugin component comes from, for listings and log lines.
 *
 * @param bundle the bundle's symbolic name
 * @param version the bundle's version
 * @param serviceId the plugin service's id, which identifies one registration of the component
 */
public record PluginOrigin(String bundle, String version, long serviceId) {
    @Override
    public String toString() {
        return bundle + " " + version;
    }
}
