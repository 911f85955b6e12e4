package io.ovsworkers.beat.internal;

import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The last slot fired for each task: {@code {"slot": <instant>, "node": <machine id>}} under
 * {@value #PREFIX}{@code <task>}. A firing is recorded before it is sent, in one transaction that asserts both the
 * leader lease and the previous record: a leader that lost its lease, or a second leader that raced it, records
 * nothing and sends nothing, so no slot is ever sent twice.
 */
final class FiringLog {

    static final String PREFIX = "ovs_beat_fired_";

    /**
     * The last firing of a task.
     *
     * @param slot the slot fired; empty if the stored value cannot be read (it is then replaced at the next firing)
     * @param stored the value as stored, which the next firing asserts
     */
    record Fired(Optional<Instant> slot, byte[] stored) {
    }

    private FiringLog() {
    }

    static Optional<Fired> last(KeyValueStore store, String task) {
        return store.get(PREFIX + task).map(stored -> new Fired(StoredJson.instant(stored, "slot"), stored));
    }

    /**
     * Records that {@code node} fires {@code slot} of {@code task}.
     *
     * @param previous the last firing as read, which must still be the stored one
     * @param lease the leader lease as held, which must still be the stored one
     * @return whether the firing was recorded; only then may it be sent
     */
    static boolean record(KeyValueStore store, String task, Optional<Fired> previous, Instant slot, String node,
            LeaderLease.Holder lease) {
        String key = PREFIX + task;
        byte[] fired = StoredJson.write("slot", slot.toString(), "node", node);
        return store.commit(List.of(
                new KeyValueOperation.AssertValue(LeaderLease.KEY, lease.stored()),
                new KeyValueOperation.AssertValue(key, previous.map(Fired::stored).orElse(null)),
                new KeyValueOperation.Set(key, fired)));
    }
}
