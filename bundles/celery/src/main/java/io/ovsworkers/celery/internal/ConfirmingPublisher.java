package io.ovsworkers.celery.internal;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.ovsworkers.spi.BackendException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes with publisher confirms on one channel shared by all threads. A message counts as sent once RabbitMQ
 * confirmed it; one that a lost connection left unconfirmed is sent again once amqp-client recovered the connection
 * (so it may arrive twice, never zero times), until the timeout. A channel closed by a channel error is replaced.
 *
 * <p>Sending does not wait for the confirm: callers wait on the returned future, so that many messages share
 * RabbitMQ's confirms, which for persistent messages wait for the disk.
 */
final class ConfirmingPublisher implements AutoCloseable {
    /** How soon a message is sent again when its channel closed but the connection stayed up. */
    private static final long RESEND_DELAY_MILLIS = 100;

    private final Connection connection;
    private final Duration timeout;
    private final ConcurrentNavigableMap<Long, Attempt> unconfirmed = new ConcurrentSkipListMap<>();
    private final Queue<Attempt> awaitingConnection = new ConcurrentLinkedQueue<>();
    private Channel channel;

    /** One message on its way; {@code returned} is set when RabbitMQ could not route it. */
    private static final class Attempt {
        final AmqpMessage message;
        final boolean mandatory;
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();
        volatile boolean returned;

        Attempt(AmqpMessage message, boolean mandatory) {
            this.message = message;
            this.mandatory = mandatory;
        }
    }

    ConfirmingPublisher(Connection connection, Duration timeout) throws IOException {
        this.connection = connection;
        this.timeout = timeout;
        this.channel = openChannel();
        ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
                resendAwaiting();
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                requeueUnconfirmed();
            }
        });
    }

    /**
     * Sends the message and waits for its confirm.
     *
     * @param mandatory whether a message that no queue is bound for is an error rather than dropped
     * @throws BackendException when RabbitMQ refused it, nothing was bound for a mandatory message, or no confirm came
     *                          within the timeout
     */
    void publish(AmqpMessage message, boolean mandatory) {
        try {
            publishAsync(message, mandatory).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BackendException refused) {
                throw refused;
            }
            throw new BackendException("RabbitMQ did not confirm the message for routing key '" + message.routingKey()
                    + "' within " + timeout.toSeconds() + " s", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("Interrupted while waiting for RabbitMQ to confirm a message", e);
        }
    }

    /**
     * Sends the message; the future completes when RabbitMQ confirmed it, and fails with a {@link BackendException}
     * when RabbitMQ refused it or nothing was bound for a mandatory message, or with a {@link TimeoutException}.
     */
    CompletableFuture<Void> publishAsync(AmqpMessage message, boolean mandatory) {
        Attempt attempt = new Attempt(message, mandatory);
        attempt.confirmed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        send(attempt);
        return attempt.confirmed;
    }

    private void send(Attempt attempt) {
        if (attempt.confirmed.isDone()) {
            return;
        }
        try {
            synchronized (this) {
                Channel current = channel();
                unconfirmed.put(current.getNextPublishSeqNo(), attempt);
                current.basicPublish(attempt.message.exchange(), attempt.message.routingKey(), attempt.mandatory,
                        attempt.message.properties(), attempt.message.body());
            }
        } catch (IOException | AlreadyClosedException e) {
            unconfirmed.values().remove(attempt);
            park(attempt);
        }
    }

    /** Sends again once the connection is back: at once when only the channel was lost. */
    private void park(Attempt attempt) {
        if (connection.isOpen()) {
            CompletableFuture.delayedExecutor(RESEND_DELAY_MILLIS, TimeUnit.MILLISECONDS).execute(() -> send(attempt));
        } else {
            awaitingConnection.add(attempt);
            if (connection.isOpen()) {
                resendAwaiting();
            }
        }
    }

    private void resendAwaiting() {
        Attempt attempt;
        while ((attempt = awaitingConnection.poll()) != null) {
            send(attempt);
        }
    }

    /** Sequence numbers restart on a recovered or new channel, so nothing sent before can be confirmed any more. */
    private void requeueUnconfirmed() {
        for (Long sequence : unconfirmed.keySet()) {
            Attempt attempt = unconfirmed.remove(sequence);
            if (attempt != null) {
                park(attempt);
            }
        }
    }

    /** The channel, replaced when a channel error closed it while the connection stayed up. */
    private Channel channel() throws IOException {
        if (!channel.isOpen() && connection.isOpen()) {
            channel = openChannel();
        }
        return channel;
    }

    private Channel openChannel() throws IOException {
        Channel opened = connection.createChannel();
        opened.confirmSelect();
        opened.addConfirmListener((tag, multiple) -> settle(tag, multiple, true),
                (tag, multiple) -> settle(tag, multiple, false));
        opened.addReturnListener(returned -> {
            String correlationId = returned.getProperties().getCorrelationId();
            unconfirmed.values().stream()
                    .filter(a -> correlationId != null && correlationId.equals(a.message.properties().getCorrelationId()))
                    .forEach(a -> a.returned = true);
        });
        opened.addShutdownListener(cause -> {
            if (!cause.isHardError()) {
                requeueUnconfirmed();
            }
        });
        return opened;
    }

    private void settle(long tag, boolean multiple, boolean accepted) {
        Map<Long, Attempt> settled = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        for (Attempt attempt : settled.values()) {
            if (!accepted) {
                attempt.confirmed.completeExceptionally(new BackendException("RabbitMQ refused the message for routing"
                        + " key '" + attempt.message.routingKey() + "' (basic.nack)"));
            } else if (attempt.mandatory && attempt.returned) {
                attempt.confirmed.completeExceptionally(new BackendException("No queue is bound to exchange '"
                        + attempt.message.exchange() + "' for routing key '" + attempt.message.routingKey()
                        + "'; the message was not delivered"));
            } else {
                attempt.confirmed.complete(null);
            }
        }
        settled.clear();
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            requeueUnconfirmed();
        }
    }
}
