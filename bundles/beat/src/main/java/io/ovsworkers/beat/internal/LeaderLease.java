package io.ovsworkers.beat.internal;

import io.ovsworkers.spi.KeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * The beat leader lease: {@code {"node": <machine id>, "until": <instant>}} under {@value #KEY}. A master takes it
 * when it is absent, expired or its own, and renews it; every change is a compare-and-set on the value it read, so
 * two masters never both take it. Expiry compares {@code until} with each master's clock, so the masters' clocks
 * must agree to well within a lease (NTP).
 */
final class LeaderLease {

    static final String KEY = "ovs_beat_leader";

    /**
     * A holder of the lease.
     *
     * @param node the holder's machine id
     * @param until when the lease ends; {@link Instant#EPOCH} for a value that cannot be read, which therefore counts
     *              as expired
     * @param stored the value as stored, for compare-and-set and for the assertions of firings
     */
    record Holder(String node, Instant until, byte[] stored) {
        boolean isNode(String machineId) {
            return node.equals(machineId);
        }
    }

    private LeaderLease() {
    }

    static Optional<Holder> read(KeyValueStore store) {
        return store.get(KEY).map(stored -> new Holder(StoredJson.text(stored, "node").orElse("(unreadable lease)"),
                StoredJson.instant(stored, "until").orElse(Instant.EPOCH), stored));
    }

    /**
     * Takes the lease for {@code node} when it is free, expired or already its own, for {@code length} from
     * {@code now}.
     *
     * @return the holder after the attempt: {@code node} itself when it holds the lease now
     */
    static Optional<Holder> hold(KeyValueStore store, String node, Instant now, Duration length) {
        Optional<Holder> current = read(store);
        if (current.isPresent() && !current.get().isNode(node) && current.get().until().isAfter(now)) {
            return current;
        }
        Instant until = now.plus(length).truncatedTo(ChronoUnit.MILLIS);
        byte[] mine = StoredJson.write("node", node, "until", until.toString());
        if (store.compareAndSet(KEY, current.map(Holder::stored).orElse(null), mine)) {
            return Optional.of(new Holder(node, until, mine));
        }
        return read(store);
    }

    /** Whether {@code held} is still the stored lease. */
    static boolean isCurrent(KeyValueStore store, Holder held) {
        return store.get(KEY).map(stored -> Arrays.equals(stored, held.stored())).orElse(false);
    }

    /** Gives the lease up, so that another master takes over at once; no-op when it is no longer {@code held}. */
    static void release(KeyValueStore store, Holder held) {
        store.compareAndSet(KEY, held.stored(), null);
    }
}
