/**
 * Watching and steering running workers: {@link io.ovsworkers.api.monitor.WorkerStatus} (this node's active tasks,
 * counters and backends), {@link io.ovsworkers.api.monitor.Revocations} (revoke and terminate tasks cluster-wide),
 * {@link io.ovsworkers.api.monitor.TaskEventListener} (a whiteboard the worker runtime tells of every task event),
 * {@link io.ovsworkers.api.monitor.ClusterControl} (Celery remote control of every worker, when a broker offers it)
 * and {@link io.ovsworkers.api.monitor.TaskContext} (what a running task may tell about itself: progress).
 */
@Export
@Version("1.0.0")
package io.ovsworkers.api.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
