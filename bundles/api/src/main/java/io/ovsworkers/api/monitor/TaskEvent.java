package io.ovsworkers.api.monitor;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a task on this node.
 *
 * @param type what happened
 * @param taskId the task id
 * @param taskName the task name
 * @param timestamp when
 * @param fields the event's fields as Celery names them, JSON shaped: {@code args}, {@code kwargs}, {@code retries},
 *               {@code eta}, {@code expires} (received); {@code result}, {@code runtime} seconds (succeeded);
 *               {@code exception}, {@code traceback} (failed, retried); {@code terminated}, {@code expired} (revoked)
 */
public record TaskEvent(TaskEventType type, String taskId, String taskName, Instant timestamp, Map<String, Object> fields) {
    public TaskEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(timestamp, "timestamp");
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
