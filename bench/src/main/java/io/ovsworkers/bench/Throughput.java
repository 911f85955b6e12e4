package io.ovsworkers.bench;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.TaskRef;
import io.ovsworkers.api.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * No-op tasks per second through the broker that serves the node, with results: every task is sent with
 * {@code delay}, run by the node's workers, stored, and its result read back. Features and configuration decide the
 * backends: {@code -Dfeatures=core,embedded,examples} (default) or, with a RabbitMQ configuration file in
 * {@code -Dconfig.dir}, the rabbitmq feature too.
 */
public final class Throughput {
    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(System.getProperty("ovs.dist", "launcher/target/ovs"));
        int count = Integer.parseInt(System.getProperty("tasks", "5000"));
        String[] features = System.getProperty("features", "core,embedded,examples").split(",");
        Path work = Files.createTempDirectory("ovs-bench-throughput");
        if (System.getProperty("config.dir") != null) {
            System.setProperty("felix.fileinstall.dir", System.getProperty("config.dir"));
            System.setProperty("felix.fileinstall.noInitialDelay", "true");
        }
        try (FelixNode node = new FelixNode(dist, work.resolve("felix"), features)) {
            Tasks tasks = node.service(Tasks.class, 10_000);
            while (tasks.describe("ovs.examples.echo").isEmpty()) {
                Thread.onSpinWait();
            }
            TaskRef echo = tasks.task("ovs.examples.echo");
            echo.delay("warm-up").get(Duration.ofSeconds(30));
            run(echo, Math.min(500, count));
            double perSecond = run(echo, count);
            System.out.printf("%s: %d no-op tasks with results, %d sending threads: %.0f tasks/s%n", String.join(",", features), count,
                    Integer.getInteger("senders", 8), perSecond);
        }
    }

    /** Sends from several caller threads, as many clients of a node would, then waits for every result. */
    private static double run(TaskRef echo, int count) throws Exception {
        int senders = Integer.getInteger("senders", 8);
        long start = System.nanoTime();
        List<AsyncResult> sent = java.util.Collections.synchronizedList(new ArrayList<>(count));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(senders);
        for (int i = 0; i < count; i++) {
            int value = i;
            callers.execute(() -> sent.add(echo.delay(value)));
        }
        callers.shutdown();
        if (!callers.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new IllegalStateException("sending took more than 5 minutes");
        }
        for (AsyncResult result : sent) {
            result.get(Duration.ofMinutes(5));
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
