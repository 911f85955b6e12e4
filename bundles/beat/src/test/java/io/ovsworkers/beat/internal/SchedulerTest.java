package io.ovsworkers.beat.internal;

import static io.ovsworkers.beat.internal.Schedules.everyMinute;
import static io.ovsworkers.beat.internal.Schedules.scheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.NoBrokerException;
import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.beat.BeatLeader;
import io.ovsworkers.beat.ScheduleSource;
import io.ovsworkers.beat.ScheduledTask;
import io.ovsworkers.beat.internal.Firings.Firing;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One beat on a driven clock and the real embedded store: what it fires, when it wants to tick, what it reports. */
class SchedulerTest {
    private static final Instant START = Instant.parse("2026-12-03T10:00:20Z");
    private static final String EVERY_MINUTE = "ovs.generic.heartbeat";
    private static final String ROUTED = "ovs.mds.checkup";
    private static final String HOURLY = "ovs.generic.snapshot_all";

    @TempDir
    Path dataDir;

    private KeyValueStore store;
    private final DrivenClock clock = new DrivenClock(START);
    private final Firings firings = new Firings();
    private final List<TaskDescription> tasks = new CopyOnWriteArrayList<>(List.of(everyMinute(EVERY_MINUTE),
            everyMinute(ROUTED, "masters.mds"), scheduled(HOURLY, "0", "*", "*", "*", "*")));
    private Scheduler beat;

    @BeforeEach
    void openStore() {
        store = Stores.embedded(dataDir);
        beat = scheduler(new TestNode("node-a", true), store);
    }

    @Test
    void firesEachSlotOnceWhenItComesWithItsRoutingKey() {
        clock.set(Instant.parse("2026-12-03T10:45:20Z"));
        runUntil(Instant.parse("2026-12-03T11:00:30Z"));
        List<Firing> everyMinute = firings.of(EVERY_MINUTE);
        assertEquals(15, everyMinute.size());
        for (int minute = 0; minute < 15; minute++) {
            Firing firing = everyMinute.get(minute);
            assertEquals(Instant.parse("2026-12-03T10:46:00Z").plusSeconds(60L * minute), firing.sentAt(),
                    "sent exactly at its slot, as the driven timer woke the beat then");
            assertEquals("generic.default", firing.routingKey());
        }
        assertEquals(15, firings.of(ROUTED).size());
        assertTrue(firings.of(ROUTED).stream().allMatch(firing -> firing.routingKey().equals("masters.mds")));
        assertEquals(List.of(Instant.parse("2026-12-03T11:00:00Z")),
                firings.of(HOURLY).stream().map(Firing::sentAt).toList());
    }

    @Test
    void asksToTickAtTheNextSlotAndAtLeastEveryHalfLease() {
        assertEquals(START.plusMillis(2500), beat.tick(), "renewal comes before the next slot at 10:01");
        clock.set(Instant.parse("2026-12-03T10:00:59Z"));
        assertEquals(Instant.parse("2026-12-03T10:01:00Z"), beat.tick());
        tasks.clear();
        clock.set(Instant.parse("2026-12-03T10:00:59.500Z"));
        assertEquals(Instant.parse("2026-12-03T10:01:01.500Z"), beat.tick(),
                "half a lease before the lease taken at 10:00:59 ends");
    }

    @Test
    void aSlotTheTimerWokeForEarlyIsFiredAtTheTickAfter() {
        clock.set(Instant.parse("2026-12-03T10:00:59.998Z"));
        assertEquals(Instant.parse("2026-12-03T10:01:00Z"), beat.tick());
        assertEquals(List.of(), firings.all());
        clock.set(Instant.parse("2026-12-03T10:01:00.001Z"));
        beat.tick();
        assertEquals(List.of(EVERY_MINUTE, ROUTED), firings.all().stream().map(Firing::task).toList(),
                "the hourly slot at 10:00 came before the beat first saw the task");
    }

    @Test
    void aNodeThatIsNotAMasterNeverLeadsNorFires() {
        Scheduler worker = scheduler(new TestNode("node-w", false), store);
        clock.set(Instant.parse("2026-12-03T10:05:00Z"));
        worker.tick();
        assertEquals(Optional.empty(), worker.leader());
        assertEquals(List.of(), firings.all());
    }

    @Test
    void disablingBeatGivesTheLeadUpAndStopsFiring() {
        beat.tick();
        assertEquals("node-a", beat.leader().map(BeatLeader::node).orElseThrow());
        beat.configure(new BeatSettings(false, Duration.ofSeconds(5), MissedPolicy.FIRE_LATEST_ONCE), Overrides.NONE);
        clock.set(Instant.parse("2026-12-03T10:03:00Z"));
        beat.tick();
        assertEquals(Optional.empty(), beat.leader());
        assertEquals(List.of(), firings.all());
    }

