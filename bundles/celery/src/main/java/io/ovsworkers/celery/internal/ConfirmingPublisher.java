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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes with publisher confirms on one channel shared by all threads: a publish returns once RabbitMQ confirmed
 * it. A publish that a lost connection left unconfirmed is sent again once amqp-client recovered the connection (so
 * a message may arrive twice, never zero times), until the timeout. A channel closed by a channel error is replaced.
 */
final class ConfirmingPublisher implements AutoCloseable {
    private static final Duration RECHECK = Duration.ofMillis(100);

    private final Connection connection;
    private final Duration timeout;
    private final Object recovered = new Object();
    private final ConcurrentNavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
    private Channel channel;

    /** A sent message waiting for its confirm; {@code returned} is set when RabbitMQ could not route it. */
    private static final class Pending {
        final String correlationId;
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();
        volatile boolean returned;

        Pending(String correlationId) {
            this.correlationId = correlationId;
        }
    }

    /** The message went out on a connection or channel that closed before the confirm; sending it again may work. */
    private static final class ConnectionLost extends Exception {
        private static final long serialVersionUID = 1L;

        ConnectionLost(String message) {
            super(message);
        }
    }

    ConfirmingPublisher(Connection connection, Duration timeout) throws IOException {
        this.connection = connection;
        this.timeout = timeout;
        this.channel = openChannel();
        ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
                synchronized (recovered) {
                    recovered.notifyAll();
                }
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                failUnconfirmed("connection to RabbitMQ is being recovered");
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                publishOnce(message, mandatory, deadline);
                return;
            } catch (ConnectionLost e) {
                awaitConnection(deadline, e.getMessage());
            }
        }
    }

    private void publishOnce(AmqpMessage message, boolean mandatory, long deadline) throws ConnectionLost {
        Pending pending = new Pending(message.properties().getCorrelationId());
        try {
            synchronized (this) {
                Channel current = channel();
                unconfirmed.put(current.getNextPublishSeqNo(), pending);
                current.basicPublish(message.exchange(), message.routingKey(), mandatory, message.properties(),
                        message.body());
            }
            pending.confirmed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (IOException | AlreadyClosedException e) {
            throw new ConnectionLost(String.valueOf(e.getMessage()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConnectionLost lost) {
                throw lost;
            }
            throw new BackendException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BackendException("RabbitMQ did not confirm the message for routing key '" + message.routingKey()
                    + "' within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("Interrupted while waiting for RabbitMQ to confirm a message", e);
        }
        if (mandatory && pending.returned) {
            throw new BackendException("No queue is bound to exchange '" + message.exchange() + "' for routing key '"
                    + message.routingKey() + "'; the message was not delivered");
        }
    }

    /** The channel, replaced when a channel error closed it while the connection stayed up. */
    private Channel channel() throws IOException, ConnectionLost {
        if (!channel.isOpen()) {
            if (!connection.isOpen()) {
                throw new ConnectionLost("connection to RabbitMQ is down");
            }
            channel = openChannel();
        }
        return channel;
    }

    private Channel openChannel() throws IOException {
        Channel opened = connection.createChannel();
        opened.confirmSelect();
        opened.addConfirmListener((tag, multiple) -> settle(tag, multiple, null),
                (tag, multiple) -> settle(tag, multiple, "RabbitMQ refused the message (basic.nack)"));
        opened.addReturnListener(returned -> {
            String correlationId = returned.getProperties().getCorrelationId();
            unconfirmed.values().stream().filter(p -> p.correlationId != null && p.correlationId.equals(correlationId))
                    .forEach(p -> p.returned = true);
        });
        opened.addShutdownListener(cause -> failUnconfirmed(cause.getMessage()));
        return opened;
    }

    private void settle(long tag, boolean multiple, String refusal) {
        Map<Long, Pending> settled = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        for (Pending pending : settled.values()) {
            if (refusal == null) {
                pending.confirmed.complete(null);
            } else {
                pending.confirmed.completeExceptionally(new BackendException(refusal));
            }
        }
        settled.clear();
    }

    /** Sequence numbers restart on a recovered or new channel, so nothing sent before can be confirmed any more. */
    private void failUnconfirmed(String cause) {
        for (Pending pending : unconfirmed.values()) {
            pending.confirmed.completeExceptionally(new ConnectionLost(cause));
        }
        unconfirmed.clear();
    }

    private void awaitConnection(long deadline, String cause) {
        synchronized (recovered) {
            while (!connection.isOpen()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new BackendException("RabbitMQ is unreachable; the message was not confirmed within "
                            + timeout.toSeconds() + " s (" + cause + ")");
                }
                try {
                    // bounded, so that a recovery signalled just before this wait is seen soon anyway
                    TimeUnit.NANOSECONDS.timedWait(recovered, Math.min(remaining, RECHECK.toNanos()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendException("Interrupted while waiting for RabbitMQ to come back", e);
                }
            }
        }
        if (System.nanoTime() > deadline) {
            throw new BackendException("RabbitMQ did not confirm the message within " + timeout.toSeconds() + " s ("
                    + cause + ")");
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            failUnconfirmed("publisher closed");
        }
    }
}
