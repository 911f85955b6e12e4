package io.ovsworkers.bench;

import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.examples.ExampleTasks;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Inline dispatch overhead: {@code tasks.task(name).call(a, b)} through the real core bundle in Felix (lookup,
 * argument binding, invocation) against a direct Java call of the same method. No ensure-single policy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InlineDispatchBenchmark {
    private FelixNode node;
    private TaskRef add;
    private ExampleTasks direct;
    private long a = 20;
    private long b = 22;

    @Setup(Level.Trial)
    public void boot() throws Exception {
        Path dist = Path.of(System.getProperty("ovs.dist", "launcher/target/ovs"));
        node = new FelixNode(dist, Files.createTempDirectory("ovs-bench-felix"), "core", "examples");
        Tasks tasks = node.service(Tasks.class, 10_000);
        add = tasks.task("ovs.examples.add");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tasks.describe("ovs.examples.add").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ovs.examples.add did not register");
            }
            Thread.onSpinWait();
        }
        direct = new ExampleTasks();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        node.close();
    }

    @Benchmark
    public long directCall() {
        return direct.add(a, b);
    }

    @Benchmark
    public Object dispatchedCall() {
        return add.call(a, b);
    }
}
