package io.ovsworkers.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' queue operations of the embedded broker: consumers, browse, move (requeue dead letters), purge. */
class EmbeddedQueueOperationsTest {

    @TempDir
    Path folder;

    private EmbeddedBroker broker;

    @BeforeEach
    void open() {
        broker = new EmbeddedBroker(folder);
        broker.declareQueue("ovs_generic", "generic.#");
    }

    @AfterEach
    void close() {
        broker.close();
    }

    private static TaskMessage message(String id) {
        return new TaskMessage(id, "t.task", List.of(1), Map.of(), "generic.default", null, null, null, 0, null, Map.of());
    }

    /** Dead-letters the next message of ovs_generic with this reason. */
    private void deadLetterNext(String reason) throws InterruptedException {
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        try (Subscription subscription = broker.subscribe("ovs_generic", 1, deliveries::add)) {
            Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
            delivery.deadLetter(reason);
        }
    }

    @Test
    void browseShowsDeadLettersWithTheirReasonAndLeavesThemInPlace() throws Exception {
        broker.publish(message("a"));
        broker.publish(message("b"));
        deadLetterNext("unknown task");
        deadLetterNext("malformed");

        List<TaskMessage> dead = broker.browse(Broker.DEAD_LETTER_QUEUE, 10);
        assertEquals(List.of("a", "b"), dead.stream().map(TaskMessage::id).toList());
        assertEquals("unknown task", dead.get(0).headers().get(Broker.DEAD_LETTER_REASON_HEADER));
        assertEquals(List.of("a"), broker.browse(Broker.DEAD_LETTER_QUEUE, 1).stream().map(TaskMessage::id).toList());
        assertEquals(2, broker.depth(Broker.DEAD_LETTER_QUEUE));
    }

    @Test
    void moveRequeuesDeadLettersWithoutTheirReason() throws Exception {
        broker.publish(message("a"));
        deadLetterNext("unknown task");

        assertEquals(1, broker.move(Broker.DEAD_LETTER_QUEUE, "ovs_generic"));

        assertEquals(0, broker.depth(Broker.DEAD_LETTER_QUEUE));
        TaskMessage requeued = broker.browse("ovs_generic", 10).get(0);
        assertEquals("a", requeued.id());
        assertFalse(requeued.headers().containsKey(Broker.DEAD_LETTER_REASON_HEADER));
        BackendException refused = assertThrows(BackendException.class, () -> broker.move("ovs_generic", "ovs_nowhere"));
        assertTrue(refused.getMessage().contains("ovs_nowhere"), refused.getMessage());
    }

    @Test
    void purgeEmptiesTheQueueAndCountsConsumers() throws Exception {
        broker.publish(message("a"));
        broker.publish(message("b"));
        assertEquals(2, broker.purge("ovs_generic"));
        assertEquals(0, broker.depth("ovs_generic"));
        assertEquals(0, broker.consumers("ovs_generic"));
        try (Subscription subscription = broker.subscribe("ovs_generic", 1, delivery -> { })) {
            assertEquals(1, broker.consumers("ovs_generic"));
        }
    }
}
