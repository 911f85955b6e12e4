package io.ovsworkers.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell command showing the configuration of the OVS Workers PIDs, secrets masked. */
@Component(service = ConfigCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=config"})
public final class ConfigCommands {
    static final String MASK = "****";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|passwd|token).*");
    /** The password of a URI's user info: {@code scheme://user:password@host}. */
    private static final Pattern URI_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)[^@/\\s]*@");
    private static final Set<String> BOOKKEEPING = Set.of(Constants.SERVICE_PID, "felix.fileinstall.filename", "service.bundleLocation");

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Descriptor("prints the configuration of every io.ovsworkers PID (from config/ or set at runtime): keys and values,"
            + " passwords in URIs and keys named *password*/*secret*/*token* masked; keys not shown take their defaults")
    public String config() throws Exception {
        Configuration[] found = configurationAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=io.ovsworkers.*)");
        if (found == null || found.length == 0) {
            return "No io.ovsworkers configuration: every component runs on its defaults (the embedded backends).";
        }
        List<Configuration> configurations = new ArrayList<>(Arrays.asList(found));
        configurations.sort((a, b) -> a.getPid().compareTo(b.getPid()));
        StringBuilder out = new StringBuilder();
        for (Configuration configuration : configurations) {
            out.append(configuration.getPid()).append('\n');
            Dictionary<String, Object> properties = configuration.getProperties();
            List<String> keys = properties == null ? List.of() : Collections.list(properties.keys());
            keys.stream().filter(key -> !BOOKKEEPING.contains(key)).sorted()
                    .forEach(key -> out.append("  ").append(key).append(" = ").append(shown(key, properties.get(key))).append('\n'));
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    static String shown(String key, Object value) {
        if (SECRET_KEY.matcher(key).matches()) {
            return MASK;
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(item -> masked(String.valueOf(item))).toList().toString();
        }
        if (value instanceof Iterable<?> items) {
            List<String> shown = new ArrayList<>();
            items.forEach(item -> shown.add(masked(String.valueOf(item))));
            return shown.toString();
        }
        return masked(String.valueOf(value));
    }

    private static String masked(String text) {
        return URI_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
    }
}
