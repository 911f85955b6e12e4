package io.ovsworkers.spi;

import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Keeps task states and results where callers on any node can read them. */
@ProviderType
public interface ResultBackend {

    /** Stores the state durably; it is readable by {@link #get(String)} when this returns. */
    void store(TaskResult result);

    /** The last stored state, or empty when nothing is known of the task (Celery then says PENDING). */
    Optional<TaskResult> get(String taskId);

    /**
     * Waits until the task reaches a final state or the timeout passes, and returns the last known state
     * (PENDING when nothing is known). Implementations wake on the store where they can rather than poll tightly.
     */
    TaskResult await(String taskId, Duration timeout) throws InterruptedException;

    /** Removes what is stored of the task. */
    void forget(String taskId);
}
