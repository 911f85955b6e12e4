package io.ovsworkers.core.internal;

import io.ovsworkers.core.internal.ConfigurationValues.InvalidConfiguration;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's workers: consumes this node's queues from the highest-ranked broker and hands each delivery to a
 * {@link TaskExecution}. When a better broker appears (RabbitMQ configured beside the embedded one), the workers move
 * to it; what is still queued on the old broker is forwarded to the new one, so nothing stays behind.
 */
@Component(service = WorkerPool.class, immediate = true, configurationPid = WorkerPool.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WorkerPool.Config.class)
public final class WorkerPool {
    static final String PID = "io.ovsworkers.worker";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    /**
     * Celery's default multiplier. The original set 1 "to prevent deadlocks": its waiting tasks held a worker process.
     * Here a waiting task gives its slot back, and a deeper prefetch lets runnable tasks past the waiting ones.
     */
    private static final int DEFAULT_PREFETCH_MULTIPLIER = 4;
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    /** How long a message that could not be forwarded waits before it is tried again, so that a refusing broker is not hammered. */
    private static final Duration FORWARD_RETRY = Duration.ofSeconds(5);

    @ObjectClassDefinition(name = "OVS Workers worker", description = "How this node's workers consume tasks")
    public @interface Config {
        @AttributeDefinition(description = "Tasks run at once; default: the number of processors")
        int concurrency();

        @AttributeDefinition(description = "Messages taken from each queue before they run; default: 4 x concurrency, so that tasks"
                + " waiting for their ensure-single turn (which give their worker slot back) do not keep runnable ones out")
        int prefetch();

        @AttributeDefinition(description = "Extra queues to consume, each bound with '<queue>.#'")
        String[] queues();

        @AttributeDefinition(description = "Seconds a task no local plugin provides is requeued while a plugin for it may come back (update, start-up)")
        int unknownTaskGraceSeconds() default 30;

        @AttributeDefinition(description = "Seconds a stopping node lets running tasks finish before interrupting them; their messages are redelivered")
        int shutdownTimeoutSeconds() default 10;

        @AttributeDefinition(description = "Seconds after which a task's thread is interrupted (Celery's task_soft_time_limit), unless its message's"
                + " timelimit header says otherwise; 0: none")
        int softTimeLimit() default 0;

        @AttributeDefinition(description = "Seconds after which a task fails with TimeLimitExceeded and its thread is abandoned (Celery's"
                + " task_time_limit), unless its message's timelimit header says otherwise; 0: none")
        int hardTimeLimit() default 0;
    }

    /** The effective settings; replaced as a whole so that workers never see half of a change. */
    record Settings(int concurrency, int prefetch, List<String> queues, int unknownTaskGraceSeconds, int shutdownTimeoutSeconds,
                    int softTimeLimitSeconds, int hardTimeLimitSeconds) {
    }

    @Reference
    TaskRegistry registry;

    @Reference
    TaskInvoker invoker;

    @Reference
    NodeIdentity node;

    @Reference
    WorkerMonitor monitor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ResultBackend results;

    private volatile Settings settings;
    private TaskExecution execution;
    private volatile Broker broker;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ovs-forward-retry");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    void activate(Map<String, Object> properties) {
        int processors = Runtime.getRuntime().availableProcessors();
        settings = new Settings(processors, DEFAULT_PREFETCH_MULTIPLIER * processors, List.of(), 30, 10, 0, 0);
        apply(properties);
        synchronized (this) {
            execution = new TaskExecution(registry, invoker, () -> results, () -> broker, node::machineId, settings, monitor);
            if (broker != null) {
                consume(broker);
            }
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        if (apply(properties)) {
            synchronized (this) {
                LOG.info("Worker settings changed: {}; resubscribing", settings);
                stopConsuming();
                execution.shutdown(settings.shutdownTimeoutSeconds());
                execution = new TaskExecution(registry, invoker, () -> results, () -> broker, node::machineId, settings, monitor);
                if (broker != null) {
                    consume(broker);
                }
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        retries.shutdownNow();
        stopConsuming();
        execution.shutdown(settings.shutdownTimeoutSeconds());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindBroker(Broker newBroker) {
        Broker previous = broker;
        broker = newBroker;
        if (execution == null) {
            return;
        }
        stopConsuming();
        if (previous != null) {
            forwardQueued(previous, newBroker);
        }
        consume(newBroker);
    }

    synchronized void unbindBroker(Broker gone) {
        if (broker == gone) {
            stopConsuming();
            broker = null;
        }
    }

    private boolean apply(Map<String, Object> properties) {
        ConfigurationValues values = new ConfigurationValues(PID, properties);
        try {
            int concurrency = values.integer("concurrency", Runtime.getRuntime().availableProcessors(), 1, 1024);
            int prefetch = values.integer("prefetch", DEFAULT_PREFETCH_MULTIPLIER * concurrency, 1, 65535);
            List<String> queues = values.strings("queues", QUEUE, "queue names of letters, digits, '.', '-' and '_'");
            int grace = values.integer("unknownTaskGraceSeconds", 30, 0, 86400);
            int shutdown = values.integer("shutdownTimeoutSeconds", 10, 0, 86400);
            int soft = values.integer("softTimeLimit", 0, 0, 31_536_000);
            int hard = values.integer("hardTimeLimit", 0, 0, 31_536_000);
            Settings next = new Settings(concurrency, prefetch, queues, grace, shutdown, soft, hard);
            boolean changed = !next.equals(settings);
            settings = next;
            return changed;
        } catch (InvalidConfiguration refused) {
            LOG.error("{}; keeping {}", refused.getMessage(), settings);
            return false;
        }
    }

    private void consume(Broker target) {
        declareAll(target);
        Map<String, String> queues = NodeQueues.consumed(node.machineId(), node.master(), settings.queues());
        for (String queue : queues.keySet()) {
            subscriptions.add(target.subscribe(queue, settings.prefetch(), execution::accept));
        }
        monitor.consuming(queues.keySet());
        LOG.info("Workers of node {} ({}) consume {} with concurrency {} and prefetch {}",
                node.machineId(), node.master() ? "master" : "extra", queues.keySet(), settings.concurrency(), settings.prefetch());
    }

    /** Every node declares the whole layout, as the original did, so that no routed message is dropped. */
    private void declareAll(Broker target) {
        NodeQueues.consumed(node.machineId(), true, settings.queues()).forEach(target::declareQueue);
    }

    private void stopConsuming() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
        monitor.consuming(List.of());
    }

    /** Moves what waits on a broker that no longer serves onto the one that does. */
    private void forwardQueued(Broker from, Broker to) {
        Map<String, String> queues = NodeQueues.consumed(node.machineId(), true, settings.queues());
        declareAll(to);
        for (String queue : queues.keySet()) {
            long waiting = from.depth(queue);
            if (waiting == 0) {
                continue;
            }
            LOG.info("Forwarding {} message(s) queued in {} on the previous broker to the new one", waiting < 0 ? "the" : waiting, queue);
            Subscription forwarding = from.subscribe(queue, 64, (Delivery delivery) -> {
                try {
                    to.publish(delivery.message());
                    delivery.ack();
                } catch (RuntimeException e) {
                    LOG.error("Could not forward task {} from {}; it stays on the previous broker and is tried again in {} s",
                            delivery.message().id(), queue, FORWARD_RETRY.toSeconds(), e);
                    retries.schedule(delivery::requeue, FORWARD_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
            subscriptions.add(forwarding);
        }
    }
}
