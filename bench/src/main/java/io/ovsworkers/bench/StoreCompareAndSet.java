package io.ovsworkers.bench;

import io.ovsworkers.spi.KeyValueStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * KeyValueStore compare-and-set operations per second on the store that serves the node (the embedded MVStore store
 * by default): each operation reads a counter and swaps it for its successor, as the lock code does.
 */
public final class StoreCompareAndSet {
    private StoreCompareAndSet() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(System.getProperty("ovs.dist", "launcher/target/ovs"));
        int seconds = Integer.parseInt(System.getProperty("seconds", "3"));
        String[] features = System.getProperty("features", "core,embedded").split(",");
        Path work = Files.createTempDirectory("ovs-bench-cas");
        try (FelixNode node = new FelixNode(dist, work.resolve("felix"), features)) {
            KeyValueStore store = node.service(KeyValueStore.class, 10_000);
            casLoop(store, "ovs_bench_warmup", 1);
            for (int threads : new int[] {1, 2}) {
                long total = 0;
                Thread[] workers = new Thread[threads];
                long[] counts = new long[threads];
                for (int t = 0; t < threads; t++) {
                    int index = t;
                    workers[t] = new Thread(() -> counts[index] = casLoop(store, "ovs_bench_counter_" + threads, seconds));
                    workers[t].start();
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                for (long count : counts) {
                    total += count;
                }
                byte[] value = store.get("ovs_bench_counter_" + threads).orElseThrow();
                long counter = ByteBuffer.wrap(value).getLong();
                System.out.printf("%d thread(s) on one key: %.0f compare-and-set/s (counter %d = successful swaps %d)%n",
                        threads, total / (double) seconds, counter, total);
            }
        }
    }

    /** Increments the counter by compare-and-set until the time is up; returns the successful swaps. */
    private static long casLoop(KeyValueStore store, String key, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long swaps = 0;
        while (System.nanoTime() < end) {
            Optional<byte[]> current = store.get(key);
            long next = current.map(bytes -> ByteBuffer.wrap(bytes).getLong() + 1).orElse(1L);
            if (store.compareAndSet(key, current.orElse(null), ByteBuffer.allocate(8).putLong(next).array())) {
                swaps++;
            }
        }
        return swaps;
    }
}
