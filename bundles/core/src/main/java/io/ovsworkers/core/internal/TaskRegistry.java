package io.ovsworkers.core.internal;

import io.ovsworkers.api.TaskPlugin;
import io.ovsworkers.core.internal.TaskDeclarations.Declaration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.AnyService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whiteboard of task plugins: registers the {@code @OvsTask} methods of every service marked {@link TaskPlugin} as it
 * appears and unregisters them as it goes. A task name is served by one plugin at a time; a later plugin declaring the
 * same name is refused with a log line, and takes over if the first one leaves.
 */
@Component(service = TaskRegistry.class)
public final class TaskRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRegistry.class);

    /** Declarations of every bound plugin, by service id, in binding order. */
    private final Map<Long, List<Declaration>> plugins = new LinkedHashMap<>();
    private final Map<String, TaskDefinition> tasks = new ConcurrentHashMap<>();
    private final Map<String, Instant> removedAt = new ConcurrentHashMap<>();

    @Reference(service = AnyService.class, target = "(" + TaskPlugin.PLUGIN_PROPERTY + "=true)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPlugin(ServiceReference<?> reference, Object plugin) {
        Bundle bundle = reference.getBundle();
        add(plugin, new PluginOrigin(bundle == null ? "?" : bundle.getSymbolicName(),
                bundle == null ? "?" : bundle.getVersion().toString(), (Long) reference.getProperty(Constants.SERVICE_ID)));
    }

    void unbindPlugin(ServiceReference<?> reference) {
        remove((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    /** Registers the plugin's valid, not yet taken task names; logs one line per refused declaration. */
    synchronized void add(Object plugin, PluginOrigin origin) {
        List<Declaration> declarations = TaskDeclarations.read(plugin, origin);
        plugins.put(origin.serviceId(), declarations);
        for (Declaration declaration : declarations) {
            if (!declaration.valid()) {
                LOG.error("Refused task '{}' of bundle {} ({}.{}): {}", declaration.name(), origin,
                        declaration.method().getDeclaringClass().getName(), declaration.method().getName(), declaration.refusal());
            } else if (tasks.putIfAbsent(declaration.name(), declaration.definition()) != null) {
                LOG.error("Refused task '{}' of bundle {}: the name is already registered by bundle {}", declaration.name(),
                        origin, tasks.get(declaration.name()).origin());
            } else {
                removedAt.remove(declaration.name());
                LOG.info("Registered task '{}' of bundle {}", declaration.name(), origin);
            }
        }
        if (declarations.isEmpty()) {
            LOG.warn("Plugin {} of bundle {} is marked as a task plugin but declares no @OvsTask method",
                    plugin.getClass().getName(), origin);
        }
    }

    /** Unregisters the plugin's tasks; a refused duplicate of another plugin takes over a name that became free. */
    synchronized void remove(long serviceId) {
        List<Declaration> declarations = plugins.remove(serviceId);
        if (declarations == null) {
            return;
        }
        for (Declaration declaration : declarations) {
            if (declaration.valid() && tasks.remove(declaration.name(), declaration.definition())) {
                LOG.info("Unregistered task '{}' of bundle {}", declaration.name(), declaration.definition().origin());
                successor(declaration.name()).ifPresentOrElse(next -> {
                    tasks.put(next.name(), next);
                    LOG.info("Task '{}' is now served by bundle {}", next.name(), next.origin());
                }, () -> removedAt.put(declaration.name(), Instant.now()));
            }
        }
    }

    private Optional<TaskDefinition> successor(String name) {
        return plugins.values().stream().flatMap(List::stream)
                .filter(d -> d.valid() && d.name().equals(name)).map(Declaration::definition).findFirst();
    }

    /** The task registered under that name now. */
    public Optional<TaskDefinition> lookup(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** Every registered task, by name. */
    public List<TaskDefinition> all() {
        List<TaskDefinition> all = new ArrayList<>(tasks.values());
        all.sort(Comparator.comparing(TaskDefinition::name));
        return all;
    }

    /** When the last plugin providing the task went away, if it did and none came back since. */
    public Optional<Instant> removedAt(String name) {
        return Optional.ofNullable(removedAt.get(name));
    }
}
