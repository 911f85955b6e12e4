package io.ovsworkers.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ovsworkers.api.locks.LockRegistration;
import io.ovsworkers.api.locks.Locks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands to see the ensure-single registrations of the cluster and to clear those an operator knows are stale. */
@Component(service = LockCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=locks"})
public final class LockCommands {
    static final String CLEAR = "clear";

    @Reference
    Locks locks;

    Clock clock = Clock.systemUTC();

    @Descriptor("lists the ensure-single registrations of the cluster: task, mode, place in its queue (0 runs in"
            + " DEFAULT and CHAINED), owner node and task id, age, lease, and the compared arguments")
    public String locks() throws JsonProcessingException {
        List<LockRegistration> all = locks.list();
        if (all.isEmpty()) {
            return "No ensure-single registrations: no task with a policy runs or waits.";
        }
        Instant now = clock.instant();
        Table table = new Table("TASK", "MODE", "#", "OWNER", "TASK ID", "AGE", "LEASE", "ARGUMENTS");
        for (LockRegistration registration : all) {
            table.row(registration.taskName(), registration.mode(), registration.position(),
                    registration.node().orElse("(original framework)"), registration.taskId().orElse("(inline)"),
                    registration.registeredAt().map(at -> seconds(Duration.between(at, now))).orElse("?"),
                    lease(registration, now), TaskCommands.JSON.writeValueAsString(registration.arguments()));
        }
        return table.render();
    }

    @Descriptor("ovs:locks clear NAME --force: removes every ensure-single registration of the task, whoever owns it;"
            + " running instances keep running, and new calls no longer see them")
    public String locks(
            @Descriptor("confirms that the registrations are stale; without it nothing is removed")
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the action: clear") String action,
            @Descriptor("task name") String name) {
        if (!CLEAR.equals(action)) {
            throw new IllegalArgumentException("Unknown action '" + action + "'; use: ovs:locks, or ovs:locks clear NAME --force");
        }
        if (!force) {
            long count = locks.list().stream().filter(r -> r.taskName().equals(name)).count();
            return "Not cleared: task " + name + " has " + count + " registration(s). Clearing lets a duplicate start while"
                    + " an instance may still run; repeat with --force if you know they are stale.";
        }
        return "Cleared " + locks.clear(name) + " registration(s) of task " + name + ".";
    }

    private static String lease(LockRegistration registration, Instant now) {
        return registration.leaseExpires().map(end -> registration.expiredAt(now)
                ? "expired " + seconds(Duration.between(end, now)) + " ago"
                : seconds(Duration.between(now, end)) + " left").orElse("none (never expires)");
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
