package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.DeliveryHandler;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Broker} inside the JVM, with its queues in an MVStore file, {@code <dataDir>/embedded/broker.mv.db}.
 *
 * <p>Topic routing, per-queue FIFO, prefetch and acknowledgement as on RabbitMQ. Every change (publish, delivery,
 * settlement, declaration) is committed to the file before the call returns, under one lock: a published message
 * survives a stop and a killed process, and a message delivered but not acknowledged when the node stopped is
 * delivered again, marked redelivered. Each subscription has a dispatcher thread that sleeps until its queue
 * changes.
 */
@Component(service = Broker.class, configurationPid = EmbeddedConfig.PID, immediate = true)
@ServiceRanking(EmbeddedStore.RANKING)
public final class EmbeddedBroker implements Broker {

    static final String FILE_NAME = "broker.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private record Binding(StoredQueue queue, TopicPattern pattern) {
    }

    private final Path file;
    private final MVStore store;
    /** Declared queue names (values unused). */
    private final MVMap<String, String> declaredQueues;
    /** Bindings: "queue NUL pattern" to the pattern. */
    private final MVMap<String, String> declaredBindings;
    private final ReentrantLock lock = new ReentrantLock();
    private final FileThread fileThread = new FileThread("ovs-embedded-broker-file");
    private final Map<String, StoredQueue> queues = new HashMap<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final AtomicInteger consumerCount = new AtomicInteger();
    private long nextSequence;
    /** No more publishing or deliveries; settlements of what was delivered are still written. */
    private boolean stopping;
    /** The file is closed; late settlements are ignored and the next start redelivers those messages. */
    private boolean closed;

    @Activate
    public EmbeddedBroker(BundleContext context, EmbeddedConfig config) {
        this(DataDirectory.embeddedFolder(config.dataDir(), context.getProperty(DataDirectory.FRAMEWORK_PROPERTY)));
        LOG.info("Embedded broker in {}", file);
    }

    EmbeddedBroker(Path folder) {
        file = folder.resolve(FILE_NAME);
        store = StoreFiles.open(file);
        declaredQueues = store.openMap("queues", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        declaredBindings = store.openMap("bindings", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        lock.lock();
        try {
            changeAndCommit(() -> {
                declaredQueues.keySet().forEach(this::openQueue);
                declare(DEAD_LETTER_QUEUE);
                declaredBindings.forEach((key, pattern) -> bindings.add(
                        new Binding(queues.get(key.substring(0, key.indexOf('\0'))), new TopicPattern(pattern))));
                nextSequence = queues.values().stream().mapToLong(StoredQueue::lastSequence).max().orElse(0) + 1;
                queues.values().forEach(this::recoverUnacknowledged);
            });
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    @Deactivate
    void close() {
        List<QueueConsumer> consumers = new ArrayList<>();
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            for (StoredQueue queue : queues.values()) {
                consumers.addAll(queue.consumers);
                queue.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        consumers.forEach(QueueConsumer::awaitDispatcherEnd);
        lock.lock();
        try {
            closed = true;
            // unacknowledged messages stay where they are; the next start delivers them again
            fileThread.run(store::close);
        } finally {
            lock.unlock();
            fileThread.close();
        }
    }

    @Override
    public void declareQueue(String queue, String bindingPattern) {
        requireName("queue", queue);
        Objects.requireNonNull(bindingPattern, "bindingPattern");
        locked(() -> changeAndCommit(() -> {
            StoredQueue declared = declare(queue);
            if (declaredBindings.putIfAbsent(queue + '\0' + bindingPattern, bindingPattern) == null) {
                bindings.add(new Binding(declared, new TopicPattern(bindingPattern)));
            }
        }));
    }

    /**
     * Publishes to the message's queue, or to every queue bound to its routing key. A message that would reach no
     * queue is refused, as RabbitMQ refuses a mandatory message nothing is bound for.
     */
    @Override
    public void publish(TaskMessage message) {
        byte[] stored = StoredMessage.of(message).encode();
        locked(() -> {
            List<StoredQueue> targets = new ArrayList<>();
            if (message.queue() != null) {
                StoredQueue queue = queues.get(message.queue());
                if (queue == null) {
                    throw new BackendException("Queue '" + message.queue() + "' is not declared in the embedded"
                            + " broker; message " + message.id() + " for '" + message.task() + "' was not accepted");
                }
                targets.add(queue);
            } else {
                bindings.stream().filter(binding -> binding.pattern().matches(message.routingKey()))
                        .map(Binding::queue).distinct().forEach(targets::add);
                if (targets.isEmpty()) {
                    throw new BackendException("No queue is bound to routing key '" + message.routingKey()
                            + "' in the embedded broker; message " + message.id() + " for '" + message.task()
                            + "' was not accepted");
                }
            }
            changeAndCommit(() -> {
                long sequence = nextSequence++;
                targets.forEach(queue -> queue.ready.put(sequence, stored));
            });
            targets.forEach(queue -> queue.changed.signalAll());
        });
    }

    @Override
    public Subscription subscribe(String queue, int prefetch, DeliveryHandler handler) {
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be 0 (unlimited) or more, was " + prefetch);
        }
        Objects.requireNonNull(handler, "handler");
        QueueConsumer consumer;
        lock.lock();
        try {
            requireOpen();
            StoredQueue stored = queues.get(queue);
            if (stored == null) {
                throw new BackendException("Queue '" + queue + "' is not declared in the embedded broker");
            }
            consumer = new QueueConsumer(this, stored, prefetch, handler,
                    "ovs-embedded-" + queue + "-" + consumerCount.incrementAndGet());
            stored.consumers.add(consumer);
        } finally {
            lock.unlock();
        }
        consumer.start();
        return consumer;
    }

    @Override
    public long depth(String queue) {
        lock.lock();
        try {
            requireOpen();
            StoredQueue stored = queues.get(queue);
            return stored == null ? 0 : stored.ready.sizeAsLong();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long consumers(String queue) {
        lock.lock();
        try {
            requireOpen();
            StoredQueue stored = queues.get(queue);
            return stored == null ? 0 : stored.consumers.stream().filter(consumer -> !consumer.closed).count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TaskMessage> browse(String queue, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be 0 or more, was " + max);
        }
        lock.lock();
        try {
            requireOpen();
            StoredQueue stored = queues.get(queue);
            if (stored == null) {
                return List.of();
            }
            return stored.ready.values().stream().limit(max).map(message -> StoredMessage.decode(message).toTaskMessage()).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long move(String from, String to) {
        lock.lock();
        try {
            requireOpen();
            StoredQueue source = queues.get(from);
            StoredQueue target = queues.get(to);
            if (target == null) {
                throw new BackendException("Queue '" + to + "' is not declared in the embedded broker; nothing was moved");
            }
            if (source == null || source == target) {
                return 0;
            }
            long moved = source.ready.sizeAsLong();
            changeAndCommit(() -> {
                for (byte[] message : source.ready.values()) {
                    target.ready.put(nextSequence++, StoredMessage.decode(message).movedTo(to).encode());
                }
                source.ready.clear();
            });
            target.changed.signalAll();
            return moved;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long purge(String queue) {
        lock.lock();
        try {
            requireOpen();
            StoredQueue stored = queues.get(queue);
            if (stored == null) {
                return 0;
            }
            long purged = stored.ready.sizeAsLong();
            changeAndCommit(stored.ready::clear);
            return purged;
        } finally {
            lock.unlock();
        }
    }

    /** The consumer's next delivery, once it has room and the queue a message; null when it or the broker closed. */
    EmbeddedDelivery nextDelivery(QueueConsumer consumer) throws InterruptedException {
        StoredQueue queue = consumer.queue;
        lock.lock();
        try {
            while (true) {
                if (stopping || consumer.closed) {
                    return null;
                }
                boolean hasRoom = consumer.prefetch == 0 || consumer.unsettled.size() < consumer.prefetch;
                Long head = hasRoom ? queue.ready.firstKey() : null;
                if (head != null) {
                    StoredMessage message = StoredMessage.decode(queue.ready.get(head));
                    changeAndCommit(() -> queue.unacked.put(head, queue.ready.remove(head)));
                    consumer.unsettled.put(head, message);
                    return new EmbeddedDelivery(this, consumer, head, message);
                }
                queue.changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    void ack(EmbeddedDelivery delivery) {
        settle(delivery, "acknowledgement", () -> delivery.consumer.queue.unacked.remove(delivery.sequence));
    }

    void requeue(EmbeddedDelivery delivery) {
        StoredQueue queue = delivery.consumer.queue;
        settle(delivery, "requeue", () -> {
            queue.unacked.remove(delivery.sequence);
            queue.ready.put(delivery.sequence, delivery.stored.asRedelivered().encode());
        });
    }

    void deadLetter(EmbeddedDelivery delivery, String reason) {
        settle(delivery, "dead-lettering", () -> {
            StoredQueue deadLetters = queues.get(DEAD_LETTER_QUEUE);
            delivery.consumer.queue.unacked.remove(delivery.sequence);
            deadLetters.ready.put(nextSequence++, delivery.stored.asDeadLetter(reason).encode());
            deadLetters.changed.signalAll();
        });
    }

    /** Closes a subscription: no more deliveries, and its unsettled messages go back to their queue. */
    void close(QueueConsumer consumer) {
        lock.lock();
        try {
            consumer.closed = true;
            consumer.queue.changed.signalAll();
        } finally {
            lock.unlock();
        }
        consumer.awaitDispatcherEnd();
        lock.lock();
        try {
            consumer.queue.consumers.remove(consumer);
            if (!closed && !consumer.unsettled.isEmpty()) {
                StoredQueue queue = consumer.queue;
                changeAndCommit(() -> consumer.unsettled.forEach((sequence, message) -> {
                    queue.unacked.remove(sequence);
                    queue.ready.put(sequence, message.asRedelivered().encode());
                }));
                consumer.unsettled.clear();
                queue.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void settle(EmbeddedDelivery delivery, String settlement, Runnable change) {
        QueueConsumer consumer = delivery.consumer;
        lock.lock();
        try {
            if (closed || consumer.unsettled.remove(delivery.sequence) == null) {
                // the subscription or broker closed first and the message is queued again: at-least-once
                LOG.debug("Ignored {} of message {} on queue {}: its subscription is closed", settlement,
                        delivery.message().id(), consumer.queue.name);
                return;
            }
            changeAndCommit(change);
            consumer.queue.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Opens or creates the queue's maps; the caller commits. */
    private StoredQueue declare(String queue) {
        StoredQueue existing = queues.get(queue);
        if (existing != null) {
            return existing;
        }
        declaredQueues.put(queue, "");
        return openQueue(queue);
    }

    private StoredQueue openQueue(String name) {
        StoredQueue queue = new StoredQueue(name, messageMap("ready." + name), messageMap("unacked." + name),
                lock.newCondition());
        queues.put(name, queue);
        return queue;
    }

    private MVMap<Long, byte[]> messageMap(String name) {
        return store.openMap(name, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    /** Puts what was delivered but never settled before the last stop back at its place, marked redelivered. */
    private void recoverUnacknowledged(StoredQueue queue) {
        queue.unacked.forEach((sequence, message) ->
                queue.ready.put(sequence, StoredMessage.decode(message).asRedelivered().encode()));
        queue.unacked.clear();
    }

    private void locked(Runnable action) {
        lock.lock();
        try {
            requireOpen();
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Applies the change and commits it, or rolls the file back to the last commit; the caller holds the lock. */
    private void changeAndCommit(Runnable change) {
        try {
            // the change signals the queues' conditions, so it runs here under the lock; the commit writes the file
            change.run();
            fileThread.run(store::commit);
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                fileThread.run(store::rollback);
            }
            throw e instanceof BackendException backend ? backend
                    : new BackendException("Write to the embedded broker " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (stopping) {
            throw new BackendException("The embedded broker " + file + " is closed");
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Invalid " + what + " name: '" + name + "'");
        }
    }
}
