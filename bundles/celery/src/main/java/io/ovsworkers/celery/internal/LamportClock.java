package io.ovsworkers.celery.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Celery's logical clock: ticks on every message sent, and moves past every clock value received. */
final class LamportClock {
    private final AtomicLong value = new AtomicLong();

    long tick() {
        return value.incrementAndGet();
    }

    void adjust(long received) {
        value.accumulateAndGet(received, (mine, theirs) -> Math.max(mine, theirs) + 1);
    }

    long value() {
        return value.get();
    }
}
