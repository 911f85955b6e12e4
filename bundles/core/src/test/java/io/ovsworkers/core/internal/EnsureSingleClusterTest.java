package io.ovsworkers.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.EnsureSingle;
import io.ovsworkers.api.Mode;
import io.ovsworkers.api.OvsTask;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.locks.LockRegistration;
import io.ovsworkers.embedded.internal.EmbeddedBackends;
import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ensure-single across nodes on the real embedded store: two independent runtimes (each its own gate, machine id
 * and lease renewal) share one store as nodes share a cluster's store. A crashed node is one whose gate stopped
 * renewing while its call still holds the registration (the embedded store file cannot be opened by two JVMs).
 */
class EnsureSingleClusterTest {

    @TempDir
    Path folder;

    private EmbeddedBackends backends;
    private final Probe probe = new Probe();
    private final List<TestNode> nodes = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    public static class Race {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();

        @OvsTask(name = "race.default", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
        public String once(int request) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            for (int i = 0; i < 200; i++) {
                Thread.yield();
            }
            running.decrementAndGet();
            return "ran " + request;
        }
    }

    public static class Queued {
        final Probe probe;

        public Queued(Probe probe) {
            this.probe = probe;
        }

        @OvsTask(name = "c.deduped", ensureSingle = @EnsureSingle(mode = Mode.DEDUPED, ignoreArguments = "label"))
        public String deduped(String arg1, String label) {
            return probe.run(label);
        }

        @OvsTask(name = "c.default", ensureSingle = @EnsureSingle(mode = Mode.DEFAULT))
        public String plain(String label) {
            return probe.run(label);
        }
    }

    @BeforeEach
    void open() {
        backends = new EmbeddedBackends(folder);
    }

    @AfterEach
    void close() {
        probe.releaseAll();
        threads.shutdownNow();
        nodes.forEach(TestNode::close);
        backends.close();
    }

    private TestNode node(String machineId, KeyValueStore store, Duration lease, boolean workers, int concurrency, Object plugin) {
        TestNode node = new TestNode(machineId, store, workers ? backends.broker() : null, workers ? backends.results() : null,
                lease, probe, concurrency, plugin);
        nodes.add(node);
        return node;
    }

