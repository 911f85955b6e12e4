package io.ovsworkers.beat.internal;

import static io.ovsworkers.beat.internal.Schedules.everyMinute;
import static io.ovsworkers.beat.internal.Schedules.scheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.beat.internal.Firings.Firing;
import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three masters' beats on one real embedded store, the clock driven by the test: each beat ticks when it asked to,
 * as its timer would make it, and the test stops leaders in the middle of the schedule. Over every run, no slot is
 * fired twice and none is lost, and each slot goes out within two lease periods.
 */
class FailoverTest {
    private static final Instant START = Instant.parse("2026-12-03T10:00:10Z");
    private static final Instant END = Instant.parse("2026-12-03T10:20:30Z");
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final String HEARTBEAT = "ovs.generic.heartbeat";
    private static final String CHECKUP = "ovs.mds.checkup";
    private static final String SNAPSHOT = "ovs.generic.snapshot_all";
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dataDir;

    private KeyValueStore store;
    private final DrivenClock clock = new DrivenClock(START);
    private final Firings firings = new Firings();
    private final List<TaskDescription> tasks = List.of(everyMinute(HEARTBEAT), everyMinute(CHECKUP, "masters.mds"),
            scheduled(SNAPSHOT, "*/5", "*", "*", "*", "*"));
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    /** A master's beat; a stopped one ticks no more. */
    private final class Member {
        final String node;
        Scheduler beat;
        Instant wake = START;
        boolean running = true;

        Member(String node) {
            this.node = node;
            this.beat = beatOf(node, store);
        }

        Instant tick() {
            wake = beat.tick();
            return wake;
        }
    }

