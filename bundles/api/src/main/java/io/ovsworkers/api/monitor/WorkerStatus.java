package io.ovsworkers.api.monitor;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What this node's workers are doing and have done since the node started. */
@ProviderType
public interface WorkerStatus {

    /** The machine id. */
    String nodeId();

    /** Whether this node is a master (consumes {@code ovs_masters}, may lead beat). */
    boolean master();

    /** When this node's worker runtime started. */
    Instant startedAt();

    /** The tasks running on this node now, oldest first. */
    List<ActiveTask> active();

    /** Counts and timings of the tasks this node ran. */
    TaskCounters counters();

    /** The backends (broker, result backend, key-value store) this node uses now, and their health. */
    List<BackendHealth> backends();

    /** The queues this node's workers consume now. */
    List<String> queues();

    /** Names of the tasks registered on this node, sorted. */
    List<String> registeredTasks();
}
