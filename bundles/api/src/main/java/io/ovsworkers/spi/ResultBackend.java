package io.ovsworkers.spi;

import java.time.Duration;
import java.util.List;
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

    /**
     * Stores a group of tasks as Celery's {@code GroupResult.save()} does: the ids of its member tasks, in order. It is
     * readable by {@link #getGroup(String)} when this returns; the members' own results are stored as usual.
     *
     * @throws UnsupportedOperationException if this backend keeps no groups
     */
    default void saveGroup(String groupId, List<String> taskIds) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no groups");
    }

    /**
     * The member task ids of a saved group, in order (Celery's {@code GroupResult.restore()}); empty when no such group
     * is stored.
     *
     * @throws UnsupportedOperationException if this backend keeps no groups
     */
    default Optional<List<String>> getGroup(String groupId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no groups");
    }

    /**
     * Removes a saved group; the results of its members stay.
     *
     * @throws UnsupportedOperationException if this backend keeps no groups
     */
    default void forgetGroup(String groupId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no groups");
    }
}
