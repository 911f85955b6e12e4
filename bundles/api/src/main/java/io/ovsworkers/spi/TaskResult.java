package io.ovsworkers.spi;

import io.ovsworkers.api.TaskState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A task's state as a result backend keeps it, the content of Celery's result meta.
 *
 * @param taskId the task id
 * @param state the state
 * @param result the return value (SUCCESS), the exception as {@code {exc_type, exc_message, exc_module}}
 *               (FAILURE, REVOKED) or progress meta (other states); JSON-shaped
 * @param traceback the failure's traceback text, or null
 * @param dateDone when a final state was reached, or null
 * @param extra other meta fields (name, args, kwargs, worker, retries, queue, children), JSON-shaped; under
 *              {@link #REPLY_TO} the queue the task's caller awaits results on
 */
public record TaskResult(String taskId, TaskState state, Object result, String traceback, Instant dateDone,
                         Map<String, Object> extra) {
    /**
     * The {@link #extra()} key naming the task message's {@code reply_to} queue, where Celery's rpc:// backend sends
     * the result. It addresses the result rather than describing the task: stores do not keep it.
     */
    public static final String REPLY_TO = "reply_to";

    public TaskResult {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public static TaskResult pending(String taskId) {
        return new TaskResult(taskId, TaskState.PENDING, null, null, null, Map.of());
    }
}