    @BeforeEach
    void openStore() {
        store = Stores.embedded(dataDir);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void leadersStoppedMidScheduleAreReplacedWithoutDoubleOrLostSlots() throws Exception {
        runScenario(false);
    }

    @Test
    void theSameWithEveryBeatTickingAtOnceOnItsOwnThread() throws Exception {
        runScenario(true);
    }

    /**
     * A leader that stalls after renewing its lease and reading the last firing (a long GC pause) is replaced; when it
     * resumes, its record of the firing is refused, so it sends nothing and the slot went out once, from the new
     * leader.
     */
    @Test
    void aLeaderPausedWhileFiringSendsNothingOnceReplaced() throws Exception {
        PausingStore pausing = new PausingStore(store);
        Scheduler stalled = beatOf("node-a", pausing);
        Scheduler successor = beatOf("node-b", store);
        stalled.tick();
        successor.tick();
        assertEquals("node-a", leaderNode());

        clock.set(Instant.parse("2026-12-03T10:01:00Z"));
        pausing.pauseNextCommit();
        Future<Instant> stalledTick = threads.submit(stalled::tick);
        assertTrue(pausing.paused.await(WAIT_SECONDS, TimeUnit.SECONDS), "the leader reached its first firing");
        clock.set(Instant.parse("2026-12-03T10:01:06Z"));
        successor.tick();
        assertEquals("node-b", leaderNode());
        pausing.resume.countDown();
        stalledTick.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(List.of("node-b 10:01"), sent(HEARTBEAT));
        assertEquals(List.of("node-b 10:01"), sent(CHECKUP));
        clock.set(Instant.parse("2026-12-03T10:01:08Z"));
        stalled.tick();
        assertEquals("node-b", leaderNode(), "the resumed beat follows");
        clock.set(Instant.parse("2026-12-03T10:02:00Z"));
        successor.tick();
        stalled.tick();
        assertEquals(List.of("node-b 10:01", "node-b 10:02"), sent(HEARTBEAT));
    }

    private void runScenario(boolean concurrently) throws Exception {
        Map<String, Member> members = new TreeMap<>();
        for (String node : List.of("node-a", "node-b", "node-c")) {
            members.put(node, new Member(node));
        }
        TreeMap<Instant, Runnable> events = new TreeMap<>();
        List<String> stopped = new ArrayList<>();
        Runnable crashLeader = () -> {
            Member leader = members.get(leaderNode());
            leader.running = false;
            stopped.add(leader.node);
        };
        events.put(Instant.parse("2026-12-03T10:03:59Z"), crashLeader);
        events.put(Instant.parse("2026-12-03T10:07:30Z"), crashLeader);
        events.put(Instant.parse("2026-12-03T10:08:00Z"), () -> restart(members.get(stopped.get(0))));
        // exactly at a slot, before the leader's timer fires it
        events.put(Instant.parse("2026-12-03T10:09:00Z"), crashLeader);
        events.put(Instant.parse("2026-12-03T10:12:00Z"), () -> restart(members.get(stopped.get(1))));
        events.put(Instant.parse("2026-12-03T10:15:30Z"), () -> {
            Member leader = members.get(leaderNode());
            leader.beat.resign();
            leader.running = false;
        });

        while (true) {
            Instant nextWake = members.values().stream().filter(member -> member.running).map(member -> member.wake)
                    .min(Comparator.naturalOrder()).orElseThrow();
            if (!events.isEmpty() && !events.firstKey().isAfter(nextWake)) {
                clock.set(events.firstKey());
                events.pollFirstEntry().getValue().run();
                continue;
            }
            if (nextWake.isAfter(END)) {
                break;
            }
            clock.set(nextWake);
            List<Member> ticking = members.values().stream()
                    .filter(member -> member.running && (concurrently || !member.wake.isAfter(nextWake)))
                    .toList();
            if (concurrently) {
                List<Callable<Instant>> ticks = ticking.stream().map(member -> (Callable<Instant>) member::tick)
                        .toList();
                for (Future<Instant> tick : threads.invokeAll(ticks)) {
                    tick.get();
                }
            } else {
                ticking.forEach(Member::tick);
            }
        }

        List<String> everyMinute = new ArrayList<>();
        for (int minute = 1; minute <= 20; minute++) {
            everyMinute.add(String.format("10:%02d", minute));
        }
        assertEquals(everyMinute, slots(HEARTBEAT), "each slot once, none lost");
        assertEquals(everyMinute, slots(CHECKUP), "each slot once, none lost");
        assertEquals(List.of("10:05", "10:10", "10:15", "10:20"), slots(SNAPSHOT));
        for (Firing firing : firings.all()) {
            Duration late = Duration.between(firing.minuteSlot(), firing.sentAt());
            assertFalse(late.compareTo(LEASE.multipliedBy(2)) > 0, firing + " is " + late + " late");
        }
        assertEquals(3, firings.all().stream().map(Firing::node).distinct().count(), "every master led at some point");
        assertTrue(firings.of(CHECKUP).stream().allMatch(firing -> firing.routingKey().equals("masters.mds")));
    }

    private void restart(Member member) {
        member.beat = beatOf(member.node, store);
        member.running = true;
        member.wake = clock.instant();
    }

    private Scheduler beatOf(String node, KeyValueStore on) {
        Scheduler beat = new Scheduler(on, new TestNode(node, true), () -> tasks, firings.senderFor(node, clock), clock);
        beat.configure(new BeatSettings(true, LEASE, MissedPolicy.FIRE_LATEST_ONCE), Overrides.NONE);
        return beat;
    }

    private String leaderNode() {
        return LeaderLease.read(store).filter(holder -> holder.until().isAfter(clock.instant()))
                .map(LeaderLease.Holder::node).orElseThrow(() -> new AssertionError("no leader at " + clock.instant()));
    }

    private List<String> slots(String task) {
        return firings.of(task).stream().map(firing -> firing.minuteSlot().toString().substring(11, 16))
                .collect(Collectors.toList());
    }

    private List<String> sent(String task) {
        return firings.of(task).stream()
                .map(firing -> firing.node() + " " + firing.minuteSlot().toString().substring(11, 16)).toList();
    }

    /** The shared store, as seen by a master that stalls in its next transaction until the test resumes it. */
    private static final class PausingStore implements KeyValueStore {
        private final KeyValueStore store;
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private volatile boolean pauseNext;

        PausingStore(KeyValueStore store) {
            this.store = store;
        }

        void pauseNextCommit() {
            pauseNext = true;
        }

        @Override
        public boolean commit(List<KeyValueOperation> operations) {
            if (pauseNext) {
                pauseNext = false;
                paused.countDown();
                try {
                    assertTrue(resume.await(WAIT_SECONDS, TimeUnit.SECONDS), "the test resumed the stalled leader");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while stalled", e);
                }
            }
            return store.commit(operations);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return store.get(key);
        }

        @Override
        public void set(String key, byte[] value) {
            store.set(key, value);
        }

        @Override
        public boolean delete(String key) {
            return store.delete(key);
        }

        @Override
        public boolean compareAndSet(String key, byte[] expected, byte[] update) {
            return store.compareAndSet(key, expected, update);
        }

        @Override
        public List<String> keys(String prefix, int max) {
            return store.keys(prefix, max);
        }
    }
}
