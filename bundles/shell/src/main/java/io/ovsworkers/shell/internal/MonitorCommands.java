package io.ovsworkers.shell.internal;

import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.BackendHealth;
import io.ovsworkers.api.monitor.ClusterControl;
import io.ovsworkers.api.monitor.Revocations;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.WorkerStatus;
import io.ovsworkers.spi.Broker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Shell commands to watch and steer the workers: status, active tasks, workers of the cluster, revoke, queues, metrics. */
@Component(service = MonitorCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=status",
        "osgi.command.function=active",
        "osgi.command.function=workers",
        "osgi.command.function=revoke",
        "osgi.command.function=queues",
        "osgi.command.function=metrics"})
public final class MonitorCommands {
    /** How long {@code workers} and {@code revoke} collect replies, as {@code celery inspect} does by default. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(1);

    @Reference
    WorkerStatus status;

    @Reference
    Revocations revocations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ClusterControl control;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Broker broker;

    Clock clock = Clock.systemUTC();

    @Descriptor("one screen about this node: id, role, uptime, backends in use and their health, tasks run and failed, what runs"
            + " now, and the runs and run times of each task")
    public String status() {
        TaskCounters counters = status.counters();
        StringBuilder out = new StringBuilder();
        out.append("Node:     ").append(status.nodeId()).append(" (").append(status.master() ? "master" : "extra").append(")\n");
        out.append("Uptime:   ").append(duration(Duration.between(status.startedAt(), clock.instant()))).append('\n');
        out.append("Queues:   ").append(status.queues().isEmpty() ? "none (no broker)" : String.join(", ", status.queues())).append('\n');
        out.append("Tasks:    ").append(counters.succeeded()).append(" succeeded, ").append(counters.failed()).append(" failed, ")
                .append(counters.retried()).append(" retried, ").append(counters.revoked()).append(" revoked; ")
                .append(status.active().size()).append(" running now\n");
        Table backends = new Table("BACKEND", "SERVED BY", "HEALTH", "DETAIL");
        for (BackendHealth backend : status.backends()) {
            backends.row(backend.role(), backend.implementation(), backend.healthy() ? "ok" : "DOWN", backend.detail());
        }
        out.append(backends.render());
        if (!counters.byName().isEmpty()) {
            Table timings = new Table("TASK", "RUNS", "FAILED", "MEAN", "MAX");
            counters.byName().forEach((name, t) -> timings.row(name, t.runs(), t.failed(),
                    Math.round(t.meanMillis()) + " ms", t.maxMillis() + " ms"));
            out.append("\n\n").append(timings.render());
        }
        return out.toString();
    }

    @Descriptor("lists the running tasks (id, name, seconds running, arguments): on this node, or with --all on every worker"
            + " of the cluster (Celery's inspect active, RabbitMQ)")
    public String active(
            @Descriptor("ask every worker, Java and Python, through Celery's remote control")
            @Parameter(names = {"-a", "--all"}, presentValue = "true", absentValue = "false") boolean all) throws Exception {
        if (all) {
            return clusterActive();
        }
        List<ActiveTask> active = status.active();
        if (active.isEmpty()) {
            return "No task runs on node " + status.nodeId() + ".";
        }
        Instant now = clock.instant();
        Table table = new Table("ID", "NAME", "RUNNING", "ARGUMENTS");
        for (ActiveTask task : active) {
            table.row(task.id(), task.name(), Duration.between(task.startedAt(), now).toSeconds() + "s",
                    TaskCommands.JSON.writeValueAsString(task.args()) + (task.kwargs().isEmpty() ? "" : " " + TaskCommands.JSON.writeValueAsString(task.kwargs())));
        }
        return table.render();
    }

    private String clusterActive() throws Exception {
        ClusterControl cluster = control;
        if (cluster == null) {
            throw new IllegalStateException("--all needs Celery's remote control, which the RabbitMQ broker (io.ovsworkers.broker.rabbitmq) provides");
        }
        Map<String, Object> replies = cluster.broadcast("active", Map.of(), REPLY_TIMEOUT);
        Table table = new Table("WORKER", "ID", "NAME", "ARGUMENTS");
        int rows = 0;
        for (Map.Entry<String, Object> reply : replies.entrySet()) {
            if (reply.getValue() instanceof List<?> tasks) {
                for (Object task : tasks) {
                    if (task instanceof Map<?, ?> info) {
                        table.row(reply.getKey(), info.get("id"), info.get("name"), TaskCommands.JSON.writeValueAsString(info.get("args"))
                                + (info.get("kwargs") instanceof Map<?, ?> kwargs && !kwargs.isEmpty() ? " " + TaskCommands.JSON.writeValueAsString(kwargs) : ""));
                        rows++;
                    }
                }
            }
        }
        String summary = replies.size() + " worker(s) replied";
        return rows == 0 ? "No task runs: " + summary + "." : table.render() + "\n" + summary + ".";
    }

    @Descriptor("pings every worker of the cluster, Java and Python, through Celery's remote control (RabbitMQ); on the"
            + " embedded broker only this node is known")
    public String workers() throws Exception {
        ClusterControl cluster = control;
        if (cluster == null) {
            return new Table("WORKER", "REPLY").row("java@" + status.nodeId() + " (this node)", "pong").render()
                    + "\nOnly this node: remote control needs the RabbitMQ broker (io.ovsworkers.broker.rabbitmq).";
        }
        Map<String, Object> replies = cluster.broadcast("ping", Map.of(), REPLY_TIMEOUT);
        if (replies.isEmpty()) {
            return "No worker replied within " + REPLY_TIMEOUT.toMillis() + " ms.";
        }
        Table table = new Table("WORKER", "REPLY");
        for (Map.Entry<String, Object> reply : replies.entrySet()) {
            String name = reply.getKey().equals(cluster.nodeName()) ? reply.getKey() + " (this node)" : reply.getKey();
            table.row(name, reply.getValue() instanceof Map<?, ?> ok && ok.containsKey("ok") ? ok.get("ok")
                    : TaskCommands.JSON.writeValueAsString(reply.getValue()));
        }
        return table.render() + "\n" + replies.size() + " worker(s) replied.";
    }

    @Descriptor("revokes a task on every worker: it will not run (kept in the store, so also after restarts); with"
            + " --terminate a running instance is interrupted")
    public String revoke(
            @Descriptor("also interrupt the task where it runs now")
            @Parameter(names = {"-t", "--terminate"}, presentValue = "true", absentValue = "false") boolean terminate,
            @Descriptor("task id") String taskId) throws Exception {
        boolean terminatedHere = revocations.revoke(taskId, terminate);
        StringBuilder out = new StringBuilder("Task " + taskId + " revoked" + (terminatedHere ? "; it was running here and was interrupted" : "") + ".");
        ClusterControl cluster = control;
        if (cluster != null) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("task_id", taskId);
            arguments.put("terminate", terminate);
            arguments.put("signal", "SIGTERM");
            Map<String, Object> replies = cluster.broadcast("revoke", arguments, REPLY_TIMEOUT);
            for (Map.Entry<String, Object> reply : replies.entrySet()) {
                out.append('\n').append(reply.getKey()).append(": ").append(TaskCommands.JSON.writeValueAsString(reply.getValue()));
            }
        }
        return out.toString();
    }

    @Descriptor("lists this node's queues and the dead-letter queue: messages waiting and consumers")
    public String queues() {
        Broker current = broker;
        if (current == null) {
            return "No broker is available on this node.";
        }
        Set<String> queues = new LinkedHashSet<>(status.queues());
        queues.add(Broker.DEAD_LETTER_QUEUE);
        Table table = new Table("QUEUE", "MESSAGES", "CONSUMERS");
        for (String queue : queues) {
            long depth = current.depth(queue);
            long consumers = current.consumers(queue);
            table.row(queue, depth < 0 ? "?" : depth, consumers < 0 ? "?" : consumers);
        }
        return table.render();
    }

    @Descriptor("prints this node's counters and timings in the Prometheus text format (also published over JMX as io.ovsworkers:type=WorkerMetrics)")
    public String metrics() {
        return PrometheusText.of(status, clock.instant());
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        List<String> parts = new ArrayList<>();
        if (seconds >= 86400) {
            parts.add(seconds / 86400 + "d");
        }
        if (seconds >= 3600) {
            parts.add(seconds % 86400 / 3600 + "h");
        }
        if (seconds >= 60) {
            parts.add(seconds % 3600 / 60 + "m");
        }
        parts.add(seconds % 60 + "s");
        return String.join(" ", parts);
    }
}
