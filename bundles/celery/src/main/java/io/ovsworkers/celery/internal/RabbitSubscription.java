package io.ovsworkers.celery.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.DeliveryHandler;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue consumed on its own channel with manual acks and {@code basic.qos} prefetch. amqp-client's automatic
 * recovery resumes it after a lost connection; a channel closed by a channel error while the connection stays up
 * (for instance RabbitMQ's consumer timeout) is reopened here, and its unacknowledged messages are redelivered.
 */
final class RabbitSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitSubscription.class);

    private final Connection connection;
    private final String queue;
    private final int prefetch;
    private final DeliveryHandler handler;
    private final CeleryCodec codec;
    private final ConfirmingPublisher publisher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Channel channel;

    RabbitSubscription(Connection connection, String queue, int prefetch, DeliveryHandler handler, CeleryCodec codec,
                       ConfirmingPublisher publisher) throws IOException {
        this.connection = connection;
        this.queue = queue;
        this.prefetch = prefetch;
        this.handler = handler;
        this.codec = codec;
        this.publisher = publisher;
        consume();
    }

    private void consume() throws IOException {
        Channel opened = connection.createChannel();
        try {
            opened.basicQos(prefetch);
            opened.basicConsume(queue, false, new TaskConsumer(opened));
        } catch (IOException e) {
            throw new BackendException("Cannot consume queue '" + queue + "': " + reason(e), e);
        }
        opened.addShutdownListener(this::channelClosed);
        channel = opened;
    }

    private void channelClosed(ShutdownSignalException cause) {
        if (closed.get() || cause.isHardError() || cause.isInitiatedByApplication() || !connection.isOpen()) {
            return;
        }
        LOG.warn("Channel consuming '{}' was closed ({}); consuming again", queue, cause.getMessage());
        try {
            consume();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not consume '{}' again after its channel closed; no more deliveries from it", queue, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                LOG.debug("Closing the channel of '{}' failed; RabbitMQ requeues its unacknowledged messages anyway",
                        queue, e);
            }
        }
    }

    private static String reason(IOException e) {
        return e.getCause() instanceof ShutdownSignalException s ? s.getMessage() : String.valueOf(e.getMessage());
    }

    /** Decodes each delivery; what cannot be decoded is dead-lettered here and never reaches the handler. */
    private final class TaskConsumer extends DefaultConsumer {
        TaskConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            RabbitDelivery delivery;
            try {
                TaskMessage message = codec.decode(envelope.getExchange(), envelope.getRoutingKey(), properties, body);
                delivery = new RabbitDelivery(getChannel(), envelope, properties, body, message);
            } catch (UndecodableMessageException e) {
                LOG.warn("Dead-lettering message {} from '{}': {}", properties.getCorrelationId(), queue, e.reason());
                new RabbitDelivery(getChannel(), envelope, properties, body, null).deadLetter(e.reason());
                return;
            }
            try {
                handler.onDelivery(delivery);
            } catch (RuntimeException e) {
                LOG.error("Handler failed on task {} from '{}'; requeueing it", delivery.message().id(), queue, e);
                delivery.requeueIfUnsettled();
            }
        }
    }

    /** A delivery settled on the channel it came from. */
    private final class RabbitDelivery implements Delivery {
        private final Channel channel;
        private final Envelope envelope;
        private final AMQP.BasicProperties properties;
        private final byte[] body;
        private final TaskMessage message;
        private final AtomicBoolean settled = new AtomicBoolean();

        RabbitDelivery(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body,
                       TaskMessage message) {
            this.channel = channel;
            this.envelope = envelope;
            this.properties = properties;
            this.body = body;
            this.message = message;
        }

        @Override
        public TaskMessage message() {
            return message;
        }

        @Override
        public boolean redelivered() {
            return envelope.isRedeliver();
        }

        @Override
        public void ack() {
            settle("ack");
            settleOnChannel(() -> channel.basicAck(envelope.getDeliveryTag(), false));
        }

        @Override
        public void requeue() {
            settle("requeue");
            settleOnChannel(() -> channel.basicReject(envelope.getDeliveryTag(), true));
        }

        void requeueIfUnsettled() {
            if (settled.compareAndSet(false, true)) {
                settleOnChannel(() -> channel.basicReject(envelope.getDeliveryTag(), true));
            }
        }

        @Override
        public void deadLetter(String reason) {
            settle("deadLetter");
            Map<String, Object> headers = new LinkedHashMap<>();
            if (properties.getHeaders() != null) {
                headers.putAll(properties.getHeaders());
            }
            headers.put(Broker.DEAD_LETTER_REASON_HEADER, reason);
            AMQP.BasicProperties dead = properties.builder().headers(headers).deliveryMode(2).expiration(null).build();
            try {
                publisher.publish(new AmqpMessage("", Broker.DEAD_LETTER_QUEUE, dead, body), true);
            } catch (BackendException e) {
                LOG.error("Could not dead-letter message {} from '{}'; requeueing it", properties.getCorrelationId(),
                        queue, e);
                settleOnChannel(() -> channel.basicReject(envelope.getDeliveryTag(), true));
                return;
            }
            settleOnChannel(() -> channel.basicAck(envelope.getDeliveryTag(), false));
        }

        private void settle(String how) {
            if (!settled.compareAndSet(false, true)) {
                throw new IllegalStateException("Delivery of task " + (message == null ? "?" : message.id())
                        + " from '" + queue + "' was already settled; cannot " + how + " it");
            }
        }

        /** A channel closed since the delivery already gave the message back to the queue: nothing is lost. */
        private void settleOnChannel(ChannelAction action) {
            try {
                action.run();
            } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
                LOG.debug("Settling delivery {} from '{}' failed; RabbitMQ redelivers it", envelope.getDeliveryTag(),
                        queue, e);
            }
        }
    }

    @FunctionalInterface
    private interface ChannelAction {
        void run() throws IOException;
    }
}
