package io.ovsworkers.api.monitor;

/**
 * Runs of one task name on this node.
 *
 * @param runs runs that reached an outcome
 * @param failed of those, the ones that failed
 * @param totalMillis their summed run time
 * @param maxMillis the longest of them
 */
public record TaskTimings(long runs, long failed, long totalMillis, long maxMillis) {

    /** Mean run time in milliseconds, 0 before the first run. */
    public double meanMillis() {
        return runs == 0 ? 0 : (double) totalMillis / runs;
    }
}
