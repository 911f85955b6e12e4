package io.ovsworkers.arakoon.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonClusterConfig;
import io.ovsworkers.arakoon.client.Consistency;
import io.ovsworkers.arakoon.client.Update;
import io.ovsworkers.arakoon.testserver.ArakoonTestCluster;
import io.ovsworkers.spi.TaskResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Throughput against a real cluster, opt-in: {@code -Darakoon.bench.ini=/path/to/cluster.ini} (skipped otherwise).
 * {@code -Darakoon.bench.double=true} runs it against the 3-node test double instead, which only shows that the
 * client pipelines and the result backend batches; its numbers say nothing about Arakoon. Prints ops/s for GET, SET,
 * TEST_AND_SET and a 3-update sequence with 1 and 8 threads, and results stored per second by the result backend
 * under 8 concurrent writers. Keys live under a random {@code bench/<uuid>/} prefix, removed afterwards.
 */
class ArakoonBenchmarkTest {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("arakoon.bench.seconds", 3));

    @FunctionalInterface
    private interface Op {
        void run(int thread, long i);
    }

    private static double opsPerSecond(int threads, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + RUN.toNanos();
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (long i = 0; System.nanoTime() < end; i++) {
                        op.run(thread, i);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    @Test
    void throughput() throws Exception {
        String ini = System.getProperty("arakoon.bench.ini");
        boolean onDouble = Boolean.getBoolean("arakoon.bench.double");
        assumeTrue(ini != null || onDouble, "no cluster: set -Darakoon.bench.ini=<cluster .ini> to run");
        try (ArakoonTestCluster double3 = onDouble ? ArakoonTestCluster.start("bench", 3) : null) {
            ArakoonClusterConfig config = onDouble ? double3.clientConfig().build()
                    : ArakoonClusterConfig.fromIni(Path.of(ini)).build();
            String prefix = "bench/" + UUID.randomUUID() + "/";
            try (ArakoonClient client = ArakoonClient.open(config)) {
                byte[] value = new byte[100];
                client.set(bytes(prefix + "get"), value);
                for (int threads : new int[] {1, 8}) {
                    report("get", threads, opsPerSecond(threads, (t, i) -> client.get(bytes(prefix + "get"))));
                    report("set", threads, opsPerSecond(threads, (t, i) -> client.set(bytes(prefix + "s/" + t + "/"
                            + (i % 1000)), value)));
                    report("test_and_set", threads, opsPerSecond(threads, (t, i) -> client.testAndSet(
                            bytes(prefix + "tas/" + t), null, null)));
                    report("sequence of 3", threads, opsPerSecond(threads, (t, i) -> client.sequence(List.of(
                            Update.set(bytes(prefix + "q/" + t + "/a"), value),
                            Update.set(bytes(prefix + "q/" + t + "/b"), value),
                            Update.assertExists(bytes(prefix + "get"))))));
                }
                report("GET no guarantees", 16, opsPerSecond(16, (t, i) -> client.get(Consistency.NO_GUARANTEES,
                        bytes(prefix + "get"))));
                ArakoonConnector connector = new ArakoonConnector(new ArakoonSettings(config, prefix,
                        Duration.ofDays(1), Duration.ZERO));
                ArakoonResultBackend backend = new ArakoonResultBackend(connector);
                try {
                    backend.store(TaskResult.pending("warm-up"));
                    report("result backend stores", 8, opsPerSecond(8, (t, i) -> backend.store(new TaskResult(
                            t + "-" + (i % 1000), TaskState.SUCCESS, Map.of("n", i), null, Instant.now(),
                            Map.of()))));
                } finally {
                    backend.deactivate();
                    connector.close();
                }
                client.deletePrefix(bytes(prefix));
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String what, int threads, double opsPerSecond) {
        System.out.printf("arakoon bench: %-22s %2d thread(s): %,10.0f ops/s%n", what, threads, opsPerSecond);
    }
}
