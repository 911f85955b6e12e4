package io.ovsworkers.examples;

import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.Schedule;
import io.ovsworkers.api.TaskPlugin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Tasks shaped like the original's {@code ovs.generic.*} ones, one per ensure-single mode, some scheduled. The bodies
 * stand in for the real storage work and report what they were asked to do.
 */
@Component(service = GenericTasks.class)
@TaskPlugin
public class GenericTasks {

    /**
     * Snapshots vdisks once an hour (all of them when beat fires it without arguments); never runs twice at once,
     * nor while snapshots are being deleted.
     */
    @OvsTask(name = "ovs.generic.snapshot_all",
            schedule = @Schedule(minute = "0", hour = "*"),
            ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, extraTaskNames = "ovs.generic.delete_snapshots"))
    public Map<String, Object> snapshotAll(Optional<List<String>> vdisks) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("snapshotted", vdisks.<Object>map(List::copyOf).orElse("all"));
        report.put("at", Instant.now().toString());
        return report;
    }

    /** Deletes snapshots older than a number of days (30 when scheduled) at 02:01 every day. */
    @OvsTask(name = "ovs.generic.delete_snapshots",
            schedule = @Schedule(minute = "1", hour = "2"),
            ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
    public Map<String, Object> deleteSnapshots(Optional<Integer> olderThanDays) {
        return Map.of("olderThanDays", olderThanDays.orElse(30));
    }

    /**
     * Scrubs vpools (all of them when scheduled): the same vpools are never scrubbed twice at once, others run in
     * parallel; who asked for it does not make a call different.
     */
    @OvsTask(name = "ovs.generic.execute_scrub",
            schedule = @Schedule(minute = "0", hour = "3"),
            ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "requestedBy"))
    public Map<String, Object> executeScrub(Optional<List<String>> vpoolGuids, Optional<String> requestedBy) {
        return Map.of("scrubbed", vpoolGuids.<Object>map(List::copyOf).orElse("all"), "requestedBy", requestedBy.orElse("beat"));
    }

    /** Checks the metadata servers of a vpool, one check at a time, in arrival order. */
    @OvsTask(name = "ovs.mds.mds_checkup",
            ensureSingle = @EnsureSingle(mode = Mode.CHAINED, globalTimeout = 1800))
    public boolean mdsCheckup(String vpoolGuid) {
        return true;
    }
}
