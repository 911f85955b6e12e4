package io.ovsworkers.bench;

import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Uncontended ensure-single cost through the real bundles in Felix on the store that serves (embedded by default):
 * an inline call of a DEFAULT task (register, run, remove: two store round trips, as the core's
 * {@code EnsureSingleClusterTest} counts) and of a DEDUPED task (two as well), beside the same dispatch without a
 * policy and one plain store write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnsureSingleBenchmark {
    private static final List<String> VPOOLS = List.of("vpool-1");
    private static final byte[] VALUE = "[{\"task_id\":null}]".getBytes(StandardCharsets.UTF_8);

    private FelixNode node;
    private KeyValueStore store;
    private TaskRef unguarded;
    private TaskRef defaultMode;
    private TaskRef dedupedMode;

    @Setup(Level.Trial)
    public void boot() throws Exception {
        Path dist = Path.of(System.getProperty("ovs.dist", "launcher/target/ovs"));
        node = new FelixNode(dist, Files.createTempDirectory("ovs-bench-single"), "core", "embedded", "examples");
        Tasks tasks = node.service(Tasks.class, 10_000);
        store = node.service(KeyValueStore.class, 10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tasks.describe("ovs.generic.execute_scrub").isEmpty() || tasks.describe("ovs.examples.add").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the example tasks did not register");
            }
            Thread.onSpinWait();
        }
        unguarded = tasks.task("ovs.examples.add");
        defaultMode = tasks.task("ovs.generic.delete_snapshots");
        dedupedMode = tasks.task("ovs.generic.execute_scrub");
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        node.close();
    }

    @Benchmark
    public Object withoutPolicy() {
        return unguarded.call(20L, 22L);
    }

    @Benchmark
    public Object defaultAcquireRunRelease() {
        return defaultMode.call(7L);
    }

    @Benchmark
    public Object dedupedAcquireRunRelease() {
        return dedupedMode.call(VPOOLS, "bench");
    }

    @Benchmark
    public void plainStoreWrite() {
        store.set("ovs_bench_plain_write", VALUE);
    }
}
