package io.ovsworkers.embedded.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import org.h2.mvstore.MVMap;

/**
 * A queue of the embedded broker: ready and delivered-but-unacknowledged messages in two maps of the broker file,
 * keyed by a sequence number that gives the FIFO order. Guarded by the broker's lock.
 */
final class StoredQueue {

    final String name;
    final MVMap<Long, byte[]> ready;
    final MVMap<Long, byte[]> unacked;
    /** Signalled when the queue gets a ready message or one of its consumers gets room under its prefetch. */
    final Condition changed;
    final List<QueueConsumer> consumers = new ArrayList<>();

    StoredQueue(String name, MVMap<Long, byte[]> ready, MVMap<Long, byte[]> unacked, Condition changed) {
        this.name = name;
        this.ready = ready;
        this.unacked = unacked;
        this.changed = changed;
    }

    /** The highest sequence number in the queue, or 0 when it is empty. */
    long lastSequence() {
        Long lastReady = ready.lastKey();
        Long lastUnacked = unacked.lastKey();
        return Math.max(lastReady == null ? 0 : lastReady, lastUnacked == null ? 0 : lastUnacked);
    }
}
