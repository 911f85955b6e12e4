package io.ovsworkers.shell.internal;

import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.BackendHealth;
import io.ovsworkers.api.monitor.ClusterControl;
import io.ovsworkers.api.monitor.Revocations;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.TaskTimings;
import io.ovsworkers.api.monitor.WorkerStatus;
import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.DeliveryHandler;
import io.ovsworkers.spi.Subscription;
import io.ovsworkers.spi.TaskMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test doubles of the services the shell commands read, on a known state: the real ones (the core's worker monitor,
 * the Celery remote control, the brokers) are tested in their modules; these tests are about the shell's output.
 */
final class MonitorDoubles {
    static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    private MonitorDoubles() {
    }

    /** Node n1, master, up 1 h 2 min 5 s, one task running, ran 7 (1 failed), backends: broker ok, results down. */
    static final class FixedStatus implements WorkerStatus {
        final List<ActiveTask> active = new ArrayList<>(List.of(new ActiveTask("id-1", "ovs.vdisk.sync", List.of("vd1", 3),
                Map.of("force", true), NOW.minusSeconds(12), "generic.default", false)));

        @Override
        public String nodeId() {
            return "n1";
        }

        @Override
        public boolean master() {
            return true;
        }

        @Override
        public Instant startedAt() {
            return NOW.minusSeconds(3725);
        }

        @Override
        public List<ActiveTask> active() {
            return active;
        }

        @Override
        public TaskCounters counters() {
            return new TaskCounters(9, 6, 1, 0, 2, Map.of("ovs.vdisk.sync", new TaskTimings(5, 1, 2500, 900),
                    "ovs.mds.checkup", new TaskTimings(2, 0, 40, 30)));
        }

        @Override
        public List<BackendHealth> backends() {
            return List.of(new BackendHealth("broker", "RabbitMqBroker", true, "ovs_deadletter holds 0"),
                    new BackendHealth("results", "none", false, "no results service is available"));
        }

        @Override
        public List<String> queues() {
            return List.of("ovs_generic", "ovs_masters", "ovs_n1");
        }

        @Override
        public List<String> registeredTasks() {
            return List.of("ovs.mds.checkup", "ovs.vdisk.sync");
        }
    }

    /** Records revocations; says the task ran here when told so. */
    static final class RecordingRevocations implements Revocations {
        final List<String> revoked = new ArrayList<>();
        boolean runningHere;

        @Override
        public boolean revoke(String taskId, boolean terminate) {
            revoked.add(taskId + (terminate ? " terminate" : ""));
            return terminate && runningHere;
        }

        @Override
        public boolean terminateLocal(String taskId) {
            return runningHere;
        }

        @Override
        public boolean revoked(String taskId) {
            return revoked.stream().anyMatch(r -> r.startsWith(taskId));
        }

        @Override
        public List<String> revokedIds(int max) {
            return revoked.stream().limit(max).toList();
        }
    }

    /** A cluster of this node and a Python worker, replying with what each is given. */
    static final class TwoWorkers implements ClusterControl {
        final List<String> sent = new ArrayList<>();

        @Override
        public Map<String, Object> broadcast(String method, Map<String, Object> arguments, Duration timeout) {
            sent.add(method + " " + arguments);
            Map<String, Object> replies = new LinkedHashMap<>();
            if (method.equals("active")) {
                replies.put("java@n1", List.of(Map.of("id", "id-1", "name", "ovs.vdisk.sync", "args", List.of("vd1"), "kwargs", Map.of())));
                replies.put("celery@py1", List.of(Map.of("id", "id-2", "name", "ovs.py.scrub", "args", List.of(), "kwargs", Map.of("vpool", "v1"))));
                return replies;
            }
            Object reply = method.equals("ping") ? Map.of("ok", "pong") : Map.of("ok", "tasks " + arguments.get("task_id") + " flagged as revoked");
            replies.put("java@n1", reply);
            replies.put("celery@py1", reply);
            return replies;
        }

        @Override
        public String nodeName() {
            return "java@n1";
        }
    }

    /** Queues in memory: ovs_generic with 3 messages and 2 consumers, a dead-letter queue with what a test puts there. */
    static final class ListBroker implements Broker {
        final Map<String, List<TaskMessage>> queues = new LinkedHashMap<>();

        ListBroker() {
            queues.put("ovs_generic", new ArrayList<>(List.of(message("g1"), message("g2"), message("g3"))));
            queues.put(DEAD_LETTER_QUEUE, new ArrayList<>());
        }

        static TaskMessage message(String id) {
            return new TaskMessage(id, "ovs.vdisk.sync", List.of("vd1"), Map.of(), "generic.default", null, null, null, 0, null, Map.of());
        }

        @Override
        public void declareQueue(String queue, String bindingPattern) {
            queues.putIfAbsent(queue, new ArrayList<>());
        }

        @Override
        public void publish(TaskMessage message) {
            throw new UnsupportedOperationException("not used by the shell");
        }

        @Override
        public Subscription subscribe(String queue, int prefetch, DeliveryHandler handler) {
            throw new UnsupportedOperationException("not used by the shell");
        }

        @Override
        public long depth(String queue) {
            return queues.containsKey(queue) ? queues.get(queue).size() : -1;
        }

        @Override
        public long consumers(String queue) {
            return queue.equals("ovs_generic") ? 2 : 0;
        }

        @Override
        public List<TaskMessage> browse(String queue, int max) {
            return queues.get(queue).stream().limit(max).toList();
        }

        @Override
        public long move(String from, String to) {
            List<TaskMessage> moved = queues.get(from);
            queues.get(to).addAll(moved);
            queues.put(from, new ArrayList<>());
            return moved.size();
        }

        @Override
        public long purge(String queue) {
            long purged = queues.get(queue).size();
            queues.get(queue).clear();
            return purged;
        }
    }
}
