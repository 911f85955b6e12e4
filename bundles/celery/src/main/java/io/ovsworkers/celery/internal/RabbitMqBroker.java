package io.ovsworkers.celery.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.DeliveryHandler;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker on RabbitMQ, declared and spoken exactly as Celery 5.2 and kombu do, so that Python Celery clients
 * and workers share its exchange and queues. Serves when {@value RabbitMqConfiguration#PID} is configured; ranks
 * above the embedded broker.
 *
 * <p>Every message this node publishes carries this node's reply queue in {@code reply_to} unless it names one,
 * as Celery always sets it to its app's queue; the rpc result backend consumes that queue.
 */
@Component(service = {Broker.class, RabbitMqBroker.class}, configurationPid = RabbitMqConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=0")
@Designate(ocd = RabbitMqConfiguration.class)
public class RabbitMqBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqBroker.class);

    private final String exchange;
    private final String replyQueue = UUID.randomUUID().toString();
    private final CeleryCodec codec;
    private final Connection connection;
    private final ConfirmingPublisher publisher;
    private final String connectionName;

    @Activate
    public RabbitMqBroker(RabbitMqConfiguration config) {
        AmqpUris uris = AmqpUris.parse(config.uris());
        exchange = requireName("exchange", config.exchange());
        requireAtLeast("heartbeat", config.heartbeat(), 0);
        requireAtLeast("connectionTimeout", config.connectionTimeout(), 1);
        requireAtLeast("publishTimeout", config.publishTimeout(), 1);
        requireAtLeast("recoveryInterval", config.recoveryInterval(), 1);
        requireAtLeast("maxBodyBytes", config.maxBodyBytes(), 1);
        String node = nodeName();
        codec = new CeleryCodec(exchange, node, config.maxBodyBytes());
        connectionName = "ovs-workers " + node + " " + replyQueue;

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(uris.username());
        factory.setPassword(uris.password());
        factory.setVirtualHost(uris.virtualHost());
        factory.setRequestedHeartbeat(config.heartbeat());
        factory.setConnectionTimeout(config.connectionTimeout() * 1000);
        factory.setHandshakeTimeout(config.connectionTimeout() * 1000);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(config.recoveryInterval() * 1000L);
        String masked = Arrays.stream(config.uris()).map(AmqpUris::mask).collect(Collectors.joining(", "));
        try {
            connection = factory.newConnection(uris.addresses(), connectionName);
            publisher = new ConfirmingPublisher(connection, Duration.ofSeconds(config.publishTimeout()));
            declareTopology();
        } catch (IOException | TimeoutException | RuntimeException e) {
            close();
            throw new BackendException("Cannot use RabbitMQ at " + masked + ": " + reason(e), e);
        }
        LOG.info("RabbitMQ broker connected to {} (exchange '{}', reply queue '{}')", masked, exchange, replyQueue);
    }

    @Deactivate
    void close() {
        if (publisher != null) {
            publisher.close();
        }
        if (connection != null && connection.isOpen()) {
            try {
                connection.close();
            } catch (IOException | ShutdownSignalException e) {
                LOG.debug("Closing the RabbitMQ connection failed", e);
            }
        }
    }

    @Override
    public void declareQueue(String queue, String bindingPattern) {
        onTemporaryChannel("declare queue '" + queue + "' bound to '" + bindingPattern + "'", channel -> {
            declareExchange(channel);
            // exactly kombu's Queue defaults, no arguments, or Python Celery's own declaration fails
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, bindingPattern);
            return null;
        });
    }

    @Override
    public void publish(TaskMessage message) {
        TaskMessage addressed = message.replyTo() != null ? message : new TaskMessage(message.id(), message.task(),
                message.args(), message.kwargs(), message.routingKey(), message.queue(), message.eta(),
                message.expires(), message.retries(), replyQueue, message.headers());
        publisher.publish(codec.encode(addressed), true);
    }

    @Override
    public Subscription subscribe(String queue, int prefetch, DeliveryHandler handler) {
        if (prefetch < 0 || prefetch > 65535) {
            throw new IllegalArgumentException("prefetch must be 0 (unlimited) to 65535, got " + prefetch);
        }
        try {
            return new RabbitSubscription(connection, queue, prefetch, handler, codec, publisher);
        } catch (IOException e) {
            throw new BackendException("Cannot consume queue '" + queue + "': " + reason(e), e);
        }
    }

    @Override
    public long depth(String queue) {
        try {
            return onTemporaryChannel("count '" + queue + "'", channel -> (long) channel.queueDeclarePassive(queue)
                    .getMessageCount());
        } catch (BackendException e) {
            LOG.debug("Depth of '{}' unknown", queue, e);
            return -1;
        }
    }

    @Override
    public long consumers(String queue) {
        try {
            return onTemporaryChannel("count consumers of '" + queue + "'", channel -> (long) channel.queueDeclarePassive(queue)
                    .getConsumerCount());
        } catch (BackendException e) {
            LOG.debug("Consumers of '{}' unknown", queue, e);
            return -1;
        }
    }

    /**
     * Takes up to {@code max} messages without acknowledging them; closing the channel puts them back in order, marked
     * redelivered (AMQP has no other way to look at queued messages).
     */
    @Override
    public List<TaskMessage> browse(String queue, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 or more, was " + max);
        }
        return onTemporaryChannel("browse '" + queue + "'", channel -> {
            List<TaskMessage> messages = new ArrayList<>();
            GetResponse next;
            while (messages.size() < max && (next = channel.basicGet(queue, false)) != null) {
                messages.add(decodeForOperator(queue, next));
            }
            return messages;
        });
    }

    @Override
    public long move(String from, String to) {
        return onTemporaryChannel("move the messages of '" + from + "' to '" + to + "'", channel -> {
            channel.queueDeclarePassive(to);
            long ready = channel.queueDeclarePassive(from).getMessageCount();
            long moved = 0;
            GetResponse next;
            // at most what was there at the start, so that moving a queue onto itself ends
            while (moved < ready && (next = channel.basicGet(from, false)) != null) {
                Map<String, Object> headers = new LinkedHashMap<>();
                if (next.getProps().getHeaders() != null) {
                    headers.putAll(next.getProps().getHeaders());
                }
                headers.remove(DEAD_LETTER_REASON_HEADER);
                publisher.publish(new AmqpMessage("", to, next.getProps().builder().headers(headers).build(), next.getBody()), true);
                channel.basicAck(next.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
            return moved;
        });
    }

    @Override
    public long purge(String queue) {
        return onTemporaryChannel("purge '" + queue + "'", channel -> (long) channel.queuePurge(queue).getMessageCount());
    }

    private TaskMessage decodeForOperator(String queue, GetResponse response) {
        try {
            return codec.decode(response.getEnvelope().getExchange(), response.getEnvelope().getRoutingKey(), response.getProps(),
                    response.getBody());
        } catch (UndecodableMessageException e) {
            Map<String, Object> headers = new LinkedHashMap<>();
            if (response.getProps().getHeaders() != null) {
                response.getProps().getHeaders().forEach((key, value) -> headers.put(key, String.valueOf(value)));
            }
            headers.putIfAbsent(DEAD_LETTER_REASON_HEADER, e.getMessage());
            String id = response.getProps().getCorrelationId() != null ? response.getProps().getCorrelationId() : "(no id)";
            return new TaskMessage(id, "(undecodable)", List.of(), Map.of(), null, queue, null, null, 0, null, headers);
        }
    }

    /** The queue Celery's rpc backend would call this app's oid: where results for this node's calls go. */
    String replyQueue() {
        return replyQueue;
    }

    /** The topic exchange tasks are published to. */
    String exchange() {
        return exchange;
    }

    Connection connection() {
        return connection;
    }

    ConfirmingPublisher publisher() {
        return publisher;
    }

    private void declareTopology() {
        onTemporaryChannel("declare exchange '" + exchange + "' and queue '" + DEAD_LETTER_QUEUE + "'", channel -> {
            declareExchange(channel);
            channel.queueDeclare(DEAD_LETTER_QUEUE, true, false, false, null);
            return null;
        });
    }

    private void declareExchange(Channel channel) throws IOException {
        // kombu's Exchange defaults: durable, not auto-delete, not internal, no arguments
        channel.exchangeDeclare(exchange, "topic", true, false, false, null);
    }

    /** Runs on a channel of its own, because a refused declaration (406, 404) closes the channel it ran on. */
    private <T> T onTemporaryChannel(String what, ChannelWork<T> work) {
        try (Channel channel = connection.createChannel()) {
            return work.run(channel);
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            throw new BackendException("RabbitMQ refused to " + what + ": " + reason(e), e);
        }
    }

    @FunctionalInterface
    private interface ChannelWork<T> {
        T run(Channel channel) throws IOException;
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ShutdownSignalException)) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "java" + ProcessHandle.current().pid() + "@" + host;
    }

    private static String requireName(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(RabbitMqConfiguration.PID + ": " + key + " must not be empty");
        }
        return value;
    }

    private static void requireAtLeast(String key, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(RabbitMqConfiguration.PID + ": " + key + " must be at least " + minimum
                    + ", got " + value);
        }
    }
}
