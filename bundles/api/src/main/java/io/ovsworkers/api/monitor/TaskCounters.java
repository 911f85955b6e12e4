package io.ovsworkers.api.monitor;

import java.util.Map;
import java.util.Objects;

/**
 * Counts of this node's task outcomes since it started.
 *
 * @param received deliveries taken to run
 * @param succeeded runs that ended in SUCCESS
 * @param failed runs that ended in FAILURE
 * @param retried runs that ended in RETRY
 * @param revoked deliveries not run or cut short because they were revoked or expired
 * @param byName the finished runs of each task name, sorted by name
 */
public record TaskCounters(long received, long succeeded, long failed, long retried, long revoked,
                           Map<String, TaskTimings> byName) {
    public TaskCounters {
        byName = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Objects.requireNonNull(byName, "byName")));
    }

    /** Runs that reached an outcome (succeeded, failed, retried). */
    public long finished() {
        return succeeded + failed + retried;
    }
}
