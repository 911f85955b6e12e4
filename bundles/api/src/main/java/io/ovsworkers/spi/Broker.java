package io.ovsworkers.spi;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A message broker with Celery's topology: a topic exchange routing task messages onto named queues
 * ({@code *} matches one word, {@code #} zero or more), per-queue FIFO, acknowledgement after processing and
 * redelivery of what was delivered but never acknowledged.
 */
@ProviderType
public interface Broker {

    /** Queue that receives messages no worker can ever process (malformed, not JSON, unknown task). */
    String DEAD_LETTER_QUEUE = "ovs_deadletter";

    /** Header of a dead-lettered message that says why it was dead-lettered. */
    String DEAD_LETTER_REASON_HEADER = "x-ovs-dead-letter-reason";

    /** Declares a durable queue (if absent) bound to the task exchange with this routing pattern. Idempotent. */
    void declareQueue(String queue, String bindingPattern);

    /**
     * Publishes a persistent message: to {@link TaskMessage#queue()} directly when set, otherwise by its routing
     * key. Returns once the broker has taken responsibility for it.
     *
     * @throws BackendException if the broker did not accept the message
     */
    void publish(TaskMessage message);

    /**
     * Delivers the queue's messages to the handler, at most {@code prefetch} unacknowledged at once. Messages
     * whose eta lies in the future are delivered anyway; holding them is the consumer's concern, as in Celery.
     */
    Subscription subscribe(String queue, int prefetch, DeliveryHandler handler);

    /** Messages ready in the queue, or -1 when the broker cannot tell. */
    long depth(String queue);

    /** Consumers of the queue now, or -1 when the broker cannot tell. */
    default long consumers(String queue) {
        return -1;
    }

    /**
     * Up to {@code max} messages ready in the queue, oldest first, left in place: for operators looking at the
     * dead-letter queue. A message that cannot be decoded is shown with task {@code (undecodable)}.
     *
     * @throws UnsupportedOperationException if this broker cannot list queued messages
     */
    default List<TaskMessage> browse(String queue, int max) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list queued messages");
    }

    /**
     * Moves the messages ready in {@code from} to the queue {@code to}, unchanged but for the
     * {@value #DEAD_LETTER_REASON_HEADER} header, which is dropped: to requeue dead letters.
     *
     * @return how many were moved
     * @throws UnsupportedOperationException if this broker cannot move queued messages
     */
    default long move(String from, String to) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot move queued messages");
    }

    /**
     * Removes every message ready in the queue.
     *
     * @return how many were removed
     * @throws UnsupportedOperationException if this broker cannot purge queues
     */
    default long purge(String queue) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot purge queues");
    }
}
