package io.ovsworkers.shell.internal;

import io.ovsworkers.beat.Beat;
import io.ovsworkers.beat.ScheduledTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell command to see what beat schedules and which node leads it. */
@Component(service = ScheduleCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=schedule"})
public final class ScheduleCommands {

    @Reference
    Beat beat;

    @Descriptor("lists the scheduled tasks: crontab (minute hour day-of-month month day-of-week, UTC), where it comes"
            + " from (code or configuration io.ovsworkers.beat), routing key, last and next run; and the leading node")
    public String schedule() {
        StringBuilder out = new StringBuilder(beat.leader()
                .map(leader -> "Leader: " + leader.node() + " (lease until " + leader.until() + ")")
                .orElse("Leader: none (no master holds the beat lease)"));
        List<ScheduledTask> schedules = beat.schedules();
        if (schedules.isEmpty()) {
            return out.append("\nNo registered task has a schedule.").toString();
        }
        Table table = new Table("TASK", "CRONTAB", "SOURCE", "ROUTING KEY", "LAST RUN", "NEXT RUN");
        for (ScheduledTask task : schedules) {
            table.row(task.task(), task.crontab().map(Object::toString).orElse("-"), task.source().description(),
                    task.routingKey(), instant(task.lastRun()), instant(task.nextRun()));
        }
        out.append('\n').append(table.render());
        for (ScheduledTask task : schedules) {
            task.problem().ifPresent(problem -> out.append('\n').append(task.task()).append(": ").append(problem));
        }
        return out.toString();
    }

    private static String instant(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("-");
    }
}
