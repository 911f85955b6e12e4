package io.ovsworkers.core.internal;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.schedule.Crontab;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * A validated task: the plugin object and method to invoke, how its arguments bind, and its declared schedule and
 * ensure-single policy.
 *
 * @param name task name
 * @param plugin the plugin component instance (null for a static method)
 * @param method the task method
 * @param binder maps call arguments onto the method's parameters
 * @param callback the inline-duplicate callback of the same component, or null
 * @param ensureSingle the ensure-single policy, or null
 * @param schedule the declared schedule, or null
 * @param scheduleRoutingKey the routing key of scheduled firings, or null for the default route
 * @param origin the providing bundle
 */
public record TaskDefinition(String name, Object plugin, Method method, ArgumentBinder binder, Method callback,
                             EnsureSingle ensureSingle, Crontab schedule, String scheduleRoutingKey, PluginOrigin origin) {

    public TaskDescription describe() {
        return new TaskDescription(name, origin.bundle(), origin.version(), binder.parameterNames(),
                Optional.ofNullable(schedule), Optional.ofNullable(scheduleRoutingKey), mode());
    }

    public Optional<Mode> mode() {
        return Optional.ofNullable(ensureSingle).map(EnsureSingle::mode);
    }
}
