package io.ovsworkers.celery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker against the real RabbitMQ at 127.0.0.1:5672, on an exchange and queues of its own per run. */
class RabbitMqBrokerTest {
    private RabbitMqFixture rabbit;
    private RabbitMqBroker broker;
    private String queue;

    @BeforeEach
    void connect() throws Exception {
        rabbit = new RabbitMqFixture();
        broker = new RabbitMqBroker(rabbit.config());
        queue = rabbit.queue("ovs_generic");
        broker.declareQueue(queue, "generic.#");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (broker != null) {
            broker.close();
        }
        rabbit.close();
    }

    @Test
    void deliversWhatItPublishedAndForgetsItOnAck() throws Exception {
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        TaskMessage sent = task("generic.default", List.of(1, Map.of("nested", List.of(true, "ü"))));
        try (Subscription ignored = broker.subscribe(queue, 1, deliveries::add)) {
            broker.publish(sent);
            Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivery);
            assertEquals(sent.id(), delivery.message().id());
            assertEquals(sent.args(), delivery.message().args());
            assertEquals(broker.replyQueue(), delivery.message().replyTo());
            assertFalse(delivery.redelivered());
            delivery.ack();
            assertThrows(IllegalStateException.class, delivery::ack);
        }
        RabbitMqFixture.await("the queue to be empty", Duration.ofSeconds(10), () -> broker.depth(queue) == 0);
    }

    @Test
    void requeueRedeliversAndPrefetchHoldsBackTheRest() throws Exception {
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        broker.publish(task("generic.a", List.of(1)));
        broker.publish(task("generic.b", List.of(2)));
        try (Subscription ignored = broker.subscribe(queue, 1, deliveries::add)) {
            Delivery first = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertNull(deliveries.poll(200, TimeUnit.MILLISECONDS), "prefetch 1 lets one message out at a time");
            first.requeue();
            Delivery again = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(again);
            again.ack();
            Delivery second = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            second.ack();
            assertTrue(again.redelivered() || second.redelivered(), "the requeued message comes back redelivered");
        }
    }

    @Test
    void countsReadyMessagesAndSaysWhenItCannotTell() throws Exception {
        for (int i = 0; i < 3; i++) {
            broker.publish(task("generic.count", List.of(i)));
        }
        assertEquals(3, broker.depth(queue));
        assertEquals(-1, broker.depth("no_such_queue_" + rabbit.run));
    }

    @Test
    void refusesAMessageNoQueueIsBoundFor() {
        BackendException e = assertThrows(BackendException.class, () -> broker.publish(task("nowhere.x", List.of())));
        assertTrue(e.getMessage().contains("nowhere.x"), e.getMessage());
    }

    @Test
    void deadLettersWithTheReasonAndAcksTheOriginal() throws Exception {
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        TaskMessage sent = task("generic.dead", List.of("x"));
        try (Subscription ignored = broker.subscribe(queue, 1, deliveries::add)) {
            broker.publish(sent);
            Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivery);
            delivery.deadLetter("no plugin provides task 'test.task'");
        }
        GetResponse dead = rabbit.takeDeadLetter(sent.id());
        assertNotNull(dead, "message in " + Broker.DEAD_LETTER_QUEUE);
        assertEquals("no plugin provides task 'test.task'",
                dead.getProps().getHeaders().get(Broker.DEAD_LETTER_REASON_HEADER).toString());
        assertEquals("test.task", dead.getProps().getHeaders().get("task").toString());
        assertEquals(0, broker.depth(queue));
    }

    @Test
    void deadLettersPickleAndMalformedMessagesWithoutTheHandlerSeeingThem() throws Exception {
        Vectors.Vector pickle = Vectors.in("tasks_v2", "serializer_pickle_v2.json").get(0);
        String pickleId = UUID.randomUUID().toString();
        String malformedId = UUID.randomUUID().toString();
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        try (Channel raw = rabbit.channel(); Subscription ignored = broker.subscribe(queue, 5, deliveries::add)) {
            raw.basicPublish(rabbit.exchange, "generic.#", pickle.properties().builder().correlationId(pickleId).build(),
                    pickle.body());
            raw.basicPublish(rabbit.exchange, "generic.#", new AMQP.BasicProperties.Builder()
                    .contentType("application/json").correlationId(malformedId)
                    .headers(Map.of("task", "t", "id", malformedId)).build(),
                    "[[2, 3], {}]".getBytes(StandardCharsets.UTF_8));
            TaskMessage good = task("generic.after", List.of());
            broker.publish(good);
            Delivery delivery = deliveries.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivery);
            assertEquals(good.id(), delivery.message().id(), "only the good message reaches the handler");
            delivery.ack();
        }
        GetResponse deadPickle = rabbit.takeDeadLetter(pickleId);
        assertNotNull(deadPickle);
        assertTrue(reason(deadPickle).contains("application/x-python-serialize"), reason(deadPickle));
        assertEquals("application/x-python-serialize", deadPickle.getProps().getContentType());
        assertTrue(java.util.Arrays.equals(pickle.body(), deadPickle.getBody()), "body kept byte for byte");
        GetResponse deadMalformed = rabbit.takeDeadLetter(malformedId);
        assertNotNull(deadMalformed);
        assertTrue(reason(deadMalformed).contains("[args, kwargs, embed]"), reason(deadMalformed));
    }

    private static String reason(GetResponse dead) {
        return dead.getProps().getHeaders().get(Broker.DEAD_LETTER_REASON_HEADER).toString();
    }

    private static TaskMessage task(String routingKey, List<Object> args) {
        return new TaskMessage(UUID.randomUUID().toString(), "test.task", args, Map.of(), routingKey, null, null, null,
                0, null, Map.of());
    }
}
