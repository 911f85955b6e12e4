package io.ovsworkers.beat.internal;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.schedule.Crontab;
import io.ovsworkers.beat.ScheduleSource;
import io.ovsworkers.beat.internal.Overrides.Invalid;
import io.ovsworkers.beat.internal.Overrides.Override;
import io.ovsworkers.beat.internal.Overrides.Replaced;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task's schedule as beat applies it: the original's {@code generate_schedule}, with D6 for invalid overrides.
 *
 * @param task the task name
 * @param source where the schedule comes from
 * @param crontab what fires the task; empty when the configuration disables it or is invalid
 * @param routingKey the routing key firings are sent with
 * @param problem why the configuration's crontab was refused
 */
record ScheduleEntry(String task, ScheduleSource source, Optional<Crontab> crontab, String routingKey,
                     Optional<String> problem) {

    /** Where firings go unless the schedule in code names a routing key: the original's default route. */
    static final String DEFAULT_ROUTING_KEY = "generic.default";

    /**
     * The entries of every registered task that has a schedule in code, by name. As in the original, the
     * configuration can only disable or replace a schedule in code; overrides of other tasks have no effect.
     */
    static List<ScheduleEntry> resolve(List<TaskDescription> tasks, Overrides overrides) {
        return tasks.stream()
                .filter(task -> task.schedule().isPresent())
                .map(task -> entry(task, overrides.forTask(task.name())))
                .sorted(Comparator.comparing(ScheduleEntry::task))
                .toList();
    }

    private static ScheduleEntry entry(TaskDescription task, Optional<Override> override) {
        String routingKey = task.scheduleRoutingKey().filter(key -> !key.isEmpty()).orElse(DEFAULT_ROUTING_KEY);
        if (override.isEmpty()) {
            return new ScheduleEntry(task.name(), ScheduleSource.CODE, task.schedule(), routingKey, Optional.empty());
        }
        Override value = override.get();
        if (value instanceof Replaced replaced) {
            return new ScheduleEntry(task.name(), ScheduleSource.CONFIGURATION, Optional.of(replaced.crontab()),
                    routingKey, Optional.empty());
        }
        if (value instanceof Invalid invalid) {
            return new ScheduleEntry(task.name(), ScheduleSource.ERROR_IN_CONFIGURATION, Optional.empty(), routingKey,
                    Optional.of(invalid.problem()));
        }
        return new ScheduleEntry(task.name(), ScheduleSource.DISABLED_BY_CONFIGURATION, Optional.empty(), routingKey,
                Optional.empty());
    }
}
