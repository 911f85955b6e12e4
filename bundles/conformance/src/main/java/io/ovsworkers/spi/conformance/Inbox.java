package io.ovsworkers.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.DeliveryHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler that keeps deliveries for the test thread, and counts how many are unsettled at most. */
final class Inbox implements DeliveryHandler {

    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final AtomicInteger unsettled = new AtomicInteger();
    private final AtomicInteger mostUnsettled = new AtomicInteger();

    @Override
    public void onDelivery(Delivery delivery) {
        mostUnsettled.accumulateAndGet(unsettled.incrementAndGet(), Math::max);
        received.add(delivery);
    }

    /** The next delivery; fails the test when none comes within the deadline. */
    Delivery next() throws InterruptedException {
        Delivery delivery = received.poll(Deadline.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(delivery, "no delivery within " + Deadline.WAIT.toSeconds() + " s");
        return delivery;
    }

    List<Delivery> next(int count) throws InterruptedException {
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deliveries.add(next());
        }
        return deliveries;
    }

    /**
     * Acknowledges and collects deliveries up to the one with the marker's id. Per-queue FIFO makes the marker,
     * published last, prove that nothing published before it is still on its way.
     */
    List<Delivery> untilMarker(String markerId) throws InterruptedException {
        List<Delivery> before = new ArrayList<>();
        while (true) {
            Delivery delivery = next();
            settled();
            delivery.ack();
            if (delivery.message().id().equals(markerId)) {
                return before;
            }
            before.add(delivery);
        }
    }

    /** Records, before the test settles a delivery, that it is no longer counted as unsettled. */
    void settled() {
        unsettled.decrementAndGet();
    }

    /** The highest number of deliveries that were unsettled at once. */
    int mostUnsettled() {
        return mostUnsettled.get();
    }
}
