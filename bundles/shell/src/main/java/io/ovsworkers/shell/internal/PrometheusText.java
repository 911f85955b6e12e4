package io.ovsworkers.shell.internal;

import io.ovsworkers.api.monitor.BackendHealth;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.TaskTimings;
import io.ovsworkers.api.monitor.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A node's counters in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
    private final StringBuilder out = new StringBuilder();
    private final String node;

    private PrometheusText(String node) {
        this.node = node;
    }

    static String of(WorkerStatus status, Instant now) {
        PrometheusText text = new PrometheusText(status.nodeId());
        TaskCounters counters = status.counters();
        text.metric("ovs_worker_uptime_seconds", "gauge", "Seconds since the worker runtime started",
                Duration.between(status.startedAt(), now).toSeconds());
        text.metric("ovs_tasks_active", "gauge", "Tasks running now", status.active().size());
        text.help("ovs_tasks_total", "counter", "Task deliveries by outcome");
        text.sample("ovs_tasks_total", "outcome", "received", counters.received());
        text.sample("ovs_tasks_total", "outcome", "succeeded", counters.succeeded());
        text.sample("ovs_tasks_total", "outcome", "failed", counters.failed());
        text.sample("ovs_tasks_total", "outcome", "retried", counters.retried());
        text.sample("ovs_tasks_total", "outcome", "revoked", counters.revoked());
        text.help("ovs_task_runs_total", "counter", "Finished runs per task name");
        counters.byName().forEach((name, t) -> text.sample("ovs_task_runs_total", "task", name, t.runs()));
        text.help("ovs_task_failures_total", "counter", "Failed runs per task name");
        counters.byName().forEach((name, t) -> text.sample("ovs_task_failures_total", "task", name, t.failed()));
        text.help("ovs_task_runtime_seconds_sum", "counter", "Summed run time per task name");
        counters.byName().forEach((name, t) -> text.sample("ovs_task_runtime_seconds_sum", "task", name, t.totalMillis() / 1000.0));
        text.help("ovs_task_runtime_seconds_max", "gauge", "Longest run per task name");
        for (Map.Entry<String, TaskTimings> entry : counters.byName().entrySet()) {
            text.sample("ovs_task_runtime_seconds_max", "task", entry.getKey(), entry.getValue().maxMillis() / 1000.0);
        }
        text.help("ovs_backend_up", "gauge", "Whether each backend in use answered (1) or not (0)");
        for (BackendHealth backend : status.backends()) {
            text.sample("ovs_backend_up", "role", backend.role(), backend.healthy() ? 1 : 0);
        }
        return text.out.toString();
    }

    private void metric(String name, String type, String help, long value) {
        help(name, type, help);
        out.append(name).append("{node=\"").append(escape(node)).append("\"} ").append(value).append('\n');
    }

    private void help(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String label, String labelValue, Number value) {
        out.append(name).append("{node=\"").append(escape(node)).append("\",").append(label).append("=\"").append(escape(labelValue))
                .append("\"} ").append(value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
