package io.ovsworkers.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One task, by name. Inline calls run in the caller's thread through the same dispatcher path that workers use
 * (argument mapping, ensure-single); asynchronous calls go through the broker to a worker.
 */
@ProviderType
public interface TaskRef {

    String name();

    /**
     * Runs the task inline with positional arguments and returns what the method returned.
     *
     * @throws TaskNotFoundException if no plugin provides the task now
     * @throws TaskArgumentException if the arguments do not fit the method's parameters
     * @throws TaskFailedException if the task threw; the cause is the task's exception
     */
    Object call(Object... args);

    /** Like {@link #call(Object...)}, with keyword arguments too. */
    Object call(List<?> args, Map<String, ?> kwargs);

    /**
     * Runs the task inline and returns its outcome as a ready result: the task's exception does not propagate,
     * it becomes a {@link TaskState#FAILURE}, as Celery's {@code apply}. Argument errors still throw.
     */
    AsyncResult apply(List<?> args, Map<String, ?> kwargs);

    /** Sends the task to a worker on the default route. */
    AsyncResult delay(Object... args);

    /**
     * Sends the task to a worker.
     *
     * @throws NoBrokerException if no broker is available on this node
     */
    AsyncResult applyAsync(List<?> args, Map<String, ?> kwargs, TaskOptions options);
}
