package io.ovsworkers.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The output of status, active, workers, revoke, queues and metrics on a known state ({@link MonitorDoubles}). */
class MonitorCommandsTest {
    private final MonitorCommands commands = new MonitorCommands();
    private final MonitorDoubles.RecordingRevocations revocations = new MonitorDoubles.RecordingRevocations();
    private final MonitorDoubles.TwoWorkers cluster = new MonitorDoubles.TwoWorkers();

    @BeforeEach
    void wire() {
        commands.clock = Clock.fixed(MonitorDoubles.NOW, ZoneOffset.UTC);
        commands.status = new MonitorDoubles.FixedStatus();
        commands.revocations = revocations;
        commands.broker = new MonitorDoubles.ListBroker();
    }

    @Test
    void statusIsOneScreenAboutTheNode() {
        assertEquals("""
                Node:     n1 (master)
                Uptime:   1h 2m 5s
                Queues:   ovs_generic, ovs_masters, ovs_n1
                Tasks:    6 succeeded, 1 failed, 0 retried, 2 revoked; 1 running now
                BACKEND  SERVED BY       HEALTH  DETAIL
                broker   RabbitMqBroker  ok      ovs_deadletter holds 0
                results  none            DOWN    no results service is available

                TASK             RUNS  FAILED  MEAN    MAX
                ovs.mds.checkup  2     0       20 ms   30 ms
                ovs.vdisk.sync   5     1       500 ms  900 ms""", commands.status());
    }

    @Test
    void activeListsTheRunningTasks() throws Exception {
        assertEquals("""
                ID    NAME            RUNNING  ARGUMENTS
                id-1  ovs.vdisk.sync  12s      ["vd1",3] {"force":true}""", commands.active(false));
        ((MonitorDoubles.FixedStatus) commands.status).active.clear();
        assertEquals("No task runs on node n1.", commands.active(false));
    }

    @Test
    void activeAllAsksEveryWorker() throws Exception {
        commands.control = cluster;
        assertEquals("""
                WORKER      ID    NAME            ARGUMENTS
                java@n1     id-1  ovs.vdisk.sync  ["vd1"]
                celery@py1  id-2  ovs.py.scrub    [] {"vpool":"v1"}
                2 worker(s) replied.""", commands.active(true));
        commands.control = null;
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> commands.active(true));
        assertTrue(refused.getMessage().contains("io.ovsworkers.broker.rabbitmq"), refused.getMessage());
    }

    @Test
    void workersPingsEveryWorkerThroughTheClusterControl() throws Exception {
        commands.control = cluster;
        assertEquals("""
                WORKER               REPLY
                java@n1 (this node)  pong
                celery@py1           pong
                2 worker(s) replied.""", commands.workers());
    }

    @Test
    void withoutClusterControlWorkersShowsThisNodeOnly() throws Exception {
        String out = commands.workers();
        assertTrue(out.startsWith("""
                WORKER               REPLY
                java@n1 (this node)  pong"""), out);
        assertTrue(out.contains("Only this node"), out);
    }

    @Test
    void revokeMarksTheTaskAndTellsEveryWorker() throws Exception {
        commands.control = cluster;
        revocations.runningHere = true;
        assertEquals("""
                Task t-9 revoked; it was running here and was interrupted.
                java@n1: {"ok":"tasks t-9 flagged as revoked"}
                celery@py1: {"ok":"tasks t-9 flagged as revoked"}""", commands.revoke(true, "t-9"));
        assertEquals(List.of("t-9 terminate"), revocations.revoked);
        assertEquals(List.of("revoke {task_id=t-9, terminate=true, signal=SIGTERM}"), cluster.sent);
    }

    @Test
    void revokeWithoutClusterControlStaysLocal() throws Exception {
        assertEquals("Task t-9 revoked.", commands.revoke(false, "t-9"));
        assertEquals(List.of("t-9"), revocations.revoked);
    }

    @Test
    void queuesShowDepthAndConsumers() {
        assertEquals("""
                QUEUE           MESSAGES  CONSUMERS
                ovs_generic     3         2
                ovs_masters     ?         0
                ovs_n1          ?         0
                ovs_deadletter  0         0""", commands.queues());
        commands.broker = null;
        assertEquals("No broker is available on this node.", commands.queues());
    }

    @Test
    void metricsAreInThePrometheusTextFormat() {
        String metrics = commands.metrics();
        assertTrue(metrics.contains("# TYPE ovs_tasks_total counter\n"), metrics);
        assertTrue(metrics.contains("ovs_worker_uptime_seconds{node=\"n1\"} 3725\n"), metrics);
        assertTrue(metrics.contains("ovs_tasks_total{node=\"n1\",outcome=\"failed\"} 1\n"), metrics);
        assertTrue(metrics.contains("ovs_task_runs_total{node=\"n1\",task=\"ovs.vdisk.sync\"} 5\n"), metrics);
        assertTrue(metrics.contains("ovs_task_runtime_seconds_sum{node=\"n1\",task=\"ovs.vdisk.sync\"} 2.500\n"), metrics);
        assertTrue(metrics.contains("ovs_backend_up{node=\"n1\",role=\"results\"} 0\n"), metrics);
        for (String line : metrics.split("\n")) {
            assertTrue(line.startsWith("# ") || line.matches("[a-z_]+\\{[^}]*\\} [0-9.]+"), "not an exposition line: " + line);
        }
    }
}
