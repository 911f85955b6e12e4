package io.ovsworkers.arakoon.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against {@link ArakoonTestCluster}, a protocol-level test double (no Arakoon server can run here; the
 * double is checked against the captured vectors by {@link TestServerVectorTest}).
 */
class ArakoonClientTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ArakoonTestCluster cluster(String id, int nodes) throws Exception {
        ArakoonTestCluster cluster = ArakoonTestCluster.start(id, nodes);
        toClose.add(cluster);
        return cluster;
    }

    private ArakoonClient client(ArakoonClusterConfig.Builder config) {
        ArakoonClient client = ArakoonClient.open(config.build());
        toClose.add(client);
        return client;
    }

    private static ArakoonClusterConfig.Builder fast(ArakoonTestCluster cluster) {
        return cluster.clientConfig().connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5))
                .failoverDeadline(Duration.ofSeconds(10));
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, UTF_8);
    }

    private static List<String> strings(List<byte[]> list) {
        return list.stream().map(ArakoonClientTest::s).toList();
    }

    /** Polls a condition until it holds or the deadline passes. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void everyClientOperationWorks() throws Exception {
        ArakoonTestCluster cluster = cluster("ops", 1);
        cluster.registerUserFunction("echo", arg -> arg);
        ArakoonClient client = client(fast(cluster));

        client.set(b("k/b"), b("2"));
        client.set(b("k/a"), b("1"));
        client.set(b("k/c"), b("3"));
        assertEquals("1", s(client.get(b("k/a"))));
        assertEquals("2", s(client.get(Consistency.NO_GUARANTEES, b("k/b"))));
        assertTrue(client.exists(b("k/c")));
        assertFalse(client.exists(Consistency.NO_GUARANTEES, b("k/zz")));
        assertThrows(ArakoonNotFoundException.class, () -> client.get(b("k/zz")));
        assertEquals(Optional.empty(), client.find(Consistency.CONSISTENT, b("k/zz")));
        assertEquals("3", s(client.find(Consistency.CONSISTENT, b("k/c")).orElseThrow()));

        assertEquals(List.of("k/a", "k/b", "k/c"), strings(client.prefixKeys(Consistency.CONSISTENT, b("k/"), -1)));
        assertEquals(List.of("k/a", "k/b"), strings(client.range(Consistency.CONSISTENT, b("k/"), true, b("k/c"),
                false, -1)));
        assertEquals(List.of(new KeyValue(b("k/b"), b("2")), new KeyValue(b("k/c"), b("3"))),
                client.rangeEntries(Consistency.CONSISTENT, b("k/a"), false, null, true, 5));
        assertEquals(List.of(new KeyValue(b("k/c"), b("3")), new KeyValue(b("k/b"), b("2"))),
                client.revRangeEntries(Consistency.CONSISTENT, null, true, b("k/a"), false, -1));
        assertEquals(List.of("3", "1"), strings(client.multiGet(Consistency.CONSISTENT, List.of(b("k/c"), b("k/a")))));
        List<Optional<byte[]>> options = client.multiGetOption(Consistency.CONSISTENT, List.of(b("k/x"), b("k/b")));
        assertTrue(options.get(0).isEmpty());
        assertEquals("2", s(options.get(1).orElseThrow()));

        assertEquals(Optional.empty(), client.testAndSet(b("lock"), null, b("me")));
        assertEquals("me", s(client.testAndSet(b("lock"), null, b("you")).orElseThrow()));
        assertEquals("me", s(client.replace(b("lock"), null).orElseThrow()));
        client.confirm(b("k/a"), b("1"));
        client.assertValue(Consistency.CONSISTENT, b("k/a"), b("1"));
        assertThrows(ArakoonAssertionFailedException.class,
                () -> client.assertValue(Consistency.CONSISTENT, b("k/a"), b("2")));
        client.assertExists(Consistency.CONSISTENT, b("k/a"));
        assertThrows(ArakoonAssertionFailedException.class,
                () -> client.assertExists(Consistency.CONSISTENT, b("k/none")));

        client.sequence(List.of(Update.assertRange(b("k/"), List.of(b("k/c"), b("k/a"), b("k/b"))),
                Update.set(b("s/1"), b("x")), Update.delete(b("k/c")), Update.assertValue(b("k/a"), b("1")),
                Update.testAndSet(b("k/a"), b("1"), b("11")),
                Update.sequence(List.of(Update.replace(b("s/2"), b("y")), Update.nop()))));
        assertEquals("11", s(client.get(b("k/a"))));
        assertEquals("y", s(client.get(b("s/2"))));
        assertFalse(client.exists(b("k/c")));
        assertThrows(ArakoonAssertionFailedException.class, () -> client.syncedSequence(List.of(
                Update.set(b("s/3"), b("z")), Update.assertExists(b("nope")))));
        assertFalse(client.exists(b("s/3")), "a failed sequence applies nothing");
        assertThrows(ArakoonNotFoundException.class, () -> client.sequence(List.of(Update.delete(b("nope")))));

        assertEquals(2, client.deletePrefix(b("s/")));
        long count = client.getKeyCount();
        assertEquals(2, count);
        client.delete(b("k/b"));
        assertThrows(ArakoonNotFoundException.class, () -> client.delete(b("k/b")));

        long before = client.getTxid().txid();
        client.nop();
        assertTrue(client.getTxid().txid() > before);
        assertEquals("echoed", s(client.userFunction("echo", b("echoed")).orElseThrow()));
        assertThrows(ArakoonBadInputException.class, () -> client.userFunction("missing", null));
        assertEquals("Arakoon 1.9.25", client.ping("test"));
        assertEquals(9, client.version().minor());
        assertEquals("arakoon_stats", client.statistics().name());
        assertEquals("Stable_master", client.currentState());
        assertTrue(client.expectProgressPossible());
        assertEquals("n0", client.master());
    }

    @Test
    void binaryKeysAndValuesRoundTrip() throws Exception {
        ArakoonClient client = client(fast(cluster("bin", 1)));
        byte[] key = {0, (byte) 0xff, 1, (byte) 0x80, 0};
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        client.set(key, value);
        assertArrayEquals(value, client.get(key));
        client.set(new byte[0], new byte[0]);
        assertArrayEquals(new byte[0], client.get(new byte[0]));
    }

    @Test
    void valuesAtTheLimitAreRefusedBeforeSending() throws Exception {
        ArakoonTestCluster cluster = cluster("limits", 1);
        ArakoonClient client = client(fast(cluster));
        client.set(b("warm"), b("up"));
        long sent = cluster.requestsReceived("n0");
        byte[] eightMiB = new byte[ArakoonClusterConfig.DEFAULT_MAX_VALUE_SIZE];
        ArakoonValueTooLargeException refused =
                assertThrows(ArakoonValueTooLargeException.class, () -> client.set(b("big"), eightMiB));
        assertTrue(refused.getMessage().contains("8388608"), refused.getMessage());
        assertThrows(ArakoonValueTooLargeException.class, () -> client.testAndSet(b("big"), null, eightMiB));
        assertThrows(ArakoonValueTooLargeException.class, () -> client.replace(b("big"), eightMiB));
        assertThrows(ArakoonValueTooLargeException.class, () -> client.confirm(b("big"), eightMiB));
        assertThrows(ArakoonValueTooLargeException.class,
                () -> client.sequence(List.of(Update.set(b("big"), eightMiB))));
        assertEquals(sent, cluster.requestsReceived("n0"), "nothing reached the server");
        client.set(b("big"), new byte[ArakoonClusterConfig.DEFAULT_MAX_VALUE_SIZE - 1]);
        assertEquals(ArakoonClusterConfig.DEFAULT_MAX_VALUE_SIZE - 1, client.get(b("big")).length);
    }

    @Test
    void sequencesThatHitServerTrapsAreRefused() throws Exception {
        ArakoonTestCluster cluster = cluster("traps", 1);
        ArakoonClient client = client(fast(cluster));
        assertThrows(IllegalArgumentException.class, () -> client.sequence(List.of(
                Update.deletePrefix(b("p/")), Update.assertValue(b("q"), b("v")))));
        assertThrows(IllegalArgumentException.class, () -> client.sequence(List.of(
                Update.sequence(List.of(Update.delete(b("x")))), Update.deletePrefix(b("p/")))));
        assertThrows(IllegalArgumentException.class, () -> client.sequence(List.of(
                Update.set(b("p/new"), b("v")), Update.deletePrefix(b("p/")))));
        assertThrows(IllegalArgumentException.class, () -> client.sequence(List.of(
                Update.set(b("p/new"), b("v")), Update.assertRange(b("p/"), List.of(b("p/new"))))));
        assertEquals(0, cluster.requestsReceived("n0"), "nothing was sent");
        client.set(b("p/old"), b("v"));
        client.sequence(List.of(Update.deletePrefix(b("p/")), Update.set(b("p/new"), b("v"))));
        assertEquals(List.of("p/new"), strings(client.prefixKeys(Consistency.CONSISTENT, b("p/"), -1)));
    }

    @Test
    void failsOverWhenTheMasterStops() throws Exception {
        ArakoonTestCluster cluster = cluster("failover", 3);
        ArakoonClient client = client(fast(cluster));
        client.set(b("k"), b("1"));
        assertEquals("n0", client.master());

        cluster.stopNode("n0");
        cluster.setMaster("n1");
        client.set(b("k"), b("2"));
        assertEquals("n1", client.master());
        assertEquals("2", s(client.get(b("k"))));
    }

    @Test
    void followsNotMasterToTheNewMaster() throws Exception {
        ArakoonTestCluster cluster = cluster("moved", 3);
        ArakoonClient client = client(fast(cluster));
        client.set(b("k"), b("1"));
        cluster.setMaster("n2");
        assertEquals(Optional.of(b("1")).map(ArakoonClientTest::s),
                client.testAndSet(b("k"), b("1"), b("2")).map(ArakoonClientTest::s),
                "a write refused with NOT_MASTER was not executed, so even test_and_set is sent again");
        assertEquals("n2", client.master());
        assertEquals("2", s(client.get(b("k"))));
    }

    @Test
    void requestsQueuedBehindANotMasterAreSentAgain() throws Exception {
        ArakoonTestCluster cluster = cluster("queued", 3);
        ArakoonClient client = client(fast(cluster));
        client.set(b("k"), b("1"));
        cluster.holdReplies("n0");
        cluster.setMaster("n1");
        long before = cluster.requestsReceived("n0");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> client.set(b("a"), b("x")));
            await("the first write to reach n0", () -> cluster.requestsReceived("n0") == before + 1);
            Thread[] second = new Thread[1];
            Future<Optional<byte[]>> queued = pool.submit(() -> {
                second[0] = Thread.currentThread();
                return client.testAndSet(b("k"), b("1"), b("2"));
            });
            await("the test_and_set to wait behind it", () -> second[0] != null
                    && second[0].getState() == Thread.State.WAITING);
            cluster.releaseReplies("n0");
            first.get();
            assertEquals("1", s(queued.get().orElseThrow()), "never executed by n0, so sent to n1");
            assertEquals("2", s(client.get(b("k"))));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lostMastershipAndGoingDownAreRetriedOnlyWhenSafe() throws Exception {
        ArakoonTestCluster cluster = cluster("going", 1);
        ArakoonClient client = client(fast(cluster));
        client.set(b("k"), b("1"));
        cluster.failNextWrite("n0", 0x21, "no longer master");
        client.set(b("k"), b("2"));
        assertEquals("2", s(client.get(b("k"))), "set is safe to repeat, so it was sent again");
        cluster.failNextWrite("n0", 0x21, "no longer master");
        ArakoonOutcomeUnknownException unknown = assertThrows(ArakoonOutcomeUnknownException.class,
                () -> client.testAndSet(b("k"), b("2"), b("3")));
        assertTrue(unknown.getCause() instanceof ArakoonNoLongerMasterException);
        cluster.failNextWrite("n0", 0x10, "going down");
        assertThrows(ArakoonOutcomeUnknownException.class, () -> client.delete(b("k")));
        cluster.failNextWrite("n0", 0x10, "going down");
        assertEquals(1, client.deletePrefix(b("k")), "delete_prefix is safe to repeat");
    }

    @Test
    void aNodeThatDoesNotAnswerIsSkippedByDiscovery() throws Exception {
        ArakoonTestCluster cluster = cluster("hung", 3);
        cluster.setMaster("n1");
        cluster.holdReplies("n0");
        ArakoonClient client = client(fast(cluster).requestTimeout(Duration.ofMillis(200)));
        client.set(b("k"), b("v"));
        assertEquals("n1", client.master());
        cluster.releaseReplies("n0");
    }

    @Test
    void noMasterWithinTheDeadlineFails() throws Exception {
        ArakoonTestCluster cluster = cluster("nomaster", 3);
        ArakoonClient client = client(fast(cluster).failoverDeadline(Duration.ofMillis(300)));
        cluster.setMaster(null);
        assertThrows(ArakoonException.class, () -> client.set(b("k"), b("v")));
        assertThrows(ArakoonNoMasterException.class, client::master);
        cluster.setMaster("n1");
        client.set(b("k"), b("v"));
        assertEquals("n1", client.master());
    }

    @Test
    void wrongClusterIdIsNeverAnswered() throws Exception {
        ArakoonTestCluster cluster = cluster("right", 1);
        ArakoonClusterConfig wrong = ArakoonClusterConfig.builder("wrong", cluster.clientConfig().build().nodes())
                .failoverDeadline(Duration.ofMillis(200)).build();
        ArakoonClient client = client(wrong.toBuilder());
        assertThrows(ArakoonNoMasterException.class, () -> client.get(b("k")));
    }

    @Test
    void slowRepliesTimeOutAndOnlyIdempotentOperationsAreRetried() throws Exception {
        ArakoonTestCluster cluster = cluster("slow", 1);
        ArakoonClient client = client(fast(cluster).requestTimeout(Duration.ofMillis(100))
                .failoverDeadline(Duration.ofMillis(400)));
        client.set(b("k"), b("v"));
        cluster.holdReplies("n0");
        long before = cluster.requestsReceived("n0");
        assertThrows(ArakoonOutcomeUnknownException.class, () -> client.testAndSet(b("k"), b("v"), b("w")));
        assertEquals(before + 1, cluster.requestsReceived("n0"), "the non-idempotent write was sent once");
        cluster.releaseReplies("n0");
        await("the held test_and_set to apply", () -> "w".equals(s(cluster.value("k"))));

        cluster.holdReplies("n0");
        before = cluster.requestsReceived("n0");
        assertThrows(ArakoonException.class, () -> client.get(b("k")));
        assertTrue(cluster.requestsReceived("n0") > before + 1, "the read was tried again");
        cluster.releaseReplies("n0");
        assertEquals("w", s(client.get(b("k"))), "the client recovers once replies flow again");
    }

    @Test
    void quorumLossStopsWritesButNotReadsWithoutGuarantees() throws Exception {
        ArakoonTestCluster cluster = cluster("quorum", 3);
        ArakoonClient client = client(fast(cluster).requestTimeout(Duration.ofMillis(100))
                .failoverDeadline(Duration.ofMillis(400)));
        client.set(b("k"), b("before"));
        cluster.stopNode("n1");
        cluster.stopNode("n2");
        cluster.loseQuorum();
        assertThrows(ArakoonOutcomeUnknownException.class, () -> client.replace(b("other"), b("x")));
        assertThrows(ArakoonException.class, () -> client.set(b("k"), b("during")));
        assertEquals("before", s(client.get(Consistency.NO_GUARANTEES, b("k"))));
        cluster.restoreQuorum();
        await("the hung write to commit", () -> cluster.value("other") != null);
        assertEquals("x", s(client.get(b("other"))), "a write that timed out committed once quorum came back");
    }

    @Test
    void reconnectsAfterTheServerDropsConnections() throws Exception {
        ArakoonTestCluster cluster = cluster("drop", 1);
        ArakoonClient client = client(fast(cluster));
        client.set(b("k"), b("v"));
        cluster.stopNode("n0");
        cluster.startNode("n0");
        assertEquals("v", s(client.get(b("k"))));
        await("one connection", () -> cluster.openConnections("n0") == 1);
    }

    @Test
    void slaveReadsSpreadOverSlavesAndFallBack() throws Exception {
        ArakoonTestCluster cluster = cluster("slaves", 3);
        ArakoonClient client = client(fast(cluster).readFromSlaves(true));
        client.set(b("k"), b("v"));
        for (int i = 0; i < 4; i++) {
            assertEquals("v", s(client.get(Consistency.NO_GUARANTEES, b("k"))));
        }
        assertTrue(cluster.requestsReceived("n1") >= 2 && cluster.requestsReceived("n2") >= 2, "both slaves read");
        long txid = client.getTxid().txid();
        assertEquals("v", s(client.get(Consistency.atLeast(txid), b("k"))));
        ArakoonClient impatient = client(fast(cluster).failoverDeadline(Duration.ofMillis(100)));
        assertThrows(ArakoonInconsistentReadException.class,
                () -> impatient.get(Consistency.atLeast(txid + 1000), b("k")));
        cluster.stopNode("n1");
        cluster.stopNode("n2");
        assertEquals("v", s(client.get(Consistency.NO_GUARANTEES, b("k"))), "the master serves when slaves are down");
    }

    @Test
    void manyThreadsShareOneConnectionPerNode() throws Exception {
        ArakoonTestCluster cluster = cluster("threads", 3);
        ArakoonClient client = client(fast(cluster).readFromSlaves(true));
        int threads = 16;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                work.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        byte[] key = b("t" + id + "/" + r);
                        client.set(key, key);
                        assertArrayEquals(key, client.get(key));
                        assertArrayEquals(key, client.get(Consistency.NO_GUARANTEES, key));
                        while (true) {
                            Optional<byte[]> old = client.find(Consistency.CONSISTENT, b("counter"));
                            byte[] next = b(Integer.toString(old.map(o -> Integer.parseInt(s(o))).orElse(0) + 1));
                            if (Optional.ofNullable(old.orElse(null)).map(ArakoonClientTest::s).equals(
                                    client.testAndSet(b("counter"), old.orElse(null), next).map(ArakoonClientTest::s))) {
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * rounds), s(client.get(b("counter"))));
        assertEquals(threads * rounds, client.prefixKeys(Consistency.CONSISTENT, b("t"), -1).size());
        for (String node : cluster.nodeNames()) {
            assertEquals(1, cluster.openConnections(node), "connections to " + node);
        }
    }

    @Test
    void severalConnectionsPerNodeAreUsedInTurn() throws Exception {
        ArakoonTestCluster cluster = cluster("pool", 1);
        ArakoonClient client = client(fast(cluster).connectionsPerNode(3));
        for (int i = 0; i < 9; i++) {
            client.set(b("k" + i), b("v"));
        }
        await("three connections", () -> cluster.openConnections("n0") == 3);
        assertEquals(9, client.prefixKeys(Consistency.CONSISTENT, b("k"), -1).size());
    }

    @Test
    void nodeStatusShowsEachNode() throws Exception {
        ArakoonTestCluster cluster = cluster("status", 3);
        ArakoonClient client = client(fast(cluster));
        cluster.stopNode("n2");
        List<NodeStatus> status = client.nodeStatus();
        assertEquals(List.of("n0", "n1", "n2"), status.stream().map(NodeStatus::node).toList());
        assertEquals("Stable_master", status.get(0).state());
        assertEquals(Optional.of("n0"), status.get(1).believedMaster());
        assertEquals("Slave_steady_state", status.get(1).state());
        assertFalse(status.get(2).reachable());
        assertFalse(status.get(2).error().isEmpty());
    }

    @Test
    void closedClientRefusesWork() throws Exception {
        ArakoonClient client = ArakoonClient.open(fast(cluster("closed", 1)).build());
        client.set(b("k"), b("v"));
        client.close();
        assertThrows(ArakoonException.class, () -> client.get(b("k")));
    }
}
