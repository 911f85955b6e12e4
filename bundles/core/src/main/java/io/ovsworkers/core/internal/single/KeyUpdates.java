package io.ovsworkers.core.internal.single;

import io.ovsworkers.spi.KeyValueStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Read-modify-write of one key's registration list as one atomic step: the change is written with compare-and-set
 * against the value it was computed from, and computed again from a fresh read when another writer came first.
 * Registrations whose lease ran out are left out on the way (the next caller removes them, D3).
 */
final class KeyUpdates {

    /**
     * What a change makes of the live registrations.
     *
     * @param next the list to store, or null to leave the key as it is (apart from removing expired registrations)
     * @param outcome what the caller learns
     */
    record Change<T>(List<Registration> next, T outcome) {
    }

    /**
     * The outcome of an update.
     *
     * @param outcome the change's outcome, computed from the value that was current
     * @param value the key's value afterwards (null when absent)
     * @param registrations the live registrations afterwards
     */
    record Updated<T>(T outcome, byte[] value, List<Registration> registrations) {
    }

    private KeyUpdates() {
    }

    /** Reads the key, then applies the change. */
    static <T> Updated<T> update(KeyValueStore store, String key, Function<List<Registration>, Change<T>> change) {
        return apply(store, key, store.get(key).orElse(null), true, change);
    }

    /**
     * Applies the change to a value believed to be current without reading it first, which saves a round trip
     * when the belief holds (uncontended calls); when it does not, the key is read and the change computed again.
     */
    static <T> Updated<T> updateBelieving(KeyValueStore store, String key, byte[] believed,
                                          Function<List<Registration>, Change<T>> change) {
        return apply(store, key, believed, false, change);
    }

    private static <T> Updated<T> apply(KeyValueStore store, String key, byte[] value, boolean read,
                                        Function<List<Registration>, Change<T>> change) {
        byte[] current = value;
        boolean verified = read;
        while (true) {
            Instant now = Instant.now();
            List<Registration> stored = Codec.read(key, current);
            List<Registration> live = stored.stream().filter(r -> r.liveAt(now)).toList();
            Change<T> decided = change.apply(live);
            List<Registration> next = decided.next() != null ? decided.next() : live.size() != stored.size() ? live : null;
            if (next == null && verified) {
                return new Updated<>(decided.outcome(), current, live);
            }
            if (next != null) {
                byte[] written = Codec.write(next);
                if (store.compareAndSet(key, current, written)) {
                    return new Updated<>(decided.outcome(), written, next);
                }
            }
            current = store.get(key).orElse(null);
            verified = true;
        }
    }
}
