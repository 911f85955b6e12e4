package io.ovsworkers.embedded.internal;

import io.ovsworkers.api.TaskState;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.TaskResult;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task result as Celery's result meta in JSON, the value Celery's key-value backends keep under
 * {@code celery-task-meta-<id>}: status, result, traceback, children, date_done, task_id, then the extended fields
 * (not {@link TaskResult#REPLY_TO}, which only addresses rpc:// results).
 */
final class CeleryResultMeta {

    /** Key of a task's meta in the store; the {@code ovs_tasks_} prefix is Open vStorage's for Celery on Arakoon. */
    static final String KEY_PREFIX = "ovs_tasks_celery-task-meta-";

    private static final Set<String> CORE_FIELDS = Set.of("status", "result", "traceback", "date_done", "task_id");

    /** Python's {@code datetime.isoformat()} of Celery's naive UTC {@code date_done}. */
    private static final DateTimeFormatter DATE_DONE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private CeleryResultMeta() {
    }

    static String key(String taskId) {
        return KEY_PREFIX + taskId;
    }

    static byte[] encode(TaskResult result) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("status", result.state().name());
        meta.put("result", result.result());
        meta.put("traceback", result.traceback());
        meta.put("children", result.extra().getOrDefault("children", List.of()));
        meta.put("date_done", result.dateDone() == null ? null
                : DATE_DONE.format(LocalDateTime.ofInstant(result.dateDone().truncatedTo(ChronoUnit.MICROS),
                ZoneOffset.UTC)));
        meta.put("task_id", result.taskId());
        result.extra().forEach((field, value) -> {
            if (!CORE_FIELDS.contains(field) && !TaskResult.REPLY_TO.equals(field)) {
                meta.putIfAbsent(field, value);
            }
        });
        try {
            return Json.MAPPER.writeValueAsBytes(meta);
        } catch (IOException e) {
            throw new BackendException("Result of task " + result.taskId() + " is not JSON-shaped: " + e.getMessage(), e);
        }
    }

    static TaskResult decode(String taskId, byte[] json) {
        Map<String, Object> meta;
        try {
            meta = Json.MAPPER.readValue(json, Json.OBJECT_MAP);
        } catch (IOException e) {
            throw new BackendException("Stored result " + key(taskId) + " is not JSON: " + e.getMessage(), e);
        }
        Map<String, Object> extra = new LinkedHashMap<>(meta);
        CORE_FIELDS.forEach(extra::remove);
        return new TaskResult(taskId, state(taskId, meta.get("status")), meta.get("result"),
                text(taskId, meta, "traceback"), dateDone(taskId, text(taskId, meta, "date_done")), extra);
    }

    private static TaskState state(String taskId, Object status) {
        try {
            return TaskState.valueOf(String.valueOf(status));
        } catch (IllegalArgumentException e) {
            throw new BackendException("Stored result " + key(taskId) + " has an unknown status: " + status, e);
        }
    }

    private static String text(String taskId, Map<String, Object> meta, String field) {
        Object value = meta.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new BackendException("Stored result " + key(taskId) + " has a " + field + " that is not text: " + value);
    }

    /** Celery writes naive UTC times (5.2) or times with an offset (later versions); both are read. */
    private static Instant dateDone(String taskId, String text) {
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? Instant.from(parsed)
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BackendException("Stored result " + key(taskId) + " has an unreadable date_done: " + text, e);
        }
    }
}
