package io.ovsworkers.celery.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The real RabbitMQ at 127.0.0.1:5672 for tests: configurations for a per-run exchange, and an admin connection
 * that removes what a test declared. Every name carries the run id, so tests never touch a real topology.
 */
final class RabbitMqFixture implements AutoCloseable {
    static final String URI = "amqp://guest:guest@127.0.0.1:5672/";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String exchange = "generic_" + run;
    private final List<String> queues = new ArrayList<>();
    private final Connection admin;

    RabbitMqFixture() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        admin = factory.newConnection("ovs-workers test admin " + run);
    }

    /** A queue name unique to this run, deleted on close. */
    String queue(String base) {
        String name = base + "_" + run;
        queues.add(name);
        return name;
    }

    /** Queues named by someone else (Python) that this run must delete too. */
    void deleteOnClose(String queue) {
        queues.add(queue);
    }

    RabbitMqConfiguration config() {
        return config(URI);
    }

    RabbitMqConfiguration config(String... uris) {
        return new RabbitMqConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RabbitMqConfiguration.class;
            }

            @Override
            public String[] uris() {
                return uris;
            }

            @Override
            public String exchange() {
                return exchange;
            }

            @Override
            public int heartbeat() {
                return 10;
            }

            @Override
            public int connectionTimeout() {
                return 5;
            }

            @Override
            public int publishTimeout() {
                return 15;
            }

            @Override
            public int recoveryInterval() {
                return 1;
            }

            @Override
            public int maxBodyBytes() {
                return 1 << 20;
            }
        };
    }

    Channel channel() throws IOException {
        return admin.createChannel();
    }

    /**
     * Takes the dead-lettered message with this correlation id off {@code ovs_deadletter}, giving back every other
     * message it looked at, or null when it is not there.
     */
    GetResponse takeDeadLetter(String correlationId) throws IOException, TimeoutException {
        try (Channel channel = admin.createChannel()) {
            GetResponse found = null;
            GetResponse next;
            while ((next = channel.basicGet(io.ovsworkers.spi.Broker.DEAD_LETTER_QUEUE, false)) != null) {
                if (found == null && correlationId.equals(next.getProps().getCorrelationId())) {
                    found = next;
                    channel.basicAck(next.getEnvelope().getDeliveryTag(), false);
                }
            }
            return found;
        }
    }

    /** Waits for the condition, checking it every few milliseconds, and fails after the deadline. */
    static void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A condition that may need the broker to tell. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    @Override
    public void close() throws IOException {
        try (Channel channel = admin.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(exchange);
        } catch (TimeoutException e) {
            throw new IOException(e);
        } finally {
            admin.close();
        }
    }
}
