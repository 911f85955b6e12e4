package io.ovsworkers.celery.internal;

import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.monitor.ActiveTask;
import io.ovsworkers.api.monitor.BackendHealth;
import io.ovsworkers.api.monitor.Revocations;
import io.ovsworkers.api.monitor.TaskCounters;
import io.ovsworkers.api.monitor.TaskTimings;
import io.ovsworkers.api.monitor.WorkerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test doubles of the core's monitoring services (the core's worker runtime is a module of its own, tested there):
 * a fixed {@link WorkerStatus} and {@link Revocations} that records what it is told. What these tests check is the
 * Celery wire side, which runs for real against RabbitMQ and Python Celery.
 */
final class MonitorDoubles {
    private MonitorDoubles() {
    }

    static NodeInfo node(String machineId) {
        return new NodeInfo() {
            @Override
            public String machineId() {
                return machineId;
            }

            @Override
            public boolean master() {
                return true;
            }
        };
    }

    /** A node with two registered tasks, one of them running. */
    static final class FixedStatus implements WorkerStatus {
        final List<ActiveTask> active = new CopyOnWriteArrayList<>();

        @Override
        public String nodeId() {
            return "m1";
        }

        @Override
        public boolean master() {
            return true;
        }

        @Override
        public Instant startedAt() {
            return Instant.now().minusSeconds(5);
        }

        @Override
        public List<ActiveTask> active() {
            return active;
        }

        @Override
        public TaskCounters counters() {
            return new TaskCounters(4, 3, 1, 0, 0, Map.of("ovs.test.add", new TaskTimings(4, 1, 40, 20)));
        }

        @Override
        public List<BackendHealth> backends() {
            return List.of();
        }

        @Override
        public List<String> queues() {
            return List.of("ovs_generic");
        }

        @Override
        public List<String> registeredTasks() {
            return List.of("ovs.test.add", "ovs.test.sleep");
        }
    }

    /** Records revocations: "id" or "id terminate". */
    static final class RecordingRevocations implements Revocations {
        final List<String> revoked = new CopyOnWriteArrayList<>();

        @Override
        public boolean revoke(String taskId, boolean terminate) {
            revoked.add(terminate ? taskId + " terminate" : taskId);
            return false;
        }

        @Override
        public boolean terminateLocal(String taskId) {
            return false;
        }

        @Override
        public boolean revoked(String taskId) {
            return revoked.stream().anyMatch(r -> r.startsWith(taskId));
        }

        @Override
        public List<String> revokedIds(int max) {
            return new ArrayList<>(revoked.stream().map(r -> r.split(" ")[0]).distinct().limit(max).toList());
        }
    }
}
