package io.ovsworkers.beat.internal;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.schedule.Crontab;
import java.util.List;
import java.util.Optional;

/** Task descriptions as the core's registry lists them. */
final class Schedules {

    private Schedules() {
    }

    /** A task scheduled in code on {@code minute hour dayOfWeek dayOfMonth monthOfYear}, Celery's order. */
    static TaskDescription scheduled(String task, String minute, String hour, String dayOfWeek, String dayOfMonth,
            String monthOfYear) {
        return description(task, Optional.of(Crontab.parse(minute, hour, dayOfWeek, dayOfMonth, monthOfYear)),
                Optional.empty());
    }

    static TaskDescription everyMinute(String task) {
        return scheduled(task, "*", "*", "*", "*", "*");
    }

    static TaskDescription everyMinute(String task, String routingKey) {
        return description(task, Optional.of(Crontab.parse("*", "*", "*", "*", "*")), Optional.of(routingKey));
    }

    static TaskDescription unscheduled(String task) {
        return description(task, Optional.empty(), Optional.empty());
    }

    private static TaskDescription description(String task, Optional<Crontab> schedule, Optional<String> routingKey) {
        return new TaskDescription(task, "io.ovsworkers.examples", "1.0.0", List.of(), schedule, routingKey,
                Optional.empty());
    }
}
