package io.ovsworkers.beat;

import io.ovsworkers.api.schedule.Crontab;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task that has a schedule in code, as beat applies it.
 *
 * @param task the task name
 * @param source where the schedule comes from
 * @param crontab the crontab that fires the task; empty when the configuration disables it or is invalid
 * @param routingKey the routing key firings are sent with
 * @param lastRun the last scheduled instant fired, by any node
 * @param nextRun the next scheduled instant; empty when the task is not fired
 * @param problem why the configuration's crontab was refused, for {@link ScheduleSource#ERROR_IN_CONFIGURATION}
 */
public record ScheduledTask(String task, ScheduleSource source, Optional<Crontab> crontab, String routingKey,
                            Optional<Instant> lastRun, Optional<Instant> nextRun, Optional<String> problem) {
    public ScheduledTask {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crontab, "crontab");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(nextRun, "nextRun");
        Objects.requireNonNull(problem, "problem");
    }
}
