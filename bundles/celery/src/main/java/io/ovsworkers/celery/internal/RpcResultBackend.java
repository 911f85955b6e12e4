package io.ovsworkers.celery.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results as Celery's rpc:// backend: {@link #store} publishes a task's state to the reply queue its message named
 * (the worker side), and this node's own reply queue is consumed so that {@link #get} and {@link #await} see the
 * results of the tasks this node sent, whichever language ran them (the caller side).
 *
 * <p>As in Celery, a result reaches only the node that sent the task: {@link #get} on another node knows nothing
 * of it. {@link #store} needs the reply queue in {@link TaskResult#extra()} under {@code "reply_to"}; without it
 * nothing is sent, as Celery sends nothing for a task message without reply_to.
 */
@Component(service = ResultBackend.class, configurationPid = RpcResultsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=10")
@Designate(ocd = RpcResultsConfiguration.class)
public class RpcResultBackend implements ResultBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RpcResultBackend.class);

    @Reference
    RabbitMqBroker broker;

    private RpcResultCodec codec;
    private KeptResults kept;
    private Channel channel;

    @Activate
    void activate(RpcResultsConfiguration config) {
        if (config.resultExpires() < 1) {
            throw new IllegalArgumentException(RpcResultsConfiguration.PID + ": resultExpires must be at least 1, got "
                    + config.resultExpires());
        }
        if (config.maxKept() < 1) {
            throw new IllegalArgumentException(RpcResultsConfiguration.PID + ": maxKept must be at least 1, got "
                    + config.maxKept());
        }
        codec = new RpcResultCodec(config.persistent());
        kept = new KeptResults(config.maxKept());
        String queue = broker.replyQueue();
        try {
            channel = broker.connection().createChannel();
            // as Celery's RPCBackend.binding: not durable, auto-delete, x-expires = result_expires in ms
            channel.queueDeclare(queue, false, false, true, Map.of("x-expires", config.resultExpires() * 1000));
            channel.basicConsume(queue, true, new ResultConsumer(channel));
        } catch (IOException e) {
            throw new BackendException("Cannot consume the reply queue '" + queue + "'", e);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            LOG.debug("Closing the reply queue's channel failed", e);
        }
    }

    @Override
    public void store(TaskResult result) {
        Object replyTo = result.extra().get(RpcResultCodec.REPLY_TO);
        if (!(replyTo instanceof String queue) || queue.isEmpty()) {
            LOG.debug("Task {} named no reply queue; its {} state is not sent", result.taskId(), result.state());
            return;
        }
        // not mandatory: a caller that is gone lost its queue, and its result is dropped, as in Celery
        broker.publisher().publish(codec.encode(queue, result), false);
        if (queue.equals(broker.replyQueue())) {
            kept.record(result);
        }
    }

    @Override
    public Optional<TaskResult> get(String taskId) {
        return kept.latest(taskId);
    }

    @Override
    public TaskResult await(String taskId, Duration timeout) throws InterruptedException {
        CompletableFuture<TaskResult> finished = kept.finished(taskId);
        try {
            return finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return kept.latest(taskId).orElse(TaskResult.pending(taskId));
        } catch (ExecutionException e) {
            throw new BackendException("Waiting for task " + taskId + " failed", e.getCause());
        }
    }

    @Override
    public void forget(String taskId) {
        kept.forget(taskId);
    }

    /** Results that arrive on this node's reply queue. */
    private final class ResultConsumer extends DefaultConsumer {
        ResultConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            try {
                kept.record(codec.decode(properties, body));
            } catch (UndecodableMessageException e) {
                LOG.warn("Ignoring a message on reply queue '{}' (correlation id {}): {}", envelope.getRoutingKey(),
                        properties.getCorrelationId(), e.reason());
            }
        }
    }

    /**
     * The latest state of each task, bounded; a final state is never replaced by an earlier, late one, and is dated
     * when it arrives (rpc:// carries no date).
     */
    private static final class KeptResults {
        private final Map<String, Kept> byTask;

        KeptResults(int max) {
            byTask = new LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                    return size() > max;
                }
            };
        }

        /** One task's latest state and the future its waiters wait on. */
        private static final class Kept {
            TaskResult latest;
            final CompletableFuture<TaskResult> finished = new CompletableFuture<>();
        }

        synchronized void record(TaskResult stored) {
            TaskResult result = stored.state().ready() && stored.dateDone() == null
                    ? new TaskResult(stored.taskId(), stored.state(), stored.result(), stored.traceback(), Instant.now(),
                    stored.extra())
                    : stored;
            Kept kept = byTask.computeIfAbsent(result.taskId(), id -> new Kept());
            if (kept.latest != null && kept.latest.state().ready() && !result.state().ready()) {
                return;
            }
            kept.latest = result;
            if (result.state().ready()) {
                kept.finished.complete(result);
            }
        }

        synchronized Optional<TaskResult> latest(String taskId) {
            Kept kept = byTask.get(taskId);
            return kept == null ? Optional.empty() : Optional.ofNullable(kept.latest);
        }

        synchronized CompletableFuture<TaskResult> finished(String taskId) {
            return byTask.computeIfAbsent(taskId, id -> new Kept()).finished;
        }

        synchronized void forget(String taskId) {
            byTask.remove(taskId);
        }
    }
}
