package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.DeliveryHandler;
import io.ovsworkers.spi.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A subscription: its own dispatcher thread hands the queue's messages to the handler, within the prefetch. */
final class QueueConsumer implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);

    final StoredQueue queue;
    final int prefetch;
    /** Delivered and not yet settled, by sequence number; guarded by the broker's lock. */
    final Map<Long, StoredMessage> unsettled = new LinkedHashMap<>();
    /** Guarded by the broker's lock. */
    boolean closed;

    private final EmbeddedBroker broker;
    private final DeliveryHandler handler;
    private final Thread dispatcher;

    QueueConsumer(EmbeddedBroker broker, StoredQueue queue, int prefetch, DeliveryHandler handler, String threadName) {
        this.broker = broker;
        this.queue = queue;
        this.prefetch = prefetch;
        this.handler = handler;
        this.dispatcher = new Thread(this::dispatch, threadName);
        dispatcher.setDaemon(true);
    }

    void start() {
        dispatcher.start();
    }

    @Override
    public void close() {
        broker.close(this);
    }

    /** Waits until the dispatcher has handed over its last delivery; no-op when called from the handler itself. */
    void awaitDispatcherEnd() {
        if (Thread.currentThread() == dispatcher) {
            return;
        }
        try {
            dispatcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch() {
        try {
            EmbeddedDelivery delivery;
            while ((delivery = broker.nextDelivery(this)) != null) {
                try {
                    handler.onDelivery(delivery);
                } catch (RuntimeException e) {
                    // left unsettled, as a failing AMQP consumer leaves it: it returns to the queue on close
                    LOG.error("Handler of queue {} failed on message {}", queue.name, delivery.message().id(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
