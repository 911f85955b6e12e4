package io.ovsworkers.api;

import io.ovsworkers.api.schedule.Crontab;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered task as the registry sees it.
 *
 * @param name the task name
 * @param bundle symbolic name of the bundle that provides it
 * @param bundleVersion that bundle's version
 * @param parameters the method's parameter names, in order
 * @param schedule the declared crontab, if the task is scheduled
 * @param scheduleRoutingKey the routing key the declared schedule sends with, if it names one
 * @param mode the ensure-single mode, if the task has one
 */
public record TaskDescription(String name, String bundle, String bundleVersion, List<String> parameters,
                              Optional<Crontab> schedule, Optional<String> scheduleRoutingKey, Optional<Mode> mode) {
    public TaskDescription {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }
}
