package io.ovsworkers.arakoon.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Celery's result meta as JSON, the value Celery's key-value result backends keep under
 * {@code celery-task-meta-<id>}: status, result, traceback, children, date_done, task_id, then extended fields
 * (not {@link TaskResult#REPLY_TO}, which only addresses rpc:// results).
 */
final class CeleryMeta {
    static final String TASK_META = "celery-task-meta-";
    static final String GROUP_META = "celery-taskset-meta-";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JavaType OBJECT_MAP =
            MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
    private static final Set<String> CORE_FIELDS = Set.of("status", "result", "traceback", "date_done", "task_id");
    /** Python's {@code datetime.isoformat()} of Celery's naive UTC {@code date_done}. */
    private static final DateTimeFormatter DATE_DONE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private CeleryMeta() {
    }

    static byte[] encode(TaskResult result) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("status", result.state().name());
        meta.put("result", result.result());
        meta.put("traceback", result.traceback());
        meta.put("children", result.extra().getOrDefault("children", List.of()));
        meta.put("date_done", result.dateDone() == null ? null : DATE_DONE.format(
                LocalDateTime.ofInstant(result.dateDone().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
        meta.put("task_id", result.taskId());
        result.extra().forEach((field, value) -> {
            if (!CORE_FIELDS.contains(field) && !TaskResult.REPLY_TO.equals(field)) {
                meta.putIfAbsent(field, value);
            }
        });
        try {
            return MAPPER.writeValueAsBytes(meta);
        } catch (IOException e) {
            throw new BackendException("Result of task " + result.taskId() + " is not JSON-shaped: " + e.getMessage(),
                    e);
        }
    }

    static TaskResult decode(String key, String taskId, byte[] json) {
        Map<String, Object> meta = read(key, json);
        Map<String, Object> extra = new LinkedHashMap<>(meta);
        CORE_FIELDS.forEach(extra::remove);
        return new TaskResult(taskId, state(key, meta.get("status")), meta.get("result"), text(key, meta, "traceback"),
                dateDone(key, text(key, meta, "date_done")), extra);
    }

    /**
     * Celery's group meta, {@code {"result": GroupResult.as_tuple()}}: {@code [[group id, parent], [member, ...]]}
     * with each member {@code [[task id, parent], null]}; and {@code date_done}, which Celery does not write, for the
     * cleanup.
     */
    static byte[] encodeGroup(String groupId, List<String> taskIds, Instant savedAt) {
        List<Object> members = taskIds.stream().<Object>map(id -> Arrays.asList(Arrays.asList(id, null), null)).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("result", List.of(Arrays.asList(groupId, null), members));
        meta.put("date_done", DATE_DONE.format(LocalDateTime.ofInstant(savedAt.truncatedTo(ChronoUnit.MICROS),
                ZoneOffset.UTC)));
        try {
            return MAPPER.writeValueAsBytes(meta);
        } catch (IOException e) {
            throw new BackendException("Group " + groupId + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The member task ids of a stored group; a member that is itself a group is refused. */
    static List<String> decodeGroup(String key, byte[] json) {
        Object result = read(key, json).get("result");
        if (!(result instanceof List<?> tuple) || tuple.size() != 2 || !(tuple.get(1) instanceof List<?> members)) {
            throw new BackendException("Stored group " + key + " has no [[id, parent], members] result: " + result);
        }
        List<String> taskIds = new ArrayList<>();
        for (Object member : members) {
            if (!(member instanceof List<?> node) || node.size() != 2) {
                throw new BackendException("Stored group " + key + " has a member that is not [[id, parent], children]: "
                        + member);
            }
            if (node.get(1) != null) {
                throw new BackendException("Stored group " + key + " has a group as member, " + node.get(0)
                        + "; only groups of tasks are read");
            }
            taskIds.add(resultId(key, node.get(0)));
        }
        return taskIds;
    }

    /** When the group was saved, empty when unknown (Celery does not write it). */
    static Optional<Instant> groupSavedAt(String key, byte[] json) {
        return Optional.ofNullable(dateDone(key, text(key, read(key, json), "date_done")));
    }

    /** Celery writes a result's id either alone or with its parent, {@code [id, parent]}. */
    private static String resultId(String key, Object idAndParent) {
        Object id = idAndParent instanceof List<?> pair && !pair.isEmpty() ? pair.get(0) : idAndParent;
        if (id instanceof String text) {
            return text;
        }
        throw new BackendException("Stored group " + key + " has a member without a task id: " + idAndParent);
    }

    private static Map<String, Object> read(String key, byte[] json) {
        try {
            return MAPPER.readValue(json, OBJECT_MAP);
        } catch (IOException e) {
            throw new BackendException("Stored value " + key + " is not Celery's JSON meta: " + e.getMessage(), e);
        }
    }

    private static TaskState state(String key, Object status) {
        try {
            return TaskState.valueOf(String.valueOf(status));
        } catch (IllegalArgumentException e) {
            throw new BackendException("Stored result " + key + " has an unknown status: " + status, e);
        }
    }

    private static String text(String key, Map<String, Object> meta, String field) {
        Object value = meta.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new BackendException("Stored result " + key + " has a " + field + " that is not text: " + value);
    }

    /** Celery writes naive UTC times (5.2) or times with an offset (later versions); both are read. */
    private static Instant dateDone(String key, String text) {
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? Instant.from(parsed)
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BackendException("Stored result " + key + " has an unreadable date_done: " + text, e);
        }
    }
}
