package io.ovsworkers.beat.internal;

import static io.ovsworkers.beat.internal.Schedules.everyMinute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ovsworkers.beat.BeatLeader;
import io.ovsworkers.beat.ScheduleSource;
import io.ovsworkers.beat.ScheduledTask;
import io.ovsworkers.beat.internal.RecordingTasks.Sent;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component on its real timer thread and the real embedded store, as Declarative Services runs it. Its clock is
 * the system clock shifted to just before a whole minute, so that a slot comes due at once.
 */
class BeatServiceTest {
    private static final Logger LOG = LoggerFactory.getLogger(BeatServiceTest.class);
    private static final long WAIT_SECONDS = 20;
    private static final String HEARTBEAT = "ovs.generic.heartbeat";

    @TempDir
    Path dataDir;

    private KeyValueStore store;

    @BeforeEach
    void openStore() {
        store = Stores.embedded(dataDir);
    }

    @Test
    void firesTheDueSlotOnItsTimerAndReportsItsState() throws InterruptedException {
        Clock clock = shortlyBeforeAMinute(Duration.ofMillis(500));
        Instant slot = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        firedBefore(HEARTBEAT, slot);
        RecordingTasks tasks = new RecordingTasks(clock, List.of(everyMinute(HEARTBEAT)));
        BeatService beat = component(clock, tasks, "node-a", store);
        beat.activate(Map.of());
        try {
            Sent sent = tasks.nextSent(WAIT_SECONDS);
            assertNotNull(sent, "the 1-minute schedule fired");
            assertEquals(HEARTBEAT, sent.task());
            assertEquals(List.of(), sent.args());
            assertEquals(Map.of(), sent.kwargs());
            assertEquals(Optional.of("generic.default"), sent.routingKey());
            assertTrue(!sent.at().isBefore(slot), sent.at() + " is not before the slot " + slot);
            assertEquals("node-a", beat.leader().map(BeatLeader::node).orElseThrow());
            ScheduledTask heartbeat = beat.schedules().get(0);
            assertEquals(Optional.of(slot), heartbeat.lastRun());
            assertEquals(Optional.of(slot.plus(Duration.ofMinutes(1))), heartbeat.nextRun());

            beat.modified(Map.of("overrides", "{\"" + HEARTBEAT + "\": null}"));
            assertEquals(ScheduleSource.DISABLED_BY_CONFIGURATION, beat.schedules().get(0).source());
        } finally {
            beat.deactivate();
        }
        assertEquals(Optional.empty(), LeaderLease.read(store), "a stopping beat gives its lease up");
    }

    @Test
    void anotherMasterTakesOverWhenTheLeaderLosesTheStore() throws InterruptedException {
        Clock clock = Clock.systemUTC();
        RecordingTasks tasks = new RecordingTasks(clock, List.of(everyMinute(HEARTBEAT)));
        AtomicBoolean leaderCutOff = new AtomicBoolean(false);
        BeatService first = component(clock, tasks, "node-a", new SwitchedStore(store, leaderCutOff));
        BeatService second = component(clock, tasks, "node-b", store);
        first.activate(Map.of("leaseSeconds", "1"));
        try {
            awaitCondition("node-a leads", () -> leaderIs(first, "node-a"));
            second.activate(Map.of("leaseSeconds", "1"));
            try {
                leaderCutOff.set(true);
                awaitCondition("node-b takes over", () -> leaderIs(second, "node-b"));
            } finally {
                second.deactivate();
            }
        } finally {
            first.deactivate();
        }
    }

    /** The delay from the slot to the send, over a few firings; logged, not asserted, for it depends on the machine. */
    @Test
    void firingDelayIsMeasured() throws InterruptedException {
        List<Long> delays = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Clock clock = shortlyBeforeAMinute(Duration.ofMillis(800));
            Instant slot = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            firedBefore(HEARTBEAT + run, slot);
            RecordingTasks tasks = new RecordingTasks(clock, List.of(everyMinute(HEARTBEAT + run)));
            BeatService beat = component(clock, tasks, "node-a", store);
            beat.activate(Map.of());
            try {
                Sent sent = tasks.nextSent(WAIT_SECONDS);
                assertNotNull(sent, "run " + run + " fired");
                delays.add(Duration.between(slot, sent.at()).toNanos() / 1_000);
            } finally {
                beat.deactivate();
            }
        }
        List<Long> sorted = delays.stream().sorted().toList();
        LOG.info("Firing delay from slot to send, microseconds: median {}, all {}", sorted.get(sorted.size() / 2),
                delays);
    }

    /**
     * Records that the slot before {@code slot} fired, as a beat running all along would have: {@code slot} is then
     * due even if the beat starts only after it.
     */
    private void firedBefore(String task, Instant slot) {
        store.set(FiringLog.PREFIX + task,
                StoredJson.write("slot", slot.minus(Duration.ofMinutes(1)).toString(), "node", "node-a"));
    }

    private static BeatService component(Clock clock, RecordingTasks tasks, String node, KeyValueStore store) {
        BeatService beat = new BeatService(clock);
        beat.tasks = tasks;
        beat.node = new TestNode(node, true);
        beat.store = store;
        return beat;
    }

    /** The system clock, shifted so that it reads {@code ahead} before the next whole minute now. */
    private static Clock shortlyBeforeAMinute(Duration ahead) {
        Instant now = Instant.now();
        Instant shifted = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)).minus(ahead);
        return Clock.offset(Clock.systemUTC(), Duration.between(now, shifted));
    }

    private static boolean leaderIs(BeatService beat, String node) {
        return beat.leader().map(BeatLeader::node).filter(node::equals).isPresent();
    }

    private static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("Timed out after " + WAIT_SECONDS + " s waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
