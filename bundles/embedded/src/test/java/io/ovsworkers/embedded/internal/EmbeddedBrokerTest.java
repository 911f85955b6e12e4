package io.ovsworkers.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded broker does beyond the SPI contract that the conformance suite checks. */
class EmbeddedBrokerTest {

    @TempDir
    Path folder;

    private EmbeddedBroker broker;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        broker = new EmbeddedBroker(folder);
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void subscribingToAnUndeclaredQueueIsRefused() {
        BackendException refused = assertThrows(BackendException.class,
                () -> broker.subscribe("ovs_nowhere", 1, received::add));

        assertTrue(refused.getMessage().contains("ovs_nowhere"), refused.getMessage());
    }

    @Test
    void negativePrefetchIsRefused() {
        broker.declareQueue("q", "q");

        assertThrows(IllegalArgumentException.class, () -> broker.subscribe("q", -1, received::add));
    }

    @Test
    void settlingTwiceIsRefused() throws Exception {
        broker.declareQueue("q", "q");
        publishTo("q");
        broker.subscribe("q", 1, received::add);
        Delivery delivery = next();
        delivery.ack();

        assertThrows(IllegalStateException.class, delivery::ack);
        assertThrows(IllegalStateException.class, delivery::requeue);
    }

    @Test
    void settlementAfterTheSubscriptionClosedIsIgnoredAndTheMessageComesBack() throws Exception {
        broker.declareQueue("q", "q");
        String sent = publishTo("q");
        Subscription first = broker.subscribe("q", 1, received::add);
        Delivery late = next();
        first.close();

        late.ack();
        broker.subscribe("q", 1, received::add);
        Delivery again = next();

        assertEquals(sent, again.message().id());
        assertTrue(again.redelivered());
    }

    @Test
    void aFailingHandlerLeavesTheMessageUnsettledUntilClose() throws Exception {
        broker.declareQueue("q", "q");
        String sent = publishTo("q");
        AtomicBoolean failed = new AtomicBoolean();
        Subscription failing = broker.subscribe("q", 1, delivery -> {
            failed.set(true);
            throw new IllegalStateException("handler bug (expected in this test)");
        });
        waitUntil(failed);
        assertEquals(0, broker.depth("q"));

        failing.close();
        broker.subscribe("q", 1, received::add);
        Delivery again = next();

        assertEquals(sent, again.message().id());
        assertTrue(again.redelivered());
    }

    @Test
    void aClosedBrokerRefusesWorkAndLetsSubscriptionsClose() throws Exception {
        broker.declareQueue("q", "q");
        Subscription subscription = broker.subscribe("q", 1, received::add);
        broker.close();

        subscription.close();
        BackendException refused = assertThrows(BackendException.class, () -> publishTo("q"));

        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        broker = new EmbeddedBroker(folder);
    }

    @Test
    void aSecondBrokerOnTheSameFolderIsRefusedNamingTheFile() {
        BackendException refused = assertThrows(BackendException.class, () -> new EmbeddedBroker(folder));

        assertTrue(refused.getMessage().contains(folder.resolve(EmbeddedBroker.FILE_NAME).toString()),
                refused.getMessage());
    }

    private String publishTo(String queue) {
        TaskMessage message = new TaskMessage(UUID.randomUUID().toString(), "t", List.of(), Map.of(), null, queue,
                null, null, 0, null, Map.of());
        broker.publish(message);
        return message.id();
    }

    private Delivery next() throws InterruptedException {
        Delivery delivery = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(delivery, "no delivery within 20 s");
        return delivery;
    }

    private static void waitUntil(AtomicBoolean condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.get()) {
            assertFalse(System.nanoTime() - end > 0, "condition not reached within 20 s");
            Thread.sleep(10);
        }
    }
}
