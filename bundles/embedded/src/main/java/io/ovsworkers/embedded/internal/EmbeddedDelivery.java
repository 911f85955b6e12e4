package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.TaskMessage;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** One delivery of a queued message to a consumer; the broker settles it at most once. */
final class EmbeddedDelivery implements Delivery {

    final QueueConsumer consumer;
    final long sequence;
    final StoredMessage stored;

    private final EmbeddedBroker broker;
    private final TaskMessage message;
    private final AtomicBoolean settled = new AtomicBoolean();

    EmbeddedDelivery(EmbeddedBroker broker, QueueConsumer consumer, long sequence, StoredMessage stored) {
        this.broker = broker;
        this.consumer = consumer;
        this.sequence = sequence;
        this.stored = stored;
        this.message = stored.toTaskMessage();
    }

    @Override
    public TaskMessage message() {
        return message;
    }

    @Override
    public boolean redelivered() {
        return stored.redelivered();
    }

    @Override
    public void ack() {
        settleOnce();
        broker.ack(this);
    }

    @Override
    public void requeue() {
        settleOnce();
        broker.requeue(this);
    }

    @Override
    public void deadLetter(String reason) {
        Objects.requireNonNull(reason, "reason");
        settleOnce();
        broker.deadLetter(this, reason);
    }

    private void settleOnce() {
        if (!settled.compareAndSet(false, true)) {
            throw new IllegalStateException("Message " + message.id() + " from queue " + consumer.queue.name
                    + " was already settled");
        }
    }
}