    /** Two nodes fire 1,000 concurrent DEFAULT calls of one task: never two bodies at once; the others are discarded. */
    @Test
    void oneAtATimeAcrossTwoNodesUnderContention() throws Exception {
        Race race = new Race();
        TestNode a = node("race-a", backends.store(), Duration.ofSeconds(30), false, 1, race);
        TestNode b = node("race-b", backends.store(), Duration.ofSeconds(30), false, 1, race);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> calls = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try {
            for (int i = 0; i < 1000; i++) {
                int request = i;
                TestNode via = i % 2 == 0 ? a : b;
                calls.add(callers.submit(() -> {
                    go.await();
                    return via.tasks().task("race.default").call(request);
                }));
            }
            go.countDown();
            int discarded = 0;
            for (Future<Object> call : calls) {
                if (call.get(Probe.DEADLINE.toMillis(), TimeUnit.MILLISECONDS) == null) {
                    discarded++;
                }
            }
            assertEquals(1, race.mostAtOnce.get(), "two bodies ran at once");
            assertTrue(race.runs.get() >= 1);
            assertEquals(1000, race.runs.get() + discarded);
            assertTrue(a.gate.list().isEmpty(), "every registration is removed");
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * A node dies while its DEDUPED call runs: the duplicate waiting on another node never runs while the lease is
     * renewed, even past the end of its first lease, and runs once the dead node's lease ran out.
     */
    @Test
    void waitingDuplicateRunsOnceTheDeadOwnersLeaseExpires() {
        Duration lease = Duration.ofMillis(2500);
        TestNode a = node("crash-a", backends.store(), lease, false, 1, new Queued(probe));
        TestNode b = node("crash-b", backends.store(), lease, false, 1, new Queued(probe));
        probe.hold("C1", "C2");
        CompletableFuture<Object> c1 = CompletableFuture.supplyAsync(
                () -> a.tasks().task("c.deduped").call(List.of(), Map.of("arg1", "x", "label", "C1")), threads);
        probe.awaitState("C1", "EXECUTING");
        Instant firstLease = b.gate.list().get(0).leaseExpires().orElseThrow();
        CompletableFuture<Object> c2 = CompletableFuture.supplyAsync(
                () -> b.tasks().task("c.deduped").call(List.of(), Map.of("arg1", "x", "label", "C2")), threads);
        probe.awaitState("C2", "WAITING");

        Instant pastFirstLease = firstLease.plusMillis(300);
        Probe.await("the first lease to end", () -> Instant.now().isAfter(pastFirstLease));
        assertEquals(List.of("WAITING"), probe.states("C2"), "the duplicate waits while the owner renews");
        LockRegistration owner = b.gate.list().get(0);
        assertEquals("crash-a", owner.node().orElseThrow());
        assertTrue(owner.leaseExpires().orElseThrow().isAfter(firstLease), "the owner renewed its lease");

        a.gate.stop();
        probe.awaitState("C2", "EXECUTING");

        probe.release("C2");
        assertEquals("ran C2", c2.join());
        probe.release("C1");
        assertEquals("ran C1", c1.join());
    }

    /**
     * A node dies while its worker runs a DEFAULT task, and the broker delivers the message again to another node: the
     * registration in the way carries the same task id. The redelivery is no duplicate: it runs once the dead run's
     * lease expires, and its real result is stored (not the None of a discarded call).
     */
    @Test
    void aRedeliveredTaskRunsOnceTheDeadRunsLeaseExpires() throws Exception {
        TestNode survivor = node("survivor", backends.store(), Duration.ofSeconds(30), true, 1, new Queued(probe));
        Instant deadLeaseEnds = Instant.now().plusMillis(1500);
        String deadRun = "[{\"lease_expires\":\"" + deadLeaseEnds + "\",\"node\":\"killed\",\"task_id\":\"redelivered-1\","
                + "\"timestamp\":\"" + Instant.now().getEpochSecond() + "_aaaaaaaaaa\"}]";
        backends.store().set("ovs_ensure_single_c.default_default", deadRun.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        backends.broker().publish(new io.ovsworkers.spi.TaskMessage("redelivered-1", "c.default", List.of("R1"), Map.of(),
                "generic.default", null, null, null, 0, null, Map.of()));

        assertEquals("ran R1", survivor.tasks().result("redelivered-1").get(Probe.DEADLINE));
        assertTrue(probe.states("R1").contains("EXECUTING"), "the task itself ran");
        assertTrue(!Instant.now().isBefore(deadLeaseEnds), "it ran only after the dead run's lease ended");
        assertTrue(survivor.gate.list().isEmpty(), "no registration is left");
    }

    /** A call waiting for its turn gives its worker slot back: with two slots, a third, different call still runs. */
    @Test
    void aWaitingTaskHoldsNoWorkerSlot() throws Exception {
        TestNode node = node("slots", backends.store(), Duration.ofSeconds(30), true, 2, new Queued(probe));
        probe.hold("S1", "S2", "S3");
        AsyncResult s1 = node.tasks().task("c.deduped").applyAsync(List.of("a", "S1"), Map.of(), TaskOptions.defaults());
        probe.awaitState("S1", "EXECUTING");
        AsyncResult s2 = node.tasks().task("c.deduped").applyAsync(List.of("a", "S2"), Map.of(), TaskOptions.defaults());
        probe.awaitState("S2", "WAITING");

        AsyncResult s3 = node.tasks().task("c.deduped").applyAsync(List.of("b", "S3"), Map.of(), TaskOptions.defaults());
        probe.awaitState("S3", "EXECUTING");

        probe.release("S1");
        probe.awaitState("S2", "EXECUTING");
        probe.release("S2");
        probe.release("S3");
        for (AsyncResult result : List.of(s1, s2, s3)) {
            assertTrue(String.valueOf(result.get(Probe.DEADLINE)).startsWith("ran S"));
        }
    }

    /** Uncontended, a DEFAULT call takes two store round trips (register, remove); a DEDUPED one too. */
    @Test
    void uncontendedCallsTakeTwoRoundTrips() {
        CountingStore counting = new CountingStore(backends.store());
        TestNode node = node("trips", counting, Duration.ofSeconds(30), false, 1, new Queued(probe));

        counting.calls.set(0);
        assertEquals("ran R1", node.tasks().task("c.default").call("R1"));
        assertEquals(2, counting.calls.get());

        counting.calls.set(0);
        assertEquals("ran R2", node.tasks().task("c.deduped").call("x", "R2"));
        assertEquals(2, counting.calls.get());
        assertNull(backends.store().get("ovs_ensure_single_c.default_default").orElse(null));
    }

    /** Counts the calls that reach the store: each is one round trip on a remote store such as Arakoon. */
    private static final class CountingStore implements KeyValueStore {
        final AtomicInteger calls = new AtomicInteger();
        private final KeyValueStore store;

        CountingStore(KeyValueStore store) {
            this.store = store;
        }

        @Override
        public Optional<byte[]> get(String key) {
            calls.incrementAndGet();
            return store.get(key);
        }

        @Override
        public void set(String key, byte[] value) {
            calls.incrementAndGet();
            store.set(key, value);
        }

        @Override
        public boolean delete(String key) {
            calls.incrementAndGet();
            return store.delete(key);
        }

        @Override
        public boolean compareAndSet(String key, byte[] expected, byte[] update) {
            calls.incrementAndGet();
            return store.compareAndSet(key, expected, update);
        }

        @Override
        public List<String> keys(String prefix, int max) {
            calls.incrementAndGet();
            return store.keys(prefix, max);
        }

        @Override
        public boolean commit(List<KeyValueOperation> operations) {
            calls.incrementAndGet();
            return store.commit(operations);
        }
    }
}
