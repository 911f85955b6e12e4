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
import org.osgi.service.component.annotations.Component;

/**
 * Tasks shaped like the original's {@code ovs.generic.*} ones, one per ensure-single mode, some scheduled. The bodies
 * stand in for the real storage work and report what they were asked to do.
 */
@Component(service = GenericTasks.class)
@TaskPlugin
public class GenericTasks {

    /** Snapshots every vdisk once an hour; never runs twice at once, nor while snapshots are being deleted. */
    @OvsTask(name = "ovs.generic.snapshot_all",
            schedule = @Schedule(minute = "0", hour = "*"),
            ensureSingle = @EnsureSingle(mode = Mode.DEFAULT, extraTaskNames = "ovs.generic.delete_snapshots"))
    public Map<String, Object> snapshotAll(List<String> vdisks) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("snapshotted", vdisks);
        report.put("at", Instant.now().toString());
        return report;
    }

    /** Deletes old snapshots at 02:01 every day. */
    @OvsTask(name = "ovs.generic.delete_snapshots",
            schedule = @Schedule(minute = "1", hour = "2"),
            ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
    public int deleteSnapshots(long olderThanDays) {
        return (int) Math.min(olderThanDays, Integer.MAX_VALUE);
    }

    /** Scrubs one vpool: the same vpool is never scrubbed twice at once, different vpools run in parallel. */
    @OvsTask(name = "ovs.generic.execute_scrub",
            schedule = @Schedule(minute = "0", hour = "3"),
            ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "requestedBy"))
    public String executeScrub(String vpoolGuid, String requestedBy) {
        return "scrubbed " + vpoolGuid;
    }

    /** Checks the metadata servers of a vpool, one check at a time, in arrival order. */
    @OvsTask(name = "ovs.mds.mds_checkup",
            ensureSingle = @EnsureSingle(mode = Mode.CHAINED, globalTimeout = 1800))
    public boolean mdsCheckup(String vpoolGuid) {
        return true;
    }
}
