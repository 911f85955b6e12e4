package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dropped connection, forced by RabbitMQ itself ({@code rabbitmqctl close_connection}, which amqp-client treats
 * like a broker restart): the subscription resumes, the unacknowledged message comes back, publishing goes on.
 * Restarting the shared RabbitMQ would disturb other test runs on this machine, so the connection is closed instead.
 */
class RabbitMqRecoveryTest {

    @Test
    void resumesConsumingAndPublishingAfterTheConnectionDrops() throws Exception {
        try (RabbitMqFixture rabbit = new RabbitMqFixture()) {
            RabbitMqBroker broker = new RabbitMqBroker(rabbit.config());
            try {
                String queue = rabbit.queue("ovs_generic");
                broker.declareQueue(queue, "generic.#");
                BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
                try (Subscription ignored = broker.subscribe(queue, 2, deliveries::add)) {
                    TaskMessage before = task();
                    broker.publish(before);
                    Delivery unacked = deliveries.poll(10, TimeUnit.SECONDS);
                    assertNotNull(unacked);

                    closeConnectionsOf(broker);
                    RabbitMqFixture.await("the connection to drop", Duration.ofSeconds(10),
                            () -> !broker.connection().isOpen() || deliveries.peek() != null);
                    unacked.ack();

                    TaskMessage after = task();
                    broker.publish(after);
                    Delivery redelivered = deliveries.poll(20, TimeUnit.SECONDS);
                    Delivery next = deliveries.poll(10, TimeUnit.SECONDS);
                    assertNotNull(redelivered, "message unacked when the connection dropped");
                    assertNotNull(next, "message published after recovery");
                    assertEquals(before.id(), redelivered.message().id());
                    assertTrue(redelivered.redelivered());
                    assertEquals(after.id(), next.message().id());
                    redelivered.ack();
                    next.ack();
                }
                RabbitMqFixture.await("the queue to be drained", Duration.ofSeconds(10), () -> broker.depth(queue) == 0);
            } finally {
                broker.close();
            }
        }
    }

    private static void closeConnectionsOf(RabbitMqBroker broker) throws IOException, InterruptedException {
        String name = broker.connection().getClientProvidedName();
        String listing = rabbitmqctl("list_connections", "-q", "--no-table-headers", "pid", "client_properties");
        List<String> pids = listing.lines().filter(line -> line.contains("{\"connection_name\",\"" + name + "\"}"))
                .map(line -> line.substring(0, line.indexOf('\t'))).toList();
        assertEquals(1, pids.size(), "one connection named '" + name + "' in:\n" + listing);
        rabbitmqctl("close_connection", pids.get(0), "recovery test");
    }

    private static String rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "rabbitmqctl finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static TaskMessage task() {
        return new TaskMessage(UUID.randomUUID().toString(), "test.task", List.of(), Map.of(), "generic.recovery", null,
                null, null, 0, null, Map.of());
    }
}
