package io.ovsworkers.beat.internal;

import io.ovsworkers.api.schedule.Crontab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finds the slots, the minutes a crontab fires at, that have come due. */
final class Slots {

    /**
     * Windows looked back through, shortest first, so that walking from the window's first slot to {@code now}
     * stays short: a longer window is only tried when the shorter one held no slot.
     */
    private static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32),
            Duration.ofDays(366));

    private Slots() {
    }

    /** The latest slot of {@code crontab} after {@code after} and no later than {@code now}, if there is one. */
    static Optional<Instant> latestDue(Crontab crontab, Instant after, Instant now) {
        if (!after.isBefore(now)) {
            return Optional.empty();
        }
        for (Duration window : WINDOWS) {
            Instant windowStart = now.minus(window);
            if (!windowStart.isAfter(after)) {
                break;
            }
            Optional<Instant> latest = latestFrom(crontab, windowStart, now);
            if (latest.isPresent()) {
                return latest;
            }
        }
        return latestFrom(crontab, after, now);
    }

    private static Optional<Instant> latestFrom(Crontab crontab, Instant after, Instant now) {
        Optional<Instant> latest = Optional.empty();
        for (Optional<Instant> slot = crontab.next(after); slot.isPresent() && !slot.get().isAfter(now);
                slot = crontab.next(slot.get())) {
            latest = slot;
        }
        return latest;
    }
}