    @Test
    void afterAnOutageTheLatestMissedSlotFiresOnce() {
        runUntil(Instant.parse("2026-12-03T10:02:30Z"));
        assertEquals(2, firings.of(EVERY_MINUTE).size());
        // no beat ran from 10:02:30 to 10:17:40
        Scheduler restarted = scheduler(new TestNode("node-a", true), store);
        clock.set(Instant.parse("2026-12-03T10:17:40Z"));
        restarted.tick();
        assertEquals(List.of(Instant.parse("2026-12-03T10:01:00Z"), Instant.parse("2026-12-03T10:02:00Z"),
                Instant.parse("2026-12-03T10:17:40Z")), firings.of(EVERY_MINUTE).stream().map(Firing::sentAt).toList());
        restarted.tick();
        assertEquals(3, firings.of(EVERY_MINUTE).size(), "the missed slot fires once");
    }

    @Test
    void withMissedPolicySkipMissedSlotsAreDroppedAndTheNextFiresOnTime() {
        runUntil(Instant.parse("2026-12-03T10:02:30Z"));
        Scheduler restarted = scheduler(new TestNode("node-a", true), store);
        restarted.configure(new BeatSettings(true, Duration.ofSeconds(5), MissedPolicy.SKIP), Overrides.NONE);
        clock.set(Instant.parse("2026-12-03T10:17:40Z"));
        restarted.tick();
        assertEquals(2, firings.of(EVERY_MINUTE).size());
        clock.set(Instant.parse("2026-12-03T10:18:00Z"));
        restarted.tick();
        assertEquals(Instant.parse("2026-12-03T10:18:00Z"), firings.of(EVERY_MINUTE).get(2).sentAt());
    }

    @Test
    void withMissedPolicySkipASlotWithinTwoLeasesIsNotMissed() {
        beat.configure(new BeatSettings(true, Duration.ofSeconds(5), MissedPolicy.SKIP), Overrides.NONE);
        beat.tick();
        clock.set(Instant.parse("2026-12-03T10:01:09Z"));
        beat.tick();
        assertEquals(1, firings.of(EVERY_MINUTE).size(), "9 s late is a failover, not an outage");
        clock.set(Instant.parse("2026-12-03T10:02:11Z"));
        beat.tick();
        assertEquals(1, firings.of(EVERY_MINUTE).size(), "11 s late is missed");
    }

    @Test
    void overridesApplyAtTheNextTickWithoutFiringSlotsOfTheNewCrontabFromBeforeTheChange() {
        runUntil(Instant.parse("2026-12-03T10:02:30Z"));
        beat.configure(BeatSettings.DEFAULTS, Overrides.parse("{\"" + EVERY_MINUTE + "\": {\"minute\": \"*/5\"},"
                + " \"" + ROUTED + "\": null, \"" + HOURLY + "\": {\"minute\": \"*/2\"}}"));
        runUntil(Instant.parse("2026-12-03T10:10:30Z"));
        assertEquals(List.of("10:01", "10:02", "10:05", "10:10"), minutes(firings.of(EVERY_MINUTE)));
        assertEquals(List.of("10:01", "10:02"), minutes(firings.of(ROUTED)), "disabled by configuration");
        // 10:02 matches */2 but came before the change
        assertEquals(List.of("10:04", "10:06", "10:08", "10:10"), minutes(firings.of(HOURLY)));

        beat.configure(BeatSettings.DEFAULTS, Overrides.parse("{\"" + ROUTED + "\": {\"minutes\": \"1\"}}"));
        runUntil(Instant.parse("2026-12-03T10:12:30Z"));
        assertEquals(List.of("10:01", "10:02"), minutes(firings.of(ROUTED)), "an invalid override disables");
        assertEquals(List.of("10:01", "10:02", "10:05", "10:10", "10:11", "10:12"), minutes(firings.of(EVERY_MINUTE)));

        beat.configure(BeatSettings.DEFAULTS, Overrides.NONE);
        runUntil(Instant.parse("2026-12-03T10:13:30Z"));
        assertEquals(List.of("10:01", "10:02", "10:13"), minutes(firings.of(ROUTED)),
                "enabled again from the change on, without the slots it missed while disabled");
    }

    @Test
    void pluginsThatArriveAddTheirSchedulesAndPluginsThatLeaveRemoveThem() {
        String arriving = "alba.scheduling.verify_namespaces";
        runUntil(Instant.parse("2026-12-03T10:01:30Z"));
        tasks.add(everyMinute(arriving));
        tasks.removeIf(task -> task.name().equals(ROUTED));
        runUntil(Instant.parse("2026-12-03T10:03:30Z"));
        assertEquals(List.of("10:02", "10:03"), minutes(firings.of(arriving)));
        assertEquals(List.of("10:01"), minutes(firings.of(ROUTED)));
        assertEquals(List.of(HOURLY, EVERY_MINUTE, arriving).stream().sorted().toList(),
                beat.schedules().stream().map(ScheduledTask::task).toList());
    }

