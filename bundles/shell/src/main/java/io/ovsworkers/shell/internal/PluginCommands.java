package io.ovsworkers.shell.internal;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.Tasks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell command listing the plugin bundles that provide tasks. */
@Component(service = PluginCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=plugins"})
public final class PluginCommands {

    @Reference
    Tasks tasks;

    /** The installed bundles, read when listing. */
    BundleSource bundles;

    /** Where the installed bundles come from: the framework, or a test's list. */
    @FunctionalInterface
    interface BundleSource {
        List<Bundle> installed();
    }

    @Activate
    void activate(BundleContext context) {
        bundles = () -> List.of(context.getBundles());
    }

    @Descriptor("lists the bundles that provide tasks: symbolic name, version, state, bundle id, and their tasks")
    public String plugins() {
        Map<String, List<String>> tasksByBundle = new TreeMap<>();
        for (TaskDescription task : tasks.list()) {
            tasksByBundle.computeIfAbsent(task.bundle() + "\0" + task.bundleVersion(), key -> new java.util.ArrayList<>()).add(task.name());
        }
        if (tasksByBundle.isEmpty()) {
            return "No bundle provides tasks. Drop a plugin bundle into deploy/ or check the log for refused tasks.";
        }
        Table table = new Table("BUNDLE", "VERSION", "STATE", "ID", "TASKS");
        for (Map.Entry<String, List<String>> entry : tasksByBundle.entrySet()) {
            String[] nameAndVersion = entry.getKey().split("\0", 2);
            Bundle bundle = bundles.installed().stream()
                    .filter(b -> nameAndVersion[0].equals(b.getSymbolicName()) && nameAndVersion[1].equals(b.getVersion().toString()))
                    .findFirst().orElse(null);
            table.row(nameAndVersion[0], nameAndVersion[1], bundle == null ? "?" : state(bundle.getState()),
                    bundle == null ? "?" : bundle.getBundleId(), entry.getValue().size() + ": " + String.join(", ", entry.getValue()));
        }
        return table.render();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.INSTALLED -> "INSTALLED";
            default -> "UNINSTALLED";
        };
    }
}
