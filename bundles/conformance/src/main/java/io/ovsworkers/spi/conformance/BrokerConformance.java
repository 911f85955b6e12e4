package io.ovsworkers.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Broker}, {@link Delivery} and {@link Subscription}, for every implementation to run.
 *
 * <p>Subclass it in the implementation's tests, implement {@link #createBroker()} and {@link #closeBroker(Broker)},
 * and, when the broker keeps messages across a stop, {@link #supportsRestart()} and {@link #restart(Broker)}.
 * Publishing a message that would reach no queue (an undeclared queue, a routing key nothing is bound for) must
 * fail with {@link BackendException}; a prefetch of 0 means unlimited, as in AMQP. Every queue, routing key and
 * binding pattern a test uses starts with a word unique to the test instance, so the suite can run against a
 * shared server; {@link #queuesUsed()} lists the queues to delete afterwards. The dead-letter
 * queue {@link Broker#DEAD_LETTER_QUEUE} is expected to exist without being declared; the suite settles only its own
 * messages there.
 */
public abstract class BrokerConformance {

    private static final String TASK = "conformance.noop";

    private final String namespace = "conf" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Set<String> queuesUsed = new LinkedHashSet<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private Broker broker;

    /** A broker for one test. */
    protected abstract Broker createBroker() throws Exception;

    /** Releases the broker after a test (and after {@link #restart(Broker)}, the one it returned). */
    protected abstract void closeBroker(Broker broker) throws Exception;

    /** Whether {@link #restart(Broker)} is supported: the broker keeps queues and messages across a stop. */
    protected boolean supportsRestart() {
        return false;
    }

    /**
     * Stops the broker as a node stop does, with its subscriptions still open, and returns a new broker on the
     * same storage.
     */
    protected Broker restart(Broker broker) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " does not support restart");
    }

    /** The queues the current test declared or published to, for a shared server's cleanup. */
    protected final Set<String> queuesUsed() {
        return Collections.unmodifiableSet(queuesUsed);
    }

    @BeforeEach
    final void openBroker() throws Exception {
        broker = createBroker();
    }

    @AfterEach
    final void releaseBroker() throws Exception {
        for (Subscription subscription : subscriptions) {
            subscription.close();
        }
        closeBroker(broker);
    }

    @Test
    void routesOntoGenericMachineAndMastersQueues() throws Exception {
        String generic = declare("generic", word("generic") + ".#");
        String machine = declare("machine", word("sr") + ".m1.#");
        String masters = declare("masters", word("masters") + ".#");

        String bare = publish(word("generic"));
        String deep = publish(word("generic") + ".a.b");
        String forMachine = publish(word("sr") + ".m1.snapshot");
        assertRefused(word("sr") + ".m2.snapshot");
        String forMasters = publish(word("masters") + ".checkup");
        assertRefused(word("genericx") + ".a");
        assertRefused(word("other"));

        assertEquals(List.of(bare, deep), idsUntilMarker(generic));
        assertEquals(List.of(forMachine), idsUntilMarker(machine));
        assertEquals(List.of(forMasters), idsUntilMarker(masters));
    }

    @Test
    void starMatchesExactlyOneWord() throws Exception {
        String queue = declare("star", word("star") + ".*.end");

        String one = publish(word("star") + ".a.end");
        assertRefused(word("star") + ".end");
        assertRefused(word("star") + ".a.b.end");
        assertRefused(word("star") + ".a.endx");

        assertEquals(List.of(one), idsUntilMarker(queue));
    }

    @Test
    void hashMatchesZeroOrMoreWordsAnywhere() throws Exception {
        String middle = declare("middle", word("mid") + ".#.end");
        String leading = declare("leading", "#." + word("lead"));

        String none = publish(word("mid") + ".end");
        String one = publish(word("mid") + ".a.end");
        String two = publish(word("mid") + ".a.b.end");
        assertRefused(word("mid") + ".a.b");
        String alone = publish(word("lead"));
        String prefixed = publish("x.y." + word("lead"));
        assertRefused(word("lead") + ".x");

        assertEquals(List.of(none, one, two), idsUntilMarker(middle));
        assertEquals(List.of(alone, prefixed), idsUntilMarker(leading));
    }

    @Test
    void routesOneMessageToEveryMatchingQueue() throws Exception {
        String first = declare("first", word("fan") + ".#");
        String second = declare("second", word("fan") + ".*");

        String both = publish(word("fan") + ".x");

        assertEquals(List.of(both), idsUntilMarker(first));
        assertEquals(List.of(both), idsUntilMarker(second));
    }

    @Test
    void declaringAgainChangesNothing() throws Exception {
        String queue = declare("again", word("again") + ".#");
        declare("again", word("again") + ".#");

        String sent = publish(word("again") + ".x");

        assertEquals(List.of(sent), idsUntilMarker(queue));
    }

    @Test
    void publishesStraightToTheMessagesQueue() throws Exception {
        String target = declare("target", word("target") + ".#");
        String routedElsewhere = declare("elsewhere", word("elsewhere") + ".#");

        TaskMessage direct = message(word("elsewhere") + ".x", target);
        broker.publish(direct);

        assertEquals(List.of(direct.id()), idsUntilMarker(target));
        assertEquals(List.of(), idsUntilMarker(routedElsewhere));
    }

    @Test
    void refusesAMessageForAnUndeclaredQueue() {
        TaskMessage nowhere = message(null, namespace + "_undeclared");
        queuesUsed.add(nowhere.queue());

        assertThrows(BackendException.class, () -> broker.publish(nowhere));
    }

    @Test
    void zeroPrefetchMeansUnlimited() throws Exception {
        String queue = declare("unlimited", word("unlimited"));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            sent.add(publishTo(queue));
        }

        List<Delivery> held = subscribe(queue, 0).next(5);

        assertEquals(sent, held.stream().map(d -> d.message().id()).collect(Collectors.toSet()));
        held.forEach(Delivery::ack);
    }

    @Test
    void deliversEachQueueInPublishOrder() throws Exception {
        String queue = declare("fifo", word("fifo"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(i % 2 == 0 ? publish(word("fifo")) : publishTo(queue));
        }

        Inbox inbox = subscribe(queue, 10);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Delivery delivery = inbox.next();
            received.add(delivery.message().id());
            delivery.ack();
        }

        assertEquals(sent, received);
    }

    @Test
    void keepsEveryMessageField() throws Exception {
        String queue = declare("fields", word("fields") + ".#");
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("vpool", "pool-1");
        kwargs.put("nested", Map.of("sizes", List.of(1, 2, 3), "flag", false));
        TaskMessage sent = new TaskMessage(UUID.randomUUID().toString(), "ovs.generic.snapshot_all",
                Arrays.asList(1, "two", 3.5, true, null, Map.of("k", List.of("v"))), kwargs,
                word("fields") + ".x", null, Instant.parse("2030-01-02T03:04:05.123Z"),
                Instant.parse("2030-01-02T04:04:05.456Z"), 2, "conformance-reply",
                Map.of("x-conformance-header", "kept"));
        broker.publish(sent);

        TaskMessage received = subscribe(queue, 1).next().message();

        assertEquals(sent.id(), received.id());
        assertEquals(sent.task(), received.task());
        assertEquals(sent.args(), received.args());
        assertEquals(sent.kwargs(), received.kwargs());
        assertEquals(sent.routingKey(), received.routingKey());
        assertEquals(sent.eta(), received.eta());
        assertEquals(sent.expires(), received.expires());
        assertEquals(sent.retries(), received.retries());
        assertEquals(sent.replyTo(), received.replyTo());
        assertEquals("kept", received.headers().get("x-conformance-header"));
    }

    @Test
    void neverHasMoreThanPrefetchUnacknowledged() throws Exception {
        String queue = declare("prefetch", word("prefetch"));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            sent.add(publishTo(queue));
        }

        Inbox inbox = subscribe(queue, 3);
        List<Delivery> held = new ArrayList<>(inbox.next(3));
        if (broker.depth(queue) >= 0) {
            Deadline.awaitCondition("the 7 messages beyond the prefetch stay ready",
                    () -> broker.depth(queue) == 7);
        }
        Set<String> received = new HashSet<>();
        held.forEach(d -> received.add(d.message().id()));
        while (received.size() < sent.size()) {
            inbox.settled();
            held.remove(0).ack();
            Delivery next = inbox.next();
            received.add(next.message().id());
            held.add(next);
        }
        held.forEach(Delivery::ack);

        assertEquals(sent, received);
        assertTrue(inbox.mostUnsettled() <= 3, "at most 3 unacknowledged, saw " + inbox.mostUnsettled());
    }

    @Test
    void acknowledgedMessageIsGone() throws Exception {
        String queue = declare("ack", word("ack"));
        publishTo(queue);
        Inbox first = subscribe(queue, 1);
        first.next().ack();

        assertEquals(List.of(), idsUntilMarker(queue));
    }

    @Test
    void requeuedMessageComesBackMarkedRedelivered() throws Exception {
        String queue = declare("requeue", word("requeue"));
        String sent = publishTo(queue);
        Inbox inbox = subscribe(queue, 1);

        Delivery first = inbox.next();
        assertFalse(first.redelivered());
        first.requeue();
        Delivery again = inbox.next();

        assertEquals(sent, again.message().id());
        assertTrue(again.redelivered());
        again.ack();
    }

    @Test
    void closingSubscriptionReturnsUnacknowledged() throws Exception {
        String queue = declare("close", word("close"));
        String acked = publishTo(queue);
        String unacked = publishTo(queue);
        Inbox inbox = new Inbox();
        Subscription holding = broker.subscribe(queue, 5, inbox);
        List<Delivery> both = inbox.next(2);
        assertEquals(List.of(acked, unacked), both.stream().map(d -> d.message().id()).toList());
        both.get(0).ack();

        holding.close();
        Delivery again = subscribe(queue, 5).next();

        assertEquals(unacked, again.message().id());
        assertTrue(again.redelivered());
        again.ack();
        assertEquals(List.of(), idsUntilMarker(queue));
    }

    @Test
    void deadLetterMovesMessageToDeadLetterQueueWithReason() throws Exception {
        String queue = declare("dead", word("dead"));
        String sent = publishTo(queue);
        subscribe(queue, 1).next().deadLetter("no task named " + TASK);

        Inbox deadLetters = subscribe(Broker.DEAD_LETTER_QUEUE, 100);
        Delivery ours;
        do {
            ours = deadLetters.next();
        } while (!ours.message().id().equals(sent));
        ours.ack();

        assertEquals(TASK, ours.message().task());
        assertEquals("no task named " + TASK, ours.message().headers().get(Broker.DEAD_LETTER_REASON_HEADER));
        assertEquals(List.of(), idsUntilMarker(queue));
    }

    @Test
    void depthCountsReadyMessages() throws Exception {
        String queue = declare("depth", word("depth"));
        assumeTrue(broker.depth(queue) >= 0, "the broker cannot tell queue depths");
        assertEquals(0, broker.depth(queue));
        for (int i = 0; i < 5; i++) {
            publishTo(queue);
        }
        Deadline.awaitCondition("depth is 5", () -> broker.depth(queue) == 5);

        Inbox inbox = subscribe(queue, 2);
        List<Delivery> held = inbox.next(2);
        Deadline.awaitCondition("delivered messages no longer count", () -> broker.depth(queue) == 3);
        held.forEach(Delivery::ack);
        for (int i = 0; i < 3; i++) {
            inbox.next().ack();
        }

        Deadline.awaitCondition("depth is 0", () -> broker.depth(queue) == 0);
    }

    @Test
    void competingConsumersGetEachMessageOnce() throws Exception {
        String queue = declare("compete", word("compete"));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            sent.add(publishTo(queue));
        }
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            subscriptions.add(broker.subscribe(queue, 2, delivery -> {
                received.add(delivery.message().id());
                delivery.ack();
            }));
        }

        Deadline.awaitCondition("all 40 messages are received", () -> received.size() >= sent.size());

        assertEquals(List.of(), idsUntilMarker(queue));
        assertEquals(sent.size(), received.size(), "no message delivered twice");
        assertEquals(sent, new HashSet<>(received));
    }

    @Test
    void handlerMaySettleOnAnotherThread() throws Exception {
        String queue = declare("threads", word("threads"));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            sent.add(publishTo(queue));
        }
        ExecutorService settlers = Executors.newFixedThreadPool(3);
        Set<String> received = Collections.synchronizedSet(new HashSet<>());
        try {
            subscriptions.add(broker.subscribe(queue, 4, delivery -> settlers.execute(() -> {
                received.add(delivery.message().id());
                delivery.ack();
            })));
            Deadline.awaitCondition("all 20 messages are acknowledged", () -> received.size() == sent.size());
        } finally {
            settlers.shutdown();
        }

        assertEquals(sent, received);
        assertEquals(List.of(), idsUntilMarker(queue));
    }

    @Test
    void concurrentPublishersLoseNothing() throws Exception {
        String queue = declare("publishers", word("publishers") + ".#");
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> batches = new ArrayList<>();
        try {
            for (int p = 0; p < 4; p++) {
                batches.add(publishers.submit(() -> IntStream.range(0, 25)
                        .mapToObj(i -> publish(word("publishers") + ".x"))
                        .collect(Collectors.toList())));
            }
            Set<String> sent = new HashSet<>();
            for (Future<List<String>> batch : batches) {
                sent.addAll(batch.get());
            }

            List<String> received = idsUntilMarker(queue);

            assertEquals(sent.size(), received.size(), "no message lost or duplicated");
            assertEquals(sent, new HashSet<>(received));
        } finally {
            publishers.shutdown();
        }
    }

    @Test
    void queuedMessagesSurviveRestart() throws Exception {
        assumeTrue(supportsRestart(), "the broker keeps nothing across a stop");
        String queue = declare("survive", word("survive"));
        List<String> sent = List.of(publishTo(queue), publish(word("survive")), publishTo(queue));

        restartBroker();

        Inbox inbox = subscribe(queue, 5);
        List<Delivery> received = inbox.next(3);
        assertEquals(sent, received.stream().map(d -> d.message().id()).toList());
        received.forEach(d -> assertFalse(d.redelivered()));
        received.forEach(Delivery::ack);
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredAfterRestart() throws Exception {
        assumeTrue(supportsRestart(), "the broker keeps nothing across a stop");
        String queue = declare("inflight", word("inflight"));
        String acked = publishTo(queue);
        String inFlight = publishTo(queue);
        Inbox before = subscribe(queue, 5);
        List<Delivery> delivered = before.next(2);
        assertEquals(acked, delivered.get(0).message().id());
        delivered.get(0).ack();

        restartBroker();

        Delivery again = subscribe(queue, 5).next();
        assertEquals(inFlight, again.message().id());
        assertTrue(again.redelivered());
        again.ack();
        assertEquals(List.of(), idsUntilMarker(queue));
    }

    @Test
    void bindingsSurviveRestart() throws Exception {
        assumeTrue(supportsRestart(), "the broker keeps nothing across a stop");
        String queue = declare("bound", word("bound") + ".#");

        restartBroker();
        String routed = publish(word("bound") + ".after");

        assertEquals(List.of(routed), idsUntilMarker(queue));
    }

    private void restartBroker() throws Exception {
        broker = restart(broker);
        subscriptions.clear();
    }

    /** A routing word unique to this test instance. */
    private String word(String name) {
        return namespace + name;
    }

    private String declare(String name, String bindingPattern) {
        String queue = namespace + "_" + name;
        queuesUsed.add(queue);
        broker.declareQueue(queue, bindingPattern);
        return queue;
    }

    private Inbox subscribe(String queue, int prefetch) {
        Inbox inbox = new Inbox();
        subscriptions.add(broker.subscribe(queue, prefetch, inbox));
        return inbox;
    }

    private TaskMessage message(String routingKey, String queue) {
        return new TaskMessage(UUID.randomUUID().toString(), TASK, List.of(), Map.of(), routingKey, queue, null, null,
                0, null, Map.of());
    }

    private String publish(String routingKey) {
        TaskMessage message = message(routingKey, null);
        broker.publish(message);
        return message.id();
    }

    /** A message that no queue is bound for is not accepted, as RabbitMQ refuses an unroutable mandatory message. */
    private void assertRefused(String routingKey) {
        assertThrows(BackendException.class, () -> publish(routingKey), routingKey);
    }

    private String publishTo(String queue) {
        TaskMessage message = message(null, queue);
        broker.publish(message);
        return message.id();
    }

    /**
     * Ids of the messages that reach the queue before a marker published now; acknowledges them all. Closes the
     * test's subscriptions first so that the marker cannot go to one of them.
     */
    private List<String> idsUntilMarker(String queue) throws InterruptedException {
        for (Subscription subscription : subscriptions) {
            subscription.close();
        }
        subscriptions.clear();
        String marker = publishTo(queue);
        Inbox inbox = subscribe(queue, 10);
        return inbox.untilMarker(marker).stream().map(d -> d.message().id()).toList();
    }
}
