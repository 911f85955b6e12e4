package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operators' queue operations on the real RabbitMQ, in a virtual host of this test (the dead-letter queue is
 * shared by name): a message that is not JSON is dead-lettered, browsed with its reason, moved back and purged.
 */
class RabbitMqQueueOperationsTest {

    @Test
    void deadLettersAreBrowsedMovedBackAndPurged() throws Exception {
        try (RabbitMqVirtualHost vhost = new RabbitMqVirtualHost(); RabbitMqFixture fixture = new RabbitMqFixture()) {
            RabbitMqBroker broker = new RabbitMqBroker(fixture.config(vhost.uri()));
            try {
                broker.declareQueue("ovs_generic", "generic.#");
                broker.publish(new TaskMessage("good-1", "t.task", List.of(1), Map.of(), "generic.default", null, null, null, 0, null, Map.of()));
                publishRaw(vhost, "ovs_generic", "not json at all");

                try (Subscription subscription = broker.subscribe("ovs_generic", 1, delivery -> delivery.deadLetter("unknown task t.task"))) {
                    RabbitMqFixture.await("both messages dead-lettered", Duration.ofSeconds(10), () -> broker.depth(Broker.DEAD_LETTER_QUEUE) == 2);
                    assertEquals(1, broker.consumers("ovs_generic"));
                }

                List<TaskMessage> dead = broker.browse(Broker.DEAD_LETTER_QUEUE, 10);
                assertEquals(2, dead.size());
                TaskMessage undecodable = dead.stream().filter(m -> m.task().equals("(undecodable)")).findFirst().orElseThrow();
                assertTrue(String.valueOf(undecodable.headers().get(Broker.DEAD_LETTER_REASON_HEADER)).contains("content type"), undecodable.toString());
                TaskMessage good = dead.stream().filter(m -> m.id().equals("good-1")).findFirst().orElseThrow();
                assertEquals("unknown task t.task", good.headers().get(Broker.DEAD_LETTER_REASON_HEADER));
                assertEquals(2, broker.depth(Broker.DEAD_LETTER_QUEUE), "browsing leaves the messages in place");

                assertEquals(2, broker.move(Broker.DEAD_LETTER_QUEUE, "ovs_generic"));
                assertEquals(0, broker.depth(Broker.DEAD_LETTER_QUEUE));
                List<TaskMessage> requeued = broker.browse("ovs_generic", 10);
                assertFalse(requeued.stream().filter(m -> m.id().equals("good-1")).findFirst().orElseThrow()
                        .headers().containsKey(Broker.DEAD_LETTER_REASON_HEADER));

                assertEquals(2, broker.purge("ovs_generic"));
                assertEquals(0, broker.depth("ovs_generic"));
            } finally {
                broker.close();
            }
        }
    }

    private static void publishRaw(RabbitMqVirtualHost vhost, String queue, String body) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(vhost.uri());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("text/plain").correlationId("raw-1").build(),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
