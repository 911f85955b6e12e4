package io.ovsworkers.core.internal;

import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.TaskState;
import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.BackendHealth;
import io.ovsworkers.api.monitor.Revocations;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.TaskEvent;
import io.ovsworkers.api.monitor.TaskEventListener;
import io.ovsworkers.api.monitor.TaskEventType;
import io.ovsworkers.api.monitor.TaskTimings;
import io.ovsworkers.api.monitor.WorkerStatus;
import io.ovsworkers.core.internal.ConfigurationValues.InvalidConfiguration;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.Delivery;
import io.ovsworkers.spi.KeyValueStore;
import io.ovsworkers.spi.ResultBackend;
import io.ovsworkers.spi.TaskMessage;
import io.ovsworkers.spi.TaskResult;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
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
 * Watches this node's workers: keeps the running tasks, counts outcomes and timings per task name, tells every
 * {@link TaskEventListener} of each task event, keeps revocations in the key-value store and terminates revoked tasks
 * that run here. Publishes the counters as the JMX MBean {@value #MBEAN_NAME}.
 */
@Component(service = {WorkerStatus.class, Revocations.class, WorkerMonitor.class}, configurationPid = WorkerMonitor.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WorkerMonitor.Config.class)
public final class WorkerMonitor implements WorkerStatus, Revocations, TaskObserver, WorkerMetricsMBean {
    static final String PID = "io.ovsworkers.monitor";
    static final String MBEAN_NAME = "io.ovsworkers:type=WorkerMetrics";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMonitor.class);

    @ObjectClassDefinition(name = "OVS Workers monitor", description = "Task counters, revocations and JMX metrics of this node")
    public @interface Config {
        @AttributeDefinition(description = "Seconds a revocation is kept (Celery keeps revoked ids 3 hours)")
        int revokeExpirySeconds() default 10800;

        @AttributeDefinition(description = "Whether to register the counters as a JMX MBean with the platform MBean server (local access only unless the JVM opens remote JMX)")
        boolean jmx() default true;
    }

    @Reference
    NodeInfo node;

    @Reference
    TaskRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Broker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ResultBackend results;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile KeyValueStore store;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<TaskEventListener> listeners = new CopyOnWriteArrayList<>();

    Clock clock = Clock.systemUTC();

    private final Instant startedAt = Instant.now();
    private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
    private final Map<String, Timings> byName = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder revoked = new LongAdder();
    private final RevokedTasks revocations = new RevokedTasks(() -> store, Clock.systemUTC());
    private volatile List<String> queues = List.of();
    private volatile Duration revokeExpiry = Duration.ofHours(3);
    private ObjectName registeredMBean;

    @Activate
    void activate(Map<String, Object> properties) {
        modified(properties);
        boolean jmx = true;
        try {
            jmx = new ConfigurationValues(PID, properties).bool("jmx", true);
        } catch (InvalidConfiguration refused) {
            LOG.error("{}; registering the JMX MBean", refused.getMessage());
        }
        if (jmx) {
            registerMBean();
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            revokeExpiry = Duration.ofSeconds(new ConfigurationValues(PID, properties).integer("revokeExpirySeconds", 10800, 1, 365 * 86400));
        } catch (InvalidConfiguration refused) {
            LOG.error("{}; keeping revocations {} s", refused.getMessage(), revokeExpiry.toSeconds());
        }
    }

    @Deactivate
    void deactivate() {
        if (registeredMBean != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredMBean);
            } catch (JMException e) {
                LOG.debug("Could not unregister {}", registeredMBean, e);
            }
        }
    }

    private void registerMBean() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(MBEAN_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(this, WorkerMetricsMBean.class), name);
            registeredMBean = name;
        } catch (JMException e) {
            LOG.warn("Could not register the JMX MBean {}; the counters stay readable in the shell", MBEAN_NAME, e);
        }
    }

    /** The queues the workers consume now; told by the worker pool. */
    void consuming(Collection<String> consumed) {
        queues = List.copyOf(consumed);
    }

    /** A task was sent from this node (Celery's task-sent, a client event). */
    void sent(TaskMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("args", message.args());
        fields.put("kwargs", message.kwargs());
        fields.put("retries", message.retries());
        fields.put("eta", message.eta() == null ? null : message.eta().toString());
        fields.put("expires", message.expires() == null ? null : message.expires().toString());
        fields.put("queue", message.queue());
        fields.put("routing_key", message.routingKey());
        fields.put("root_id", message.headers().getOrDefault("root_id", message.id()));
        fields.put("parent_id", message.headers().get("parent_id"));
        emit(TaskEventType.SENT, message, fields);
    }

    // TaskObserver

    @Override
    public void received(Delivery delivery) {
        received.increment();
        TaskMessage message = delivery.message();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("args", message.args());
        fields.put("kwargs", message.kwargs());
        fields.put("retries", message.retries());
        fields.put("eta", message.eta() == null ? null : message.eta().toString());
        fields.put("expires", message.expires() == null ? null : message.expires().toString());
        fields.put("root_id", message.headers().get("root_id"));
        fields.put("parent_id", message.headers().get("parent_id"));
        emit(TaskEventType.RECEIVED, message, fields);
    }

    @Override
    public void notRun(TaskMessage message, boolean expired) {
        revoked.increment();
        emit(TaskEventType.REVOKED, message, Map.of("terminated", false, "expired", expired));
    }

    @Override
    public void started(Delivery delivery) {
        TaskMessage message = delivery.message();
        ActiveTask info = new ActiveTask(message.id(), message.task(), message.args(), message.kwargs(), clock.instant(),
                message.routingKey(), delivery.redelivered());
        running.put(message.id(), new RunningTask(info, message, node.machineId(), () -> results));
        emit(TaskEventType.STARTED, message, Map.of());
    }

    @Override
    public TaskResult finished(TaskMessage message, TaskResult outcome) {
        RunningTask task = running.get(message.id());
        if (task == null) {
            return outcome;
        }
        boolean terminated = task.finish();
        long millis = (System.nanoTime() - task.startNanos) / 1_000_000;
        TaskResult recorded = terminated ? terminatedResult(outcome) : outcome;
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (recorded.state()) {
            case SUCCESS -> {
                succeeded.increment();
                fields.put("result", recorded.result());
                fields.put("runtime", millis / 1000.0);
                emit(TaskEventType.SUCCEEDED, message, fields);
            }
            case FAILURE -> {
                failed.increment();
                fields.put("exception", exception(recorded));
                fields.put("traceback", recorded.traceback());
                emit(TaskEventType.FAILED, message, fields);
            }
            case RETRY -> {
                retried.increment();
                fields.put("exception", exception(recorded));
                fields.put("traceback", recorded.traceback());
                emit(TaskEventType.RETRIED, message, fields);
            }
            case REVOKED -> {
                revoked.increment();
                emit(TaskEventType.REVOKED, message, Map.of("terminated", terminated, "expired", false, "signum", 15));
            }
            default -> {
                return recorded;
            }
        }
        byName.computeIfAbsent(message.task(), name -> new Timings()).add(millis, recorded.state() == TaskState.FAILURE);
        return recorded;
    }

    @Override
    public void settled(TaskMessage message) {
        RunningTask task = running.remove(message.id());
        if (task != null) {
            task.unbind();
        }
    }

    private static TaskResult terminatedResult(TaskResult outcome) {
        Map<String, Object> revokedForm = new LinkedHashMap<>();
        revokedForm.put("exc_type", "TaskRevokedError");
        revokedForm.put("exc_message", List.of("terminated"));
        revokedForm.put("exc_module", "celery.exceptions");
        return new TaskResult(outcome.taskId(), TaskState.REVOKED, revokedForm, null, outcome.dateDone() == null ? Instant.now() : outcome.dateDone(), outcome.extra());
    }

    private static String exception(TaskResult result) {
        if (result.result() instanceof Map<?, ?> form) {
            Object message = form.get("exc_message");
            String text = message instanceof List<?> parts && parts.size() == 1 ? String.valueOf(parts.get(0)) : String.valueOf(message);
            return form.get("exc_type") + "(" + text + ")";
        }
        return String.valueOf(result.result());
    }

    private void emit(TaskEventType type, TaskMessage message, Map<String, Object> fields) {
        if (listeners.isEmpty()) {
            return;
        }
        TaskEvent event = new TaskEvent(type, message.id(), message.task(), clock.instant(), new HashMap<>(fields));
        for (TaskEventListener listener : listeners) {
            try {
                listener.onTaskEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Task event listener {} failed on {} of {}", listener.getClass().getName(), type, message.id(), e);
            }
        }
    }

    @Override
    public boolean revoked(String taskId) {
        try {
            return revocations.contains(taskId);
        } catch (RuntimeException e) {
            LOG.warn("Could not read whether task {} is revoked; running it", taskId, e);
            return false;
        }
    }

    // Revocations

    @Override
    public boolean revoke(String taskId, boolean terminate) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("A task id to revoke is required");
        }
        revocations.add(taskId, revokeExpiry);
        LOG.info("Task {} revoked{}", taskId, terminate ? " (terminate)" : "");
        return terminate && terminateLocal(taskId);
    }

    @Override
    public boolean terminateLocal(String taskId) {
        RunningTask task = running.get(taskId);
        boolean interrupted = task != null && task.terminate();
        if (interrupted) {
            LOG.info("Task {} [{}] terminated: its thread was interrupted", task.taskName(), taskId);
        }
        return interrupted;
    }

    @Override
    public List<String> revokedIds(int max) {
        return revocations.ids(max);
    }

    // WorkerStatus

    @Override
    public String nodeId() {
        return node.machineId();
    }

    @Override
    public boolean master() {
        return node.master();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public List<ActiveTask> active() {
        List<ActiveTask> active = new ArrayList<>();
        running.values().forEach(task -> active.add(task.info));
        active.sort(Comparator.comparing(ActiveTask::startedAt));
        return active;
    }

    @Override
    public TaskCounters counters() {
        Map<String, TaskTimings> timings = new HashMap<>();
        byName.forEach((name, t) -> timings.put(name, t.snapshot()));
        return new TaskCounters(received.sum(), succeeded.sum(), failed.sum(), retried.sum(), revoked.sum(), timings);
    }

    @Override
    public List<BackendHealth> backends() {
        List<BackendHealth> health = new ArrayList<>();
        Broker currentBroker = broker;
        health.add(check("broker", currentBroker, () -> {
            long depth = currentBroker.depth(Broker.DEAD_LETTER_QUEUE);
            return depth < 0 ? "depth unknown" : Broker.DEAD_LETTER_QUEUE + " holds " + depth;
        }));
        ResultBackend currentResults = results;
        health.add(check("results", currentResults, () -> {
            currentResults.get("ovs-health-probe");
            return "answers";
        }));
        KeyValueStore currentStore = store;
        health.add(check("store", currentStore, () -> {
            currentStore.keys(RevokedTasks.PREFIX, 1);
            return "answers";
        }));
        return health;
    }

    private static BackendHealth check(String role, Object backend, java.util.function.Supplier<String> probe) {
        if (backend == null) {
            return new BackendHealth(role, "none", false, "no " + role + " service is available");
        }
        String implementation = backend.getClass().getSimpleName();
        try {
            return new BackendHealth(role, implementation, true, probe.get());
        } catch (RuntimeException e) {
            return new BackendHealth(role, implementation, false, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public List<String> queues() {
        return queues;
    }

    @Override
    public List<String> registeredTasks() {
        return registry.all().stream().map(TaskDefinition::name).toList();
    }

    // WorkerMetricsMBean

    @Override
    public String getNodeId() {
        return nodeId();
    }

    @Override
    public long getUptimeSeconds() {
        return Duration.between(startedAt, clock.instant()).toSeconds();
    }

    @Override
    public int getActiveTasks() {
        return running.size();
    }

    @Override
    public long getTasksReceived() {
        return received.sum();
    }

    @Override
    public long getTasksSucceeded() {
        return succeeded.sum();
    }

    @Override
    public long getTasksFailed() {
        return failed.sum();
    }

    @Override
    public long getTasksRetried() {
        return retried.sum();
    }

    @Override
    public long getTasksRevoked() {
        return revoked.sum();
    }

    /** Runs of one task name. */
    private static final class Timings {
        private long runs;
        private long failures;
        private long totalMillis;
        private long maxMillis;

        synchronized void add(long millis, boolean failure) {
            runs++;
            failures += failure ? 1 : 0;
            totalMillis += millis;
            maxMillis = Math.max(maxMillis, millis);
        }

        synchronized TaskTimings snapshot() {
            return new TaskTimings(runs, failures, totalMillis, maxMillis);
        }
    }
}
