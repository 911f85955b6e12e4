package io.ovsworkers.api.monitor;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The task running on the current thread, as a running task sees itself: it may report progress, as Celery's
 * {@code self.update_state(state='PROGRESS', meta={...})} does. Callers read it with {@code ovs:result} or
 * {@code AsyncResult.state()}.
 *
 * <pre>
 * TaskContext.current().ifPresent(task -&gt; task.reportProgress(Map.of("done", 3, "total", 10)));
 * </pre>
 */
@ProviderType
public interface TaskContext {

    String taskId();

    String taskName();

    /**
     * Records a state that is not final with its meta, for callers to read. Final states are the runtime's.
     *
     * @param state a state name such as {@code PROGRESS}
     * @param meta JSON-shaped meta
     * @throws IllegalArgumentException if the state is a final one (SUCCESS, FAILURE, REVOKED)
     */
    void updateState(String state, Map<String, Object> meta);

    /** Records state PROGRESS with this meta. */
    default void reportProgress(Map<String, Object> meta) {
        updateState("PROGRESS", meta);
    }

    /** The task that runs on this thread, when a worker runs one here. */
    static Optional<TaskContext> current() {
        return Optional.ofNullable(TaskContextBinding.CURRENT.get());
    }

    /**
     * For the worker runtime: makes {@code context} the current task of this thread until the returned binding is
     * closed, which restores the previous one.
     */
    static Binding bind(TaskContext context) {
        TaskContext previous = TaskContextBinding.CURRENT.get();
        TaskContextBinding.CURRENT.set(context);
        return () -> {
            if (previous == null) {
                TaskContextBinding.CURRENT.remove();
            } else {
                TaskContextBinding.CURRENT.set(previous);
            }
        };
    }

    /** Ends a {@link #bind(TaskContext) binding}. */
    @FunctionalInterface
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
