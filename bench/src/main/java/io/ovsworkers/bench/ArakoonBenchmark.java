package io.ovsworkers.bench;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonClusterConfig;
import io.ovsworkers.arakoon.client.Consistency;
import io.ovsworkers.arakoon.client.Update;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of a real Arakoon cluster given by its {@code .ini} ({@code -Darakoon.ini=/path}; without it the
 * benchmark says so and does nothing): ops/s for GET, SET, TEST_AND_SET and a 3-update sequence with 1 and 8 client
 * threads, consistent-less GETs with 16 threads, and results stored per second by the Arakoon result backend under 8
 * concurrent writers. The client is used as a library; the result backend is the real bundle in Felix, configured
 * through PID {@code io.ovsworkers.arakoon}, without the core and beat bundles, which would take part in the cluster
 * (beat lease, revocations). Every key lives under a random {@code bench/<uuid>/} prefix, removed afterwards.
 */
public final class ArakoonBenchmark {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("seconds", 3));
    private static final byte[] VALUE = new byte[100];

    private ArakoonBenchmark() {
    }

    @FunctionalInterface
    private interface Op {
        void run(int thread, long i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String ini = System.getProperty("arakoon.ini");
        if (ini == null || ini.isBlank()) {
            System.out.println("arakoon bench: skipped, no cluster given; run bench/run.sh arakoon"
                    + " -Darakoon.ini=/path/to/cluster.ini (keys are written under bench/<uuid>/ and removed)");
            return;
        }
        ArakoonClusterConfig config = ArakoonClusterConfig.fromIni(Path.of(ini)).build();
        String prefix = "bench/" + UUID.randomUUID() + "/";
        System.out.printf("arakoon bench: cluster %s, %d node(s), %d s per measurement, keys under %s%n",
                config.clusterId(), config.nodes().size(), RUN.toSeconds(), prefix);
        try (ArakoonClient client = ArakoonClient.open(config)) {
            try {
                clientOperations(client, prefix);
                resultBackend(Path.of(ini), prefix);
            } finally {
                client.deletePrefix(bytes(prefix));
            }
        }
    }

    private static void clientOperations(ArakoonClient client, String prefix) throws Exception {
        byte[] readKey = bytes(prefix + "get");
        client.set(readKey, VALUE);
        for (int threads : new int[] {1, 8}) {
            report("get", threads, opsPerSecond(threads, (t, i) -> client.get(readKey)));
            report("set", threads, opsPerSecond(threads, (t, i) ->
                    client.set(bytes(prefix + "set/" + t + "/" + (i % 1000)), VALUE)));
            report("test_and_set", threads, opsPerSecond(threads, (t, i) ->
                    client.testAndSet(bytes(prefix + "tas/" + t), null, null)));
            report("sequence of 3", threads, opsPerSecond(threads, (t, i) -> client.sequence(List.of(
                    Update.set(bytes(prefix + "seq/" + t + "/a"), VALUE),
                    Update.set(bytes(prefix + "seq/" + t + "/b"), VALUE),
                    Update.assertExists(readKey)))));
        }
        report("get, no guarantees", 16, opsPerSecond(16, (t, i) -> client.get(Consistency.NO_GUARANTEES, readKey)));
    }

    private static void resultBackend(Path ini, String prefix) throws Exception {
        Path dist = Path.of(System.getProperty("ovs.dist", "launcher/target/ovs"));
        Path work = Files.createTempDirectory("ovs-bench-arakoon");
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("io.ovsworkers.arakoon.cfg"), "iniFile = " + ini.toAbsolutePath()
                + "\nkeyPrefix = " + prefix + "\ncleanupInterval = 0\n");
        System.setProperty("felix.fileinstall.dir", config.toString());
        System.setProperty("felix.fileinstall.noInitialDelay", "true");
        // as the launcher: FileInstall must not write configurations back into the file (one run here found it emptied)
        System.setProperty("felix.fileinstall.enableConfigSave", "false");
        try (FelixNode node = new FelixNode(dist, work.resolve("felix"),
                Set.of("io.ovsworkers.core", "io.ovsworkers.beat"), "core", "arakoon")) {
            ResultBackend backend = node.service(ResultBackend.class, 30_000);
            backend.store(TaskResult.pending("warm-up"));
            report("result backend stores", 8, opsPerSecond(8, (t, i) -> backend.store(new TaskResult(
                    t + "-" + (i % 1000), TaskState.SUCCESS, Map.of("n", i), null, Instant.now(), Map.of()))));
        }
    }

    private static double opsPerSecond(int threads, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
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
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String what, int threads, double opsPerSecond) {
        System.out.printf("arakoon bench: %-22s %2d thread(s): %,10.0f ops/s%n", what, threads, opsPerSecond);
    }
}
