import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The floor under any task framework on RabbitMQ: plain amqp-client doing what a task with a result needs, with no
 * framework at all. A publisher sends N persistent messages with publisher confirms to a durable queue; consumers
 * (one channel each, prefetch 1 per consumer, as many as the machine has processors) publish a small reply to the
 * message's reply_to queue and then ack; the publisher waits for all N replies. Run as a single-file program:
 * {@code java -cp amqp-client.jar:slf4j-api.jar RawAmqpRoundTrip.java AMQP_URI COUNT}; bench/compare.sh does.
 * Prints two lines: confirms awaited one message at a time (as one thread calling delay() does), and streamed.
 */
public final class RawAmqpRoundTrip {
    private static final String QUEUE = "bench_raw_tasks";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RawAmqpRoundTrip AMQP_URI COUNT");
            System.exit(2);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        int count = Integer.parseInt(args[1]);
        int consumers = Runtime.getRuntime().availableProcessors();
        try (Connection workers = factory.newConnection("raw-workers");
                Connection client = factory.newConnection("raw-client")) {
            Channel setup = workers.createChannel();
            setup.queueDeclare(QUEUE, true, false, false, null);
            setup.queuePurge(QUEUE);
            for (int i = 0; i < consumers; i++) {
                Channel channel = workers.createChannel();
                channel.basicQos(1);
                channel.basicConsume(QUEUE, false, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                            throws java.io.IOException {
                        AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                                .correlationId(properties.getCorrelationId()).contentType("application/json").build();
                        getChannel().basicPublish("", properties.getReplyTo(), reply, body);
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                    }
                });
            }
            run(client, Math.min(200, count), false);
            double each = run(client, count, false);
            double streamed = run(client, count, true);
            System.out.printf("raw amqp-client, %d round trips, confirm awaited per message: %.0f msg/s%n", count, each);
            System.out.printf("raw amqp-client, %d round trips, confirms streamed: %.0f msg/s%n", count, streamed);
            setup.queueDelete(QUEUE);
        }
    }

    private static double run(Connection client, int count, boolean streamConfirms) throws Exception {
        Channel publisher = client.createChannel();
        publisher.confirmSelect();
        Channel replies = client.createChannel();
        String replyQueue = replies.queueDeclare().getQueue();
        CountDownLatch received = new CountDownLatch(count);
        replies.basicConsume(replyQueue, true, (tag, delivery) -> received.countDown(), tag -> { });
        byte[] body = "[[\"x\"], {}, {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]"
                .getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .contentType("application/json").correlationId(Integer.toString(i)).replyTo(replyQueue).build();
            publisher.basicPublish("", QUEUE, properties, body);
            if (!streamConfirms) {
                publisher.waitForConfirmsOrDie(30_000);
            }
        }
        publisher.waitForConfirmsOrDie(60_000);
        if (!received.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(received.getCount() + " replies missing");
        }
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        publisher.close();
        replies.close();
        return perSecond;
    }
}
