package io.ovsworkers.beat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovsworkers.api.schedule.Crontab;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which slot is due: the latest slot of the crontab after the last firing and no later than now. */
class SlotsTest {
    private static final Crontab EVERY_MINUTE = Crontab.parse("*", "*", "*", "*", "*");
    private static final Crontab HOURLY = Crontab.parse("0", "*", "*", "*", "*");

    @Test
    void theSlotAtNowIsDueAndTheLastFiredIsNot() {
        Instant slot = Instant.parse("2026-12-03T10:05:00Z");
        assertEquals(Optional.of(slot), Slots.latestDue(EVERY_MINUTE, slot.minusSeconds(60), slot));
        assertEquals(Optional.empty(), Slots.latestDue(EVERY_MINUTE, slot, slot));
        assertEquals(Optional.empty(), Slots.latestDue(EVERY_MINUTE, slot, slot.plusMillis(59_999)));
        assertEquals(Optional.of(slot.plusSeconds(60)), Slots.latestDue(EVERY_MINUTE, slot, slot.plusSeconds(60)));
    }

    @Test
    void aSlotJustAheadIsNotDue() {
        Instant now = Instant.parse("2026-12-03T10:59:59.999Z");
        assertEquals(Optional.empty(), Slots.latestDue(HOURLY, Instant.parse("2026-12-03T10:00:00Z"), now));
    }

    @Test
    void onlyTheLatestOfManyMissedSlotsIsDue() {
        Instant lastFired = Instant.parse("2026-12-03T10:00:00Z");
        Instant now = Instant.parse("2026-12-03T13:27:10Z");
        assertEquals(Optional.of(Instant.parse("2026-12-03T13:27:00Z")), Slots.latestDue(EVERY_MINUTE, lastFired, now));
        assertEquals(Optional.of(Instant.parse("2026-12-03T13:00:00Z")), Slots.latestDue(HOURLY, lastFired, now));
    }

    @Test
    void sparseSchedulesAcrossYears() {
        Crontab leapDay = Crontab.parse("0", "0", "*", "29", "2");
        Instant lastFired = Instant.parse("2016-02-29T00:00:00Z");
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertEquals(Optional.of(Instant.parse("2024-02-29T00:00:00Z")), Slots.latestDue(leapDay, lastFired, now));
        Crontab never = Crontab.parse("0", "0", "*", "30", "2");
        assertEquals(Optional.empty(), Slots.latestDue(never, lastFired, now));
    }

    @Test
    void aLastFiringAfterNowMeansNothingIsDue() {
        Instant now = Instant.parse("2026-12-03T10:00:30Z");
        assertEquals(Optional.empty(), Slots.latestDue(EVERY_MINUTE, now.plusSeconds(90), now));
    }

    /** Against walking every slot from the last firing on, for random schedules, firings and gaps. */
    @Test
    void agreesWithWalkingEverySlot() {
        List<String> minutes = List.of("*", "0", "*/15", "5,35", "59", "1-30/7");
        List<String> hours = List.of("*", "0", "*/6", "23", "9-17");
        List<String> daysOfWeek = List.of("*", "mon", "sat,sun", "1-5");
        List<String> daysOfMonth = List.of("*", "1", "15-20", "31");
        List<String> months = List.of("*", "2", "*/3", "12");
        List<Duration> gaps = List.of(Duration.ofSeconds(30), Duration.ofMinutes(59), Duration.ofHours(5),
                Duration.ofDays(3), Duration.ofDays(40), Duration.ofDays(400));
        Random random = new Random(20261203);
        for (int i = 0; i < 300; i++) {
            Crontab crontab = Crontab.parse(pick(random, minutes), pick(random, hours), pick(random, daysOfWeek),
                    pick(random, daysOfMonth), pick(random, months));
            Instant after = Instant.parse("2020-01-01T00:00:00Z")
                    .plusSeconds(random.nextInt(6 * 365 * 24 * 3600))
                    .plusMillis(random.nextInt(2) * random.nextInt(60_000));
            Instant now = after.plus(pick(random, gaps)).plusMillis(random.nextInt(120_000));
            assertEquals(walk(crontab, after, now), Slots.latestDue(crontab, after, now),
                    () -> crontab + " after " + after + " until " + now);
        }
    }

    private static Optional<Instant> walk(Crontab crontab, Instant after, Instant now) {
        Optional<Instant> latest = Optional.empty();
        for (Optional<Instant> slot = crontab.next(after); slot.isPresent() && !slot.get().isAfter(now);
                slot = crontab.next(slot.get())) {
            latest = slot;
        }
        return latest;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