    @Test
    void aSlotThatCannotBeSentIsRecordedAndNotSentAgain() {
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        Scheduler.Sender recording = firings.senderFor("node-b", clock);
        Scheduler failing = new Scheduler(store, new TestNode("node-b", true), () -> tasks, (task, routingKey) -> {
            if (brokerDown.get()) {
                throw new NoBrokerException(task);
            }
            return recording.send(task, routingKey);
        }, clock);
        failing.tick();
        clock.set(Instant.parse("2026-12-03T10:01:00Z"));
        failing.tick();
        brokerDown.set(false);
        failing.tick();
        assertEquals(List.of(), firings.all(), "at most once: the 10:01 slot is lost, not sent late or twice");
        clock.set(Instant.parse("2026-12-03T10:02:00Z"));
        failing.tick();
        assertEquals(List.of("10:02", "10:02"), minutes(firings.all()));
    }

    @Test
    void aStoreFailureIsRetriedAtTheNextTick() {
        AtomicBoolean storeDown = new AtomicBoolean(false);
        Scheduler flaky = scheduler(new TestNode("node-a", true), new SwitchedStore(store, storeDown));
        flaky.tick();
        storeDown.set(true);
        clock.set(Instant.parse("2026-12-03T10:01:00Z"));
        assertEquals(Instant.parse("2026-12-03T10:01:02.500Z"), flaky.tick());
        storeDown.set(false);
        clock.set(Instant.parse("2026-12-03T10:01:02.500Z"));
        flaky.tick();
        assertEquals(List.of("10:01", "10:01"), minutes(firings.all()));
    }

    @Test
    void reportsEachScheduleWithItsSourceLastAndNextRun() {
        beat.configure(BeatSettings.DEFAULTS, Overrides.parse("{\"" + ROUTED + "\": null, \"" + HOURLY
                + "\": {\"hour\": \"25\"}}"));
        runUntil(Instant.parse("2026-12-03T10:01:30Z"));
        List<ScheduledTask> schedules = beat.schedules();
        assertEquals(List.of(
                new ScheduledTask(EVERY_MINUTE, ScheduleSource.CODE, tasks.get(0).schedule(), "generic.default",
                        Optional.of(Instant.parse("2026-12-03T10:01:00Z")),
                        Optional.of(Instant.parse("2026-12-03T10:02:00Z")), Optional.empty()),
                new ScheduledTask(ROUTED, ScheduleSource.DISABLED_BY_CONFIGURATION, Optional.empty(), "masters.mds",
                        Optional.empty(), Optional.empty(), Optional.empty())),
                schedules.stream().filter(schedule -> !schedule.task().equals(HOURLY)).toList());
        ScheduledTask invalid = schedules.stream().filter(schedule -> schedule.task().equals(HOURLY)).findFirst()
                .orElseThrow();
        assertEquals(ScheduleSource.ERROR_IN_CONFIGURATION, invalid.source());
        assertTrue(invalid.problem().orElseThrow().contains("field hour"), invalid.problem().toString());
        assertEquals(Optional.of(new BeatLeader("node-a", Instant.parse("2026-12-03T10:01:35Z"))), beat.leader());
    }

    @Test
    void theStoredRecordsAreJson() {
        beat.tick();
        clock.set(Instant.parse("2026-12-03T10:01:00Z"));
        beat.tick();
        assertEquals("{\"node\":\"node-a\",\"until\":\"2026-12-03T10:01:05Z\"}",
                new String(store.get(LeaderLease.KEY).orElseThrow()));
        assertEquals("{\"slot\":\"2026-12-03T10:01:00Z\",\"node\":\"node-a\"}",
                new String(store.get(FiringLog.PREFIX + EVERY_MINUTE).orElseThrow()));
    }

    private Scheduler scheduler(TestNode node, KeyValueStore on) {
        return new Scheduler(on, node, () -> tasks, firings.senderFor(node.machineId(), clock), clock);
    }

    /** Ticks the beat whenever it asks to, as its timer does, until {@code end}. */
    private void runUntil(Instant end) {
        for (Instant wake = clock.instant(); !wake.isAfter(end); wake = beat.tick()) {
            clock.set(wake);
        }
        clock.set(end);
    }

    private static List<String> minutes(List<Firing> firings) {
        return firings.stream().map(firing -> firing.minuteSlot().toString().substring(11, 16)).toList();
    }
}
