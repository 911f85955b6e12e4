package io.ovsworkers.embedded.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link EmbeddedCrashTest} kills: it leaves messages delivered and unacknowledged, stores a result,
 * then writes keys and publishes messages without end, printing {@code ACK n} after each round has returned to it.
 * It exits by itself when its standard input closes, should the test die first.
 */
public final class CrashChild {

    static final String WORK_QUEUE = "ovs_generic";
    static final String IN_FLIGHT_QUEUE = "ovs_inflight";
    static final int IN_FLIGHT = 3;
    static final String RESULT_TASK = "crash-result";
    static final String KEY_PREFIX = "crash/key/";
    static final String COUNTER = "crash/counter";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Thread exitWithParent = new Thread(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                System.err.println("standard input failed: " + e);
            }
            Runtime.getRuntime().halt(1);
        });
        exitWithParent.setDaemon(true);
        exitWithParent.start();

        EmbeddedStore store = new EmbeddedStore(folder);
        EmbeddedBroker broker = new EmbeddedBroker(folder);
        broker.declareQueue(WORK_QUEUE, "generic.#");
        broker.declareQueue(IN_FLIGHT_QUEUE, IN_FLIGHT_QUEUE);
        for (int i = 0; i < IN_FLIGHT; i++) {
            broker.publish(message("inflight-" + i, null, IN_FLIGHT_QUEUE));
        }
        CountDownLatch delivered = new CountDownLatch(IN_FLIGHT);
        broker.subscribe(IN_FLIGHT_QUEUE, IN_FLIGHT, delivery -> delivered.countDown());
        delivered.await();
        new EmbeddedResultBackend(store).store(new TaskResult(RESULT_TASK, TaskState.SUCCESS, List.of("kept"), null,
                Instant.parse("2026-12-03T16:00:00Z"), Map.of()));
        System.out.println("READY");

        for (int i = 0; i < 1_000_000; i++) {
            store.set(KEY_PREFIX + i, Integer.toString(i).getBytes(UTF_8));
            broker.publish(message("crash-" + i, "generic.crash", null));
            increment(store);
            System.out.println("ACK " + i);
        }
    }

    static TaskMessage message(String id, String routingKey, String queue) {
        return new TaskMessage(id, "crash.task", List.of(id), Map.of(), routingKey, queue, null, null, 0, null,
                Map.of());
    }

    private static void increment(EmbeddedStore store) {
        while (true) {
            Optional<byte[]> current = store.get(COUNTER);
            long next = current.map(value -> Long.parseLong(new String(value, UTF_8))).orElse(0L) + 1;
            if (store.compareAndSet(COUNTER, current.orElse(null), Long.toString(next).getBytes(UTF_8))) {
                return;
            }
        }
    }
}
