package io.ovsworkers.arakoon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.TaskResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ArakoonResultBackend} against the {@link ArakoonTestCluster} test double (no Arakoon server runs here). */
class ArakoonResultBackendTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ArakoonTestCluster cluster(int nodes) throws Exception {
        ArakoonTestCluster cluster = ArakoonTestCluster.start("results", nodes);
        toClose.add(cluster);
        return cluster;
    }

    private ArakoonResultBackend backend(ArakoonTestCluster cluster, Map<String, Object> overrides) {
        ArakoonConnector connector = new ArakoonConnector(Configs.forCluster(cluster, overrides));
        ArakoonResultBackend backend = new ArakoonResultBackend(connector);
        toClose.add(connector::close);
        toClose.add(backend::deactivate);
        return backend;
    }

    private static TaskResult result(String id, TaskState state, Instant done) {
        return new TaskResult(id, state, state == TaskState.SUCCESS ? Map.of("answer", 42) : null, null, done,
                Map.of("name", "test.task"));
    }

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
    void resultsAreCeleryJsonMetaUnderThePrefixedKey() throws Exception {
        ArakoonTestCluster cluster = cluster(1);
        backend(cluster, Map.of()).store(result("t-1", TaskState.SUCCESS, Instant.parse("2026-05-06T07:08:09.123456Z")));
        JsonNode meta = new ObjectMapper().readTree(cluster.value("ovs_tasks_celery-task-meta-t-1"));
        assertEquals("SUCCESS", meta.get("status").asText());
        assertEquals(42, meta.get("result").get("answer").asInt());
        assertEquals("2026-05-06T07:08:09.123456", meta.get("date_done").asText());
        assertEquals("t-1", meta.get("task_id").asText());
        assertTrue(meta.get("traceback").isNull());
        assertTrue(meta.get("children").isArray());
        assertEquals("test.task", meta.get("name").asText());

        backend(cluster, Map.of("keyPrefix", "other_")).store(result("t-2", TaskState.STARTED, null));
        assertNotNull(cluster.value("other_celery-task-meta-t-2"));
    }

    @Test
    void cleanupRemovesOnlyExpiredFinishedResults() throws Exception {
        ArakoonTestCluster cluster = cluster(1);
        ArakoonResultBackend backend = backend(cluster, Map.of("resultExpiry", 3600L));
        Instant old = NOW.minus(Duration.ofHours(2));
        Instant recent = NOW.minus(Duration.ofMinutes(5));
        backend.store(result("old-success", TaskState.SUCCESS, old));
        backend.store(result("old-failure", TaskState.FAILURE, old));
        backend.store(result("old-revoked", TaskState.REVOKED, old));
        backend.store(result("recent-success", TaskState.SUCCESS, recent));
        backend.store(result("old-started", TaskState.STARTED, old));
        backend.store(result("old-retry", TaskState.RETRY, old));
        backend.store(result("old-pending", TaskState.PENDING, old));
        backend.store(result("undated", TaskState.SUCCESS, null));
        cluster.put("ovs_tasks_celery-task-meta-not-json", "{{{");
        cluster.put("ovs_tasks_celery-taskset-meta-group", "{\"status\": \"SUCCESS\"}");
        cluster.put("ovs_tasks_chord-unlock-group", "0");

        assertEquals(3, backend.cleanup(NOW));
        for (String gone : List.of("old-success", "old-failure", "old-revoked")) {
            assertNull(cluster.value("ovs_tasks_celery-task-meta-" + gone), gone);
        }
        for (String kept : List.of("recent-success", "old-started", "old-retry", "old-pending", "undated", "not-json")) {
            assertNotNull(cluster.value("ovs_tasks_celery-task-meta-" + kept), kept);
        }
        assertNotNull(cluster.value("ovs_tasks_celery-taskset-meta-group"));
        assertNotNull(cluster.value("ovs_tasks_chord-unlock-group"));
    }

    @Test
    void groupsAreCeleryTasksetMetaUnderThePrefixedKey() throws Exception {
        ArakoonTestCluster cluster = cluster(1);
        ArakoonResultBackend backend = backend(cluster, Map.of());
        backend.store(result("t-1", TaskState.SUCCESS, NOW));
        backend.saveGroup("g-1", List.of("t-1", "t-2"));

        JsonNode meta = new ObjectMapper().readTree(cluster.value("ovs_tasks_celery-taskset-meta-g-1"));
        assertEquals("[[\"g-1\",null],[[[\"t-1\",null],null],[[\"t-2\",null],null]]]", meta.get("result").toString());
        assertEquals(Optional.of(List.of("t-1", "t-2")), backend.getGroup("g-1"));
        assertEquals(Optional.empty(), backend.getGroup("unknown"));

        backend.forgetGroup("g-1");
        assertEquals(Optional.empty(), backend.getGroup("g-1"));
        assertTrue(backend.get("t-1").isPresent(), "a forgotten group leaves its members' results");
    }

    @Test
    void groupsOfGroupsAreRefusedWithTheKeyNamed() throws Exception {
        ArakoonTestCluster cluster = cluster(1);
        cluster.put("ovs_tasks_celery-taskset-meta-nested", "{\"result\": [[\"nested\", null],"
                + " [[[\"inner\", null], [[[\"t-1\", null], null]]]]]}");
        BackendException refused = assertThrows(BackendException.class,
                () -> backend(cluster, Map.of()).getGroup("nested"));
        assertTrue(refused.getMessage().contains("ovs_tasks_celery-taskset-meta-nested"), refused.getMessage());
    }

    @Test
    void cleanupRemovesGroupsSavedBeforeTheExpiryAndLeavesCeleryUndatedOnes() throws Exception {
        ArakoonTestCluster cluster = cluster(1);
        ArakoonResultBackend backend = backend(cluster, Map.of("resultExpiry", 3600L));
        cluster.put("ovs_tasks_celery-taskset-meta-old", new String(CeleryMeta.encodeGroup("old", List.of("t-1"),
                NOW.minus(Duration.ofHours(2))), StandardCharsets.UTF_8));
        cluster.put("ovs_tasks_celery-taskset-meta-recent", new String(CeleryMeta.encodeGroup("recent",
                List.of("t-1"), NOW.minus(Duration.ofMinutes(5))), StandardCharsets.UTF_8));
        cluster.put("ovs_tasks_celery-taskset-meta-celery", "{\"result\": [[\"celery\", null], []]}");

        assertEquals(1, backend.cleanup(NOW));
        assertNull(cluster.value("ovs_tasks_celery-taskset-meta-old"));
        assertNotNull(cluster.value("ovs_tasks_celery-taskset-meta-recent"));
        assertNotNull(cluster.value("ovs_tasks_celery-taskset-meta-celery"));
    }

    @Test
    void cleanupPagesThroughManyResults() throws Exception {
        ArakoonTestCluster cluster = cluster(1);
        ArakoonResultBackend backend = backend(cluster, Map.of("resultExpiry", 60L));
        for (int i = 0; i < 1200; i++) {
            TaskResult stored = result("many-" + i, i % 3 == 0 ? TaskState.STARTED : TaskState.SUCCESS,
                    NOW.minusSeconds(120));
            cluster.put("ovs_tasks_celery-task-meta-" + stored.taskId(),
                    new String(CeleryMeta.encode(stored), java.nio.charset.StandardCharsets.UTF_8));
        }
        cluster.put("ovs_tasks_celery-taskset-meta-after", "{}");
        assertEquals(800, backend.cleanup(NOW));
        assertEquals(401, cluster.size());
    }

    @Test
    void concurrentStoresAreCommittedTogether() throws Exception {
        ArakoonTestCluster cluster = cluster(3);
        ArakoonResultBackend backend = backend(cluster, Map.of());
        backend.store(result("warm-up", TaskState.STARTED, null));
        cluster.holdReplies("n0");
        long before = cluster.requestsReceived("n0");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> stores = new ArrayList<>();
            stores.add(pool.submit(() -> backend.store(result("first", TaskState.SUCCESS, NOW))));
            await("the first sequence to reach the master", () -> cluster.requestsReceived("n0") == before + 1);
            List<Thread> waiting = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String id = "queued-" + i;
                stores.add(pool.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    backend.store(result(id, TaskState.SUCCESS, NOW));
                }));
            }
            await("nine stores queued behind the first", () -> {
                synchronized (waiting) {
                    return waiting.size() == 9 && waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
                }
            });
            cluster.releaseReplies("n0");
            for (Future<?> f : stores) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 2, cluster.requestsReceived("n0"), "ten stores took two sequences");
        assertEquals(11, cluster.size());
    }

    @Test
    void awaitSeesResultsStoredByAnotherNode() throws Exception {
        ArakoonTestCluster cluster = cluster(3);
        ArakoonResultBackend here = backend(cluster, Map.of());
        ArakoonResultBackend elsewhere = backend(cluster, Map.of());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TaskResult> awaited = pool.submit(() -> here.await("remote", Duration.ofSeconds(30)));
            elsewhere.store(result("remote", TaskState.STARTED, null));
            elsewhere.store(result("remote", TaskState.SUCCESS, NOW));
            assertEquals(TaskState.SUCCESS, awaited.get().state());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storesFollowTheMasterAcrossFailover() throws Exception {
        ArakoonTestCluster cluster = cluster(3);
        ArakoonResultBackend backend = backend(cluster, Map.of());
        backend.store(result("before", TaskState.SUCCESS, NOW));
        cluster.stopNode("n0");
        cluster.setMaster("n2");
        backend.store(result("after", TaskState.SUCCESS, NOW));
        assertEquals(TaskState.SUCCESS, backend.get("after").orElseThrow().state());
        backend.forget("after");
        assertTrue(backend.get("after").isEmpty());
    }
}
