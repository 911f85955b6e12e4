package io.ovsworkers.arakoon.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What {@link ArakoonKeyValueStore} adds to the conformance suite: compare-and-set whose outcome was lost, against the
 * {@link ArakoonTestCluster} test double (no Arakoon server runs here).
 */
class ArakoonKeyValueStoreTest {

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void compareAndSetAppliedButUnansweredIsReportedAsApplied() throws Exception {
        try (ArakoonTestCluster cluster = ArakoonTestCluster.start("cas", 3)) {
            ArakoonConnector connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                ArakoonKeyValueStore store = new ArakoonKeyValueStore(connector);
                store.set("lock", "old".getBytes(UTF_8));
                cluster.holdReplies("n0");
                long before = cluster.requestsReceived("n0");
                Future<Boolean> cas = pool.submit(() -> store.compareAndSet("lock", "old".getBytes(UTF_8),
                        "mine".getBytes(UTF_8)));
                await("the test_and_set to reach the master", () -> cluster.requestsReceived("n0") == before + 1);
                cluster.stopNode("n0");
                cluster.setMaster("n1");
                assertTrue(cas.get(), "applied before the master died, so it holds");
                assertEquals("mine", new String(store.get("lock").orElseThrow(), UTF_8));
            } finally {
                pool.shutdownNow();
                connector.close();
            }
        }
    }

    @Test
    void compareAndSetNeverAppliedIsTriedAgain() throws Exception {
        try (ArakoonTestCluster cluster = ArakoonTestCluster.start("cas_retry", 3)) {
            ArakoonConnector connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                ArakoonKeyValueStore store = new ArakoonKeyValueStore(connector);
                store.set("lock", "old".getBytes(UTF_8));
                long before = cluster.requestsReceived("n0");
                cluster.loseQuorum();
                Future<Boolean> cas = pool.submit(() -> store.compareAndSet("lock", "old".getBytes(UTF_8),
                        "mine".getBytes(UTF_8)));
                await("the test_and_set to reach the master", () -> cluster.requestsReceived("n0") == before + 1);
                cluster.stopNode("n0");
                cluster.setMaster("n1");
                cluster.restoreQuorum();
                assertTrue(cas.get(), "not applied by the dead master, so sent again to the new one");
                assertEquals("mine", new String(store.get("lock").orElseThrow(), UTF_8));
            } finally {
                pool.shutdownNow();
                connector.close();
            }
        }
    }

    @Test
    void oversizedValuesAreBadInput() throws Exception {
        try (ArakoonTestCluster cluster = ArakoonTestCluster.start("big", 1)) {
            ArakoonConnector connector = new ArakoonConnector(Configs.forCluster(cluster, Map.of()));
            try {
                ArakoonKeyValueStore store = new ArakoonKeyValueStore(connector);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> store.set("big", new byte[8 * 1024 * 1024]));
                assertTrue(e.getMessage().contains("big"), e.getMessage());
                assertEquals(List.of(), store.keys("", 10));
            } finally {
                connector.close();
            }
        }
    }
}
