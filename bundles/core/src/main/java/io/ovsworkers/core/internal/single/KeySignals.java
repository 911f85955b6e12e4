package io.ovsworkers.core.internal.single;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the calls of this node that wait on a key when this node changes it, so that a local release is seen at
 * once; changes made by other nodes are seen by polling with back-off.
 */
final class KeySignals {
    private static final class Signal {
        private long version;
    }

    private final Map<String, Signal> signals = new ConcurrentHashMap<>();

    /** The key's version now; pass it to {@link #await} so that a change in between is not missed. */
    long version(String key) {
        Signal signal = signals.computeIfAbsent(key, k -> new Signal());
        synchronized (signal) {
            return signal.version;
        }
    }

    /** Waits until the key changes after {@code seen} on this node, or the time is up. */
    void await(String key, long seen, long nanos) throws InterruptedException {
        Signal signal = signals.computeIfAbsent(key, k -> new Signal());
        long end = System.nanoTime() + nanos;
        synchronized (signal) {
            long remaining = nanos;
            while (signal.version == seen && remaining > 0) {
                TimeUnit.NANOSECONDS.timedWait(signal, remaining);
                remaining = end - System.nanoTime();
            }
        }
    }

    void signal(String key) {
        Signal signal = signals.computeIfAbsent(key, k -> new Signal());
        synchronized (signal) {
            signal.version++;
            signal.notifyAll();
        }
    }
}
